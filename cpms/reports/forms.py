from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpms.core.forms import BootstrapForm
from cpms.geography.models import AdminUnit

from .choices import ReportKind
from .models import PeriodicReport
from .periods import period_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CreateForm(BootstrapForm):
    unit = forms.ModelChoiceField(queryset=AdminUnit.objects.none(), label=_("Đơn vị báo cáo"))
    kind = forms.ChoiceField(choices=ReportKind.choices, label=_("Loại báo cáo"))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Kỳ 6 tháng"),
        choices=[(1, _("6 tháng đầu năm")), (2, _("6 tháng cuối năm"))],
        coerce=int,
        required=False,
        help_text=_("Chỉ dùng cho báo cáo 6 tháng."),
    )
    start = forms.DateField(label=_("Từ ngày"), required=False, widget=DATE)
    end = forms.DateField(label=_("Đến ngày"), required=False, widget=DATE)
    due_on = forms.DateField(label=_("Hạn gửi"), required=False, widget=DATE)

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year, "half": 1})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if units.count() == 1:
            self.fields["unit"].initial = units.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ReportKind.AD_HOC:
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError(_("Báo cáo đột xuất cần ngày bắt đầu và kết thúc."))
        elif kind and data.get("year"):
            data["start"], data["end"] = period_for(kind, data["year"], data.get("half") or 1)
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        return self.cleaned_data["start"], self.cleaned_data["end"]


class EditForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    general_situation = forms.CharField(
        label=_("I. Tình hình chung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    results = forms.CharField(
        label=_("II. Kết quả thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    difficulties = forms.CharField(
        label=_("III. Khó khăn, vướng mắc"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    recommendations = forms.CharField(
        label=_("IV. Kiến nghị, đề xuất"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    doc_number = forms.IntegerField(label=_("Số văn bản"), required=False, min_value=1)
    doc_symbol = forms.CharField(label=_("Ký hiệu"), max_length=40)
    signer_authority = forms.CharField(
        label=_("Thẩm quyền ký (TM., KT. …)"), max_length=100, required=False
    )
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=100)
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=150, required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Để trống: gửi Ủy ban nhân dân cấp trên và Sở Y tế."),
    )

    @classmethod
    def for_report(cls, report: PeriodicReport) -> EditForm:
        initial = {name: getattr(report, name) for name in cls.base_fields}
        return cls(initial=initial)

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ReturnForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
