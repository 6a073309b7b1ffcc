"""HTML input of the programme pages: parse and validate only; services do the saving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpms.accounts.models import User
from cpms.accounts.scope import AnyUser
from cpms.core.forms import BootstrapForm
from cpms.geography.models import AdminUnit

from .choices import ActivityKind, AudienceGroup, BoardPosition, ParticipantGroup, Sex
from .models import TrainingTopic
from .selectors.common import communes_for, people_for, units_for

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class PersonField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class ScopedForm(BootstrapForm):
    """A form whose unit and person choices come from the viewer's area."""

    def __init__(self, *args: Any, viewer: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        if "unit" in fields:
            fields["unit"].queryset = units_for(viewer)
        if "commune" in fields:
            fields["commune"].queryset = communes_for(viewer)
        if "user" in fields:
            fields["user"].queryset = people_for(viewer)


def _unit_field(label: Any) -> forms.ModelChoiceField[AdminUnit]:
    return forms.ModelChoiceField(label=label, queryset=AdminUnit.objects.none())


class CourseForm(ScopedForm):
    title = forms.CharField(label=_("Tên khóa tập huấn"), max_length=300)
    topic = forms.ModelChoiceField(
        label=_("Chủ đề"), queryset=TrainingTopic.objects.filter(active=True)
    )
    unit = _unit_field(_("Cấp tổ chức (địa bàn)"))
    organiser = forms.CharField(label=_("Cơ quan tổ chức"), max_length=300, required=False)


class SessionForm(ScopedForm):
    date = forms.DateField(label=_("Ngày tập huấn"), widget=DATE)
    hours = forms.DecimalField(
        label=_("Số giờ"), max_digits=4, decimal_places=1, min_value=0.5, max_value=200
    )
    trainer = forms.CharField(label=_("Giảng viên, báo cáo viên"), max_length=300)
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    unit = _unit_field(_("Địa bàn tổ chức"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ParticipantForm(ScopedForm):
    user = PersonField(
        label=_("Người tham gia có tài khoản"), queryset=User.objects.none(), required=False
    )
    person_name = forms.CharField(
        label=_("Họ và tên (nếu không có tài khoản)"), max_length=200, required=False
    )
    group = forms.ChoiceField(label=_("Nhóm"), choices=ParticipantGroup.choices)
    sex = forms.ChoiceField(label=_("Giới tính"), choices=Sex.choices)
    present = forms.BooleanField(label=_("Có mặt"), required=False, initial=True)
    certificate_no = forms.CharField(label=_("Số chứng nhận"), max_length=60, required=False)
    certificate_date = forms.DateField(label=_("Ngày cấp chứng nhận"), widget=DATE, required=False)


def audience_field_name(group: str, sex: str) -> str:
    return f"aud_{group}_{sex}"


class ActivityForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Nội dung"), max_length=300)
    date = forms.DateField(label=_("Ngày thực hiện"), widget=DATE)
    unit = _unit_field(_("Địa bàn"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    description = forms.CharField(label=_("Mô tả"), widget=TEXTAREA, required=False)
    promoted_111 = forms.BooleanField(label=_("Có tuyên truyền Tổng đài 111"), required=False)
    promoted_provincial_hotline = forms.BooleanField(
        label=_("Có tuyên truyền đường dây nóng của tỉnh"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for group, group_label in AudienceGroup.choices:
            for sex, sex_label in Sex.choices:
                field = forms.IntegerField(
                    label=f"{group_label} – {sex_label}", min_value=0, required=False
                )
                field.widget.attrs.update(
                    {"class": "form-control form-control-sm", "inputmode": "numeric"}
                )
                self.fields[audience_field_name(group, sex)] = field

    def audience(self) -> dict[tuple[str, str], int]:
        return {
            (group, sex): self.cleaned_data.get(audience_field_name(group, sex)) or 0
            for group in AudienceGroup.values
            for sex in Sex.values
        }

    def audience_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The count fields as a table: one row per audience group, one column per sex."""
        return [
            (str(label), [self[audience_field_name(group, sex)] for sex in Sex.values])
            for group, label in AudienceGroup.choices
        ]

    def visible_fields(self) -> list[forms.BoundField]:
        return [f for f in super().visible_fields() if not f.name.startswith("aud_")]


class PlanForm(ScopedForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=300)
    unit = _unit_field(_("Cấp ban hành (địa bàn)"))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=300, required=False)


class InspectionForm(ScopedForm):
    unit = _unit_field(_("Địa bàn được kiểm tra"))
    inspected_body = forms.CharField(label=_("Cơ quan, đơn vị được kiểm tra"), max_length=300)
    date = forms.DateField(label=_("Ngày kiểm tra"), widget=DATE)
    team = forms.CharField(label=_("Thành phần đoàn kiểm tra"), widget=TEXTAREA)
    findings = forms.CharField(label=_("Kết quả kiểm tra"), widget=TEXTAREA, required=False)


class RecommendationForm(BootstrapForm):
    text = forms.CharField(label=_("Nội dung kiến nghị"), widget=TEXTAREA)
    owner_agency = forms.CharField(label=_("Cơ quan thực hiện"), max_length=300)
    owner_person = forms.CharField(
        label=_("Người chịu trách nhiệm"), max_length=200, required=False
    )
    deadline = forms.DateField(label=_("Hạn thực hiện"), widget=DATE)


class CloseForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    closed_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE)
    note = forms.CharField(label=_("Kết quả thực hiện"), widget=TEXTAREA)


class BoardForm(ScopedForm):
    commune = forms.ModelChoiceField(label=_("Xã, phường"), queryset=AdminUnit.objects.none())
    name = forms.CharField(label=_("Tên ban"), max_length=300)
    decision = forms.CharField(label=_("Quyết định thành lập, kiện toàn"), max_length=300)
    established_on = forms.DateField(label=_("Ngày quyết định"), widget=DATE, required=False)


class MemberForm(ScopedForm):
    user = PersonField(
        label=_("Thành viên có tài khoản"), queryset=User.objects.none(), required=False
    )
    person_name = forms.CharField(
        label=_("Họ và tên (nếu không có tài khoản)"), max_length=200, required=False
    )
    position = forms.ChoiceField(label=_("Chức danh trong ban"), choices=BoardPosition.choices)
    agency = forms.CharField(label=_("Cơ quan công tác"), max_length=300, required=False)
    valid_from = forms.DateField(label=_("Từ ngày"), widget=DATE, required=False)
    valid_to = forms.DateField(label=_("Đến ngày"), widget=DATE, required=False)


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput)


# The edit forms: the create form plus the version the page was read at.
class CourseEditForm(CourseForm):
    version = _version()


class PlanEditForm(PlanForm):
    version = _version()


class InspectionEditForm(InspectionForm):
    version = _version()


class BoardEditForm(BoardForm):
    version = _version()


class MemberEditForm(MemberForm):
    version = _version()


class MemberEndForm(BootstrapForm):
    version = _version()
    valid_to = forms.DateField(label=_("Thôi tham gia từ ngày"), widget=DATE)


class MeetingForm(BootstrapForm):
    date = forms.DateField(label=_("Ngày họp"), widget=DATE)
    minutes = forms.CharField(label=_("Biên bản, nội dung họp"), widget=TEXTAREA)


class DecisionForm(BootstrapForm):
    text = forms.CharField(label=_("Nội dung kết luận, nhiệm vụ"), widget=TEXTAREA)
    owner = forms.CharField(label=_("Người, cơ quan thực hiện"), max_length=300)
    due_on = forms.DateField(label=_("Hạn hoàn thành"), widget=DATE, required=False)


class DoneForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE)
    note = forms.CharField(label=_("Kết quả"), widget=TEXTAREA, required=False)
