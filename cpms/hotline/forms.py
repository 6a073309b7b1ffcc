"""HTML input for the call log: parse and validate only; services do the saving."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpms.accounts.scope import AnyUser
from cpms.core.forms import BootstrapForm
from cpms.geography.models import AdminUnit
from cpms.intake.choices import ChildSex, ReporterRelation, Setting
from cpms.intake.forms import DATETIME_WIDGET, TEXTAREA, ConcernTypeField
from cpms.intake.models import ConcernType
from cpms.intake.selectors import report_communes_for

from .choices import CallType
from .services import CallChildData, CallData, ForwardData

DURATION = re.compile(r"^\s*(\d{1,3})(?::([0-5]\d))?\s*$")


class DurationField(forms.Field):
    """Minutes, or minutes:seconds as read off the phone ("12" or "12:30")."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "10"})

    def to_python(self, value: Any) -> int:
        text = str(value or "").strip()
        if not text:
            return 0
        match = DURATION.match(text)
        if match is None:
            raise forms.ValidationError(_("Ghi số phút, hoặc phút:giây (ví dụ 12:30)."))
        return int(match.group(1)) * 60 + int(match.group(2) or 0)


class CallForm(BootstrapForm):
    call_type = forms.ChoiceField(
        label=_("Loại cuộc gọi"), choices=CallType.choices, widget=forms.RadioSelect
    )
    received_at = forms.DateTimeField(
        label=_("Thời gian nhận cuộc gọi"), widget=DATETIME_WIDGET, help_text=_("dd/mm/yyyy hh:mm")
    )
    duration = DurationField(label=_("Thời lượng (phút hoặc phút:giây)"), required=False)
    summary = forms.CharField(
        label=_("Nội dung cuộc gọi"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        required=False,
    )
    case_ref = forms.CharField(
        label=_("Mã trường hợp đã biết (khi cập nhật)"), max_length=100, required=False
    )
    caller_relation = forms.ChoiceField(
        label=_("Người gọi là"), choices=ReporterRelation.choices, initial=ReporterRelation.UNKNOWN
    )
    caller_anonymous = forms.BooleanField(label=_("Người gọi giấu tên"), required=False)
    caller_name = forms.CharField(label=_("Họ và tên người gọi"), max_length=200, required=False)
    caller_phone = forms.CharField(
        label=_("Số điện thoại người gọi"), max_length=30, required=False
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "received_at": timezone.localtime().replace(second=0, microsecond=0),
                "idempotency_key": uuid.uuid4(),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["call_type"].widget.attrs["class"] = "form-check-input"

    def to_data(self, children: list[CallChildData]) -> CallData:
        d = self.cleaned_data
        return CallData(
            call_type=d["call_type"],
            received_at=d["received_at"],
            duration_seconds=d["duration"],
            caller_relation=d["caller_relation"],
            caller_anonymous=d["caller_anonymous"],
            caller_name=d["caller_name"] or "",
            caller_phone=d["caller_phone"] or "",
            summary=d["summary"] or "",
            case_ref=d["case_ref"] or "",
            children=children,
        )


class CallChildForm(BootstrapForm):
    full_name = forms.CharField(label=_("Họ và tên trẻ (nếu biết)"), max_length=200, required=False)
    age_estimate = forms.IntegerField(
        label=_("Tuổi (ước lượng)"), min_value=0, max_value=17, required=False
    )
    sex = forms.ChoiceField(
        label=_("Giới tính"), choices=ChildSex.choices, initial=ChildSex.UNKNOWN
    )
    condition = forms.CharField(
        label=_("Tình trạng của trẻ"), widget=TEXTAREA, max_length=4000, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("full_name") and not data.get("condition"):
            raise forms.ValidationError(
                _("Ghi họ tên trẻ hoặc mô tả tình trạng của trẻ để phân biệt các trẻ.")
            )
        return data

    def to_data(self) -> CallChildData:
        d = self.cleaned_data
        return CallChildData(
            full_name=d["full_name"] or "",
            age_estimate=d["age_estimate"],
            sex=d["sex"],
            condition=d["condition"] or "",
        )


CallChildFormSet = forms.formset_factory(CallChildForm, extra=3, max_num=10)


def children_data(formset: Any) -> list[CallChildData]:
    """The rows the operator filled in; untouched blank rows are skipped."""
    return [form.to_data() for form in formset if form.has_changed()]


class ForwardForm(BootstrapForm):
    commune = forms.ModelChoiceField(
        label=_("Chuyển đến xã, phường (nơi trẻ sống hoặc nơi xảy ra vụ việc)"),
        queryset=AdminUnit.objects.none(),
    )
    description = forms.CharField(
        label=_("Nội dung thông tin"), widget=forms.Textarea(attrs={"rows": 5}), max_length=8000
    )
    concern_types = ConcernTypeField(
        label=_("Loại vụ việc"),
        queryset=ConcernType.objects.filter(active=True).order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    setting = forms.ChoiceField(
        label=_("Môi trường xảy ra"), choices=Setting.choices, initial=Setting.UNKNOWN
    )
    place = forms.CharField(label=_("Địa điểm xảy ra vụ việc"), max_length=300, required=False)
    immediate_danger = forms.BooleanField(
        label=_("Trẻ đang bị hoặc có nguy cơ bị tổn hại nghiêm trọng (cần can thiệp trong 12 giờ)"),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, viewer: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = report_communes_for(viewer)  # type: ignore[attr-defined]

    def to_data(self) -> ForwardData:
        d = self.cleaned_data
        return ForwardData(
            commune=d["commune"],
            description=d["description"],
            concern_types=list(d["concern_types"]),
            setting=d["setting"],
            place=d["place"] or "",
            immediate_danger=d["immediate_danger"],
        )


class CallFilterForm(BootstrapForm):
    call_type = forms.ChoiceField(
        label=_("Loại cuộc gọi"), choices=[("", _("Tất cả")), *CallType.choices], required=False
    )
    date_from = forms.DateField(label=_("Từ ngày"), required=False)
    date_to = forms.DateField(label=_("Đến ngày"), required=False)
