"""HTML input for the care pages: parse and validate only; services do the saving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cpms.accounts.scope import AnyUser
from cpms.children.forms import UnitChoiceField, communes_for, villages_for
from cpms.core.forms import BootstrapForm

from .access import provider_scope_q
from .choices import EndReason, PlacementKind, ProviderKind, ReviewOutcome
from .models import CareProvider, EligibilityItem

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
MET = (("1", _("Đáp ứng")), ("0", _("Không đáp ứng")))


class VersionedForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProviderForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=ProviderKind.choices)
    name = forms.CharField(label=_("Họ tên / tên cơ sở"), max_length=200)
    representative = forms.CharField(
        label=_("Người đại diện (gia đình, cơ sở)"), max_length=200, required=False
    )
    birth_year = forms.IntegerField(
        label=_("Năm sinh"), min_value=1900, max_value=2100, required=False
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    commune = UnitChoiceField(label=_("Xã, phường"), queryset=None)
    village = UnitChoiceField(label=_("Thôn, tổ dân phố"), queryset=None, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    capacity = forms.IntegerField(label=_("Số trẻ có thể nhận"), min_value=1, max_value=500)
    registered_on = forms.DateField(label=_("Ngày đăng ký"), widget=DATE)
    notes = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, viewer: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commune_field: Any = self.fields["commune"]
        commune_field.queryset = communes_for(viewer)
        village_field: Any = self.fields["village"]
        village_field.queryset = villages_for(viewer)


class VerifyForm(VersionedForm):
    verified_on = forms.DateField(label=_("Ngày xác minh"), widget=DATE)
    note = forms.CharField(
        label=_("Ghi chú chung"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, items: list[EligibilityItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.code}"] = forms.ChoiceField(
                label=item.text, choices=MET, widget=forms.RadioSelect
            )
            self.fields[f"note_{item.code}"] = forms.CharField(
                label=_("Ghi chú"), max_length=300, required=False
            )

    def item_rows(self) -> list[tuple[EligibilityItem, Any, Any]]:
        return [(i, self[f"item_{i.code}"], self[f"note_{i.code}"]) for i in self.items]

    def results(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {
            i.code: (data[f"item_{i.code}"] == "1", data.get(f"note_{i.code}") or "")
            for i in self.items
        }


class ProviderChoiceField(forms.ModelChoiceField[CareProvider]):
    def label_from_instance(self, obj: CareProvider) -> str:
        return f"{obj.name} ({obj.get_kind_display()}, {obj.commune.name})"


def providers_for(viewer: AnyUser) -> QuerySet[CareProvider]:
    return (
        CareProvider.objects.filter(provider_scope_q(viewer), archived_at=None)
        .select_related("commune")
        .order_by("name_key", "pk")
    )


class PlacementForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Hình thức chăm sóc thay thế"), choices=PlacementKind.choices)
    provider = ProviderChoiceField(label=_("Người nhận chăm sóc thay thế"), queryset=None)
    reason = forms.CharField(
        label=_("Lý do cần chăm sóc thay thế"), widget=forms.Textarea(attrs={"rows": 3})
    )
    planned_start_on = forms.DateField(label=_("Dự kiến bắt đầu"), widget=DATE)
    planned_end_on = forms.DateField(label=_("Dự kiến kết thúc"), widget=DATE, required=False)
    guardian_consent = forms.BooleanField(
        label=_("Có văn bản đồng ý của cha mẹ / người giám hộ"), required=False
    )
    consent_exception = forms.CharField(
        label=_("Nếu không: căn cứ không cần sự đồng ý"),
        help_text=_("Ví dụ: Luật Trẻ em Điều 50 khoản 2 điểm b, c; Điều 52 khoản 3."),
        max_length=300,
        required=False,
    )

    def __init__(self, *args: Any, viewer: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["provider"]
        field.queryset = providers_for(viewer)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("planned_start_on"), data.get("planned_end_on")
        if start and end and end < start:
            self.add_error("planned_end_on", _("Ngày kết thúc dự kiến phải sau ngày bắt đầu."))
        return data


class DecideForm(VersionedForm):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    decision_issuer = forms.CharField(label=_("Người ký quyết định"), max_length=200)
    start_on = forms.DateField(label=_("Ngày giao, nhận trẻ"), widget=DATE)


class ReviewForm(VersionedForm):
    reviewed_on = forms.DateField(label=_("Ngày rà soát"), widget=DATE)
    reviewer = forms.CharField(label=_("Người rà soát"), max_length=200)
    findings = forms.CharField(
        label=_("Kết quả theo dõi, đánh giá"), widget=forms.Textarea(attrs={"rows": 4})
    )
    child_opinion = forms.CharField(
        label=_("Ý kiến của trẻ (bắt buộc với trẻ từ đủ 7 tuổi)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    outcome = forms.ChoiceField(label=_("Đề xuất"), choices=ReviewOutcome.choices)


class EndForm(VersionedForm):
    ended_on = forms.DateField(label=_("Ngày chấm dứt"), widget=DATE)
    reason = forms.ChoiceField(label=_("Lý do"), choices=EndReason.choices)
    decision_number = forms.CharField(
        label=_("Số quyết định chấm dứt (Mẫu 16)"),
        help_text=_("Không cần khi rút đề xuất chưa có quyết định."),
        max_length=50,
        required=False,
    )
    note = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ArchiveForm(VersionedForm):
    reason = forms.CharField(label=_("Lý do ngừng nhận trẻ"), max_length=300)
