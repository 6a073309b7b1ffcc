"""HTML input for sending a referral and for each of its steps."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpms.accounts.models import Agency, User
from cpms.cases.models import Case
from cpms.core.forms import BootstrapForm

from .choices import ReferralKind, SharingBasis

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
TEXT = forms.Textarea(attrs={"rows": 3})


def agencies_for(case: Case) -> QuerySet[Agency]:
    """Active agencies of the case's province (its tree root)."""
    root = case.unit_path.split("/", 1)[0] + "/"
    today = timezone.localdate()
    return (
        Agency.objects.filter(admin_unit__path__startswith=root)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("admin_unit")
        .order_by("kind", "name")
    )


class AgencyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class SendForm(BootstrapForm):
    agency = AgencyChoiceField(label=_("Cơ quan nhận"), queryset=Agency.objects.none())
    kind = forms.ChoiceField(label=_("Loại dịch vụ"), choices=ReferralKind.choices)
    service = forms.CharField(label=_("Dịch vụ, hành động đề nghị"), widget=TEXT, max_length=4000)
    due_on = forms.DateField(label=_("Hạn thực hiện"), widget=DATE)
    sharing_basis = forms.ChoiceField(
        label=_("Căn cứ chia sẻ thông tin"),
        choices=[("", "—"), *SharingBasis.choices],
        help_text=_(
            "Bắt buộc: thông tin về trẻ chỉ được chia sẻ khi có căn cứ pháp lý hoặc sự đồng ý."
        ),
    )
    sharing_note = forms.CharField(
        label=_("Ghi chú về căn cứ, sự đồng ý"), max_length=2000, required=False
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"idempotency_key": uuid.uuid4()})
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(case)  # type: ignore[attr-defined]


class StepForm(BootstrapForm):
    """One form for every step; the view shows only the fields the step uses."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do"), widget=TEXT, max_length=4000, required=False)
    outcome = forms.CharField(label=_("Kết quả"), widget=TEXT, max_length=4000, required=False)
    reply_reference = forms.CharField(
        label=_("Văn bản trả lời của cơ quan nhận"),
        max_length=200,
        required=False,
        help_text=_("Số, ngày văn bản, hoặc cách cơ quan trả lời (điện thoại, gặp trực tiếp)."),
    )


class AssignForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    assignee = forms.ModelChoiceField(label=_("Giao cho"), queryset=User.objects.none())

    def __init__(self, *args: Any, members: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = members  # type: ignore[attr-defined]
