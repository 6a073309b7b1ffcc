from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cpms.core.forms import BootstrapForm
from cpms.core.text import normalize_text

from .models import REASON_MIN_LENGTH


class EmergencyAccessForm(BootstrapForm):
    reference = forms.CharField(
        label=_("Mã trường hợp"),
        max_length=64,
        help_text=_("Mã định danh của trường hợp (dạng 8-4-4-4-12 ký tự)."),
    )
    reason = forms.CharField(
        label=_("Lý do cần truy cập khẩn cấp"),
        min_length=REASON_MIN_LENGTH,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ghi rõ tình huống khẩn cấp. Lý do, thời điểm và mọi lần xem được ghi nhật ký và "
            "báo cho Chủ tịch UBND xã, phường."
        ),
    )

    def clean_reference(self) -> uuid.UUID:
        try:
            return uuid.UUID(self.cleaned_data["reference"].strip())
        except ValueError as exc:
            raise ValidationError(_("Mã trường hợp không đúng định dạng.")) from exc

    def clean_reason(self) -> str:
        return normalize_text(self.cleaned_data["reason"]).strip()
