from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cpms.core.forms import BootstrapForm

from .validation import ALLOWED, check_upload


class AttachmentForm(BootstrapForm):
    file = forms.FileField(
        label=_("Tệp"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED)}),
    )
    description = forms.CharField(label=_("Mô tả"), max_length=300, required=False)
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"idempotency_key": uuid.uuid4()})
        super().__init__(*args, **kwargs)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return upload


class WithdrawForm(BootstrapForm):
    reason = forms.CharField(
        label=_("Lý do rút"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
