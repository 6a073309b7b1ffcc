"""HTML input for intake: parse and validate only; services do the saving."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpms.accounts.scope import AnyUser
from cpms.core.forms import BootstrapForm
from cpms.geography.models import AdminUnit

from .choices import Channel, ChildSex, ReporterRelation, Setting
from .models import ConcernType
from .selectors import report_communes_for
from .services import ReportChildData, ReportData

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
DATETIME_WIDGET = forms.DateTimeInput(
    attrs={"placeholder": "dd/mm/yyyy hh:mm"}, format="%d/%m/%Y %H:%M"
)
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ConcernTypeField(forms.ModelMultipleChoiceField[ConcernType]):
    def label_from_instance(self, obj: ConcernType) -> str:
        return f"— {obj.name}" if obj.parent_id else obj.name


class ReportChildForm(BootstrapForm):
    """Mẫu 01 §2: the child as reported. Everything may be unknown except something to
    tell the child apart (a name or a description of the condition)."""

    full_name = forms.CharField(label=_("Họ và tên trẻ (nếu biết)"), max_length=200, required=False)
    birth_date = forms.DateField(
        label=_("Ngày sinh (nếu biết)"), widget=DATE_WIDGET, required=False
    )
    age_estimate = forms.IntegerField(
        label=_("Hoặc tuổi ước lượng"), min_value=0, max_value=17, required=False
    )
    sex = forms.ChoiceField(
        label=_("Giới tính"), choices=ChildSex.choices, initial=ChildSex.UNKNOWN
    )
    condition = forms.CharField(
        label=_("Tình trạng hiện tại của trẻ"), widget=TEXTAREA, max_length=4000, required=False
    )
    likely_consequences = forms.CharField(
        label=_("Hậu quả có thể xảy ra nếu không được hỗ trợ, can thiệp"),
        widget=TEXTAREA,
        max_length=4000,
        required=False,
    )
    caregiver = forms.CharField(
        label=_("Người đang chăm sóc trẻ (nếu biết)"), max_length=200, required=False
    )
    family_situation = forms.CharField(
        label=_("Hoàn cảnh gia đình, cha mẹ"), widget=TEXTAREA, max_length=4000, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("full_name") and not data.get("condition"):
            raise forms.ValidationError(
                _("Ghi họ tên trẻ hoặc mô tả tình trạng của trẻ để phân biệt các trẻ.")
            )
        return data

    def to_data(self) -> ReportChildData:
        d = self.cleaned_data
        return ReportChildData(
            full_name=d["full_name"] or "",
            birth_date=d["birth_date"],
            age_estimate=d["age_estimate"],
            sex=d["sex"],
            condition=d["condition"] or "",
            likely_consequences=d["likely_consequences"] or "",
            caregiver=d["caregiver"] or "",
            family_situation=d["family_situation"] or "",
        )


class ReportForm(BootstrapForm):
    channel = forms.ChoiceField(label=_("Nguồn tiếp nhận"), choices=Channel.choices)
    received_at = forms.DateTimeField(
        label=_("Thời gian tiếp nhận"), widget=DATETIME_WIDGET, help_text=_("dd/mm/yyyy hh:mm")
    )
    commune = forms.ModelChoiceField(
        label=_("Chuyển đến xã, phường (nơi trẻ sống hoặc nơi xảy ra vụ việc)"),
        queryset=AdminUnit.objects.none(),
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
    description = forms.CharField(
        label=_("Nội dung thông tin"), widget=forms.Textarea(attrs={"rows": 5}), max_length=8000
    )
    immediate_danger = forms.BooleanField(
        label=_("Trẻ đang bị hoặc có nguy cơ bị tổn hại nghiêm trọng (cần can thiệp trong 12 giờ)"),
        required=False,
    )
    actions_taken = forms.CharField(
        label=_("Những hỗ trợ, can thiệp đã thực hiện trước khi nhận thông tin"),
        widget=TEXTAREA,
        max_length=4000,
        required=False,
    )
    reporter_anonymous = forms.BooleanField(
        label=_("Người báo tin không cho biết danh tính"), required=False
    )
    reporter_name = forms.CharField(
        label=_("Họ và tên người báo tin"), max_length=200, required=False
    )
    reporter_phone = forms.CharField(label=_("Số điện thoại"), max_length=30, required=False)
    reporter_address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    reporter_relation = forms.ChoiceField(
        label=_("Quan hệ với trẻ"),
        choices=ReporterRelation.choices,
        initial=ReporterRelation.UNKNOWN,
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, viewer: AnyUser, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "received_at": timezone.localtime().replace(second=0, microsecond=0),
                "idempotency_key": uuid.uuid4(),
            },
        )
        super().__init__(*args, **kwargs)
        communes = report_communes_for(viewer)
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]

    def to_data(self, child: ReportChildData) -> ReportData:
        d = self.cleaned_data
        return ReportData(
            channel=d["channel"],
            received_at=d["received_at"],
            commune=d["commune"],
            description=d["description"],
            concern_types=list(d["concern_types"]),
            reporter_anonymous=d["reporter_anonymous"],
            reporter_name=d["reporter_name"] or "",
            reporter_phone=d["reporter_phone"] or "",
            reporter_address=d["reporter_address"] or "",
            reporter_relation=d["reporter_relation"],
            setting=d["setting"],
            place=d["place"] or "",
            immediate_danger=d["immediate_danger"],
            actions_taken=d["actions_taken"] or "",
            children=[child],
        )


class VersionForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ChildLinkForm(VersionForm):
    child = forms.UUIDField(widget=forms.HiddenInput)
