"""HTML input for the registry: parse and validate only; services do the saving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpms.accounts.scope import AnyUser, unit_scope_q
from cpms.core.forms import BootstrapForm
from cpms.geography.models import AdminUnit, UnitLevel

from .choices import DatePrecision, LivingSituation, ParentsMarital, Relationship, Sex
from .models.family import SensitiveFactKind
from .services import ChildData

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


def communes_for(viewer: AnyUser) -> QuerySet[AdminUnit]:
    """Current communes the viewer may register children in (their scope, or the commune
    above a collaborator's village)."""
    today = timezone.localdate()
    current = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    in_scope = AdminUnit.objects.filter(unit_scope_q(viewer, personal=True)).filter(current)
    communes = in_scope.filter(level=UnitLevel.COMMUNE)
    parents = in_scope.filter(level=UnitLevel.VILLAGE).values("parent_id")
    return AdminUnit.objects.filter(Q(pk__in=communes.values("pk")) | Q(pk__in=parents)).order_by(
        "name"
    )


def villages_for(viewer: AnyUser) -> QuerySet[AdminUnit]:
    today = timezone.localdate()
    return (
        AdminUnit.objects.filter(unit_scope_q(viewer, personal=True), level=UnitLevel.VILLAGE)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("parent")
        .order_by("parent__name", "name")
    )


class UnitChoiceField(forms.ModelChoiceField[AdminUnit]):
    def label_from_instance(self, obj: AdminUnit) -> str:
        if obj.level == UnitLevel.VILLAGE and obj.parent is not None:
            return f"{obj.name} — {obj.parent.name}"
        return obj.name


class ChildForm(BootstrapForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    birth_date = forms.DateField(
        label=_("Ngày sinh"), widget=DATE_WIDGET, help_text=_("dd/mm/yyyy")
    )
    birth_precision = forms.ChoiceField(
        label=_("Ngày sinh biết đến"), choices=DatePrecision.choices, initial=DatePrecision.EXACT
    )
    sex = forms.ChoiceField(label=_("Giới tính"), choices=Sex.choices)
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=60, initial="Kinh", required=False)
    personal_id = forms.CharField(label=_("Số định danh cá nhân"), max_length=14, required=False)
    birth_certificate_no = forms.CharField(
        label=_("Số giấy khai sinh"), max_length=50, required=False
    )
    commune = UnitChoiceField(label=_("Xã, phường"), queryset=AdminUnit.objects.none())
    village = UnitChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=AdminUnit.objects.none(), required=False
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    school = forms.CharField(label=_("Trường"), max_length=200, required=False)
    school_class = forms.CharField(label=_("Lớp"), max_length=30, required=False)
    out_of_school = forms.BooleanField(label=_("Không đi học"), required=False)
    disability = forms.CharField(label=_("Khuyết tật (nếu có)"), max_length=200, required=False)
    living_situation = forms.ChoiceField(label=_("Hoàn cảnh sống"), choices=LivingSituation.choices)
    parents_marital = forms.ChoiceField(
        label=_("Hôn nhân của cha mẹ"), choices=ParentsMarital.choices, initial="unknown"
    )
    notes = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, viewer: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_for(viewer)  # type: ignore[attr-defined]
        self.fields["village"].queryset = villages_for(viewer)  # type: ignore[attr-defined]

    def to_data(self) -> ChildData:
        d = self.cleaned_data
        return ChildData(
            full_name=d["full_name"],
            birth_date=d["birth_date"],
            birth_precision=d["birth_precision"],
            sex=d["sex"],
            ethnicity=d["ethnicity"] or "",
            personal_id=d["personal_id"] or "",
            birth_certificate_no=d["birth_certificate_no"] or "",
            commune=d["commune"],
            village=d["village"],
            address=d["address"] or "",
            school=d["school"] or "",
            school_class=d["school_class"] or "",
            out_of_school=d["out_of_school"],
            disability=d["disability"] or "",
            living_situation=d["living_situation"],
            parents_marital=d["parents_marital"],
            notes=d["notes"] or "",
        )


class FamilyMemberForm(BootstrapForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    relationship = forms.ChoiceField(label=_("Quan hệ với trẻ"), choices=Relationship.choices)
    birth_year = forms.IntegerField(
        label=_("Năm sinh"), min_value=1900, max_value=2100, required=False
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    occupation = forms.CharField(label=_("Nghề nghiệp"), max_length=100, required=False)
    works_far_away = forms.BooleanField(label=_("Đi làm ăn xa"), required=False)
    is_guardian = forms.BooleanField(label=_("Người chăm sóc chính"), required=False)
    lives_with_child = forms.BooleanField(label=_("Sống cùng trẻ"), required=False, initial=True)


class VisitForm(BootstrapForm):
    visited_on = forms.DateField(label=_("Ngày thăm"), widget=DATE_WIDGET)
    observation = forms.CharField(
        label=_("Ghi nhận"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    concern = forms.BooleanField(label=_("Có dấu hiệu đáng lo ngại"), required=False)
    next_visit_on = forms.DateField(
        label=_("Lần thăm tiếp theo"), widget=DATE_WIDGET, required=False
    )


class ArchiveForm(BootstrapForm):
    reason = forms.CharField(label=_("Lý do lưu trữ"), max_length=300)
    confirm = forms.BooleanField(label=_("Tôi xác nhận lưu trữ hồ sơ này"))


class MergeForm(BootstrapForm):
    reason = forms.CharField(label=_("Lý do gộp"), max_length=300)
    confirm = forms.BooleanField(
        label=_("Tôi đã so sánh hai hồ sơ và xác nhận đây là cùng một trẻ")
    )


class SensitiveFactForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Loại thông tin"), choices=SensitiveFactKind.choices)
    recorded_on = forms.DateField(label=_("Ngày ghi nhận"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)
