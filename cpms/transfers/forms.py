"""HTML input for a transfer (a two-step form: fill in, then confirm)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cpms.cases.forms import DATE, DATETIME
from cpms.core.forms import BootstrapForm
from cpms.geography.models import AdminUnit


class CommuneChoiceField(forms.ModelChoiceField[AdminUnit]):
    def label_from_instance(self, obj: AdminUnit) -> str:
        return f"{obj.name} — {obj.parent.name}" if obj.parent is not None else obj.name


class TransferForm(BootstrapForm):
    to_commune = CommuneChoiceField(
        label=_("Chuyển đến xã, phường"), queryset=AdminUnit.objects.none()
    )
    moved_on = forms.DateField(label=_("Ngày trẻ chuyển đến nơi ở mới"), widget=DATE)
    address = forms.CharField(
        label=_("Địa chỉ mới của trẻ"),
        max_length=300,
        required=False,
        help_text=_("Để trống nếu chưa biết; hồ sơ trẻ giữ địa chỉ cũ."),
    )
    reason = forms.CharField(
        label=_("Lý do chuyển"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    from_access_until = forms.DateTimeField(
        label=_("Xã hiện tại còn được xem trường hợp đến"),
        widget=DATETIME,
        required=False,
        help_text=_("Để trống: %(days)s ngày kể từ khi chuyển."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirmed = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, communes: QuerySet[AdminUnit], access_days: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_commune"].queryset = communes  # type: ignore[attr-defined]
        help_text = self.fields["from_access_until"].help_text
        self.fields["from_access_until"].help_text = help_text % {"days": access_days}
