"""HTML input for abuse details, alleged perpetrators and the police and court track."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cpms.children.models import Person
from cpms.core.forms import BootstrapForm
from cpms.intake.choices import Setting
from cpms.intake.models import ConcernType

from .choices import JusticeKind, PerpetratorRelation, PersonSex, ProsecutionDecision
from .forms import DATE, TEXT, StepForm


class ConcernChoiceField(forms.ModelMultipleChoiceField[ConcernType]):
    def label_from_instance(self, obj: Any) -> str:
        return f"– {obj.name}" if obj.parent_id else str(obj.name)


class AbuseForm(StepForm):
    concern_types = ConcernChoiceField(
        label=_("Loại xâm hại, nguy cơ"),
        queryset=ConcernType.objects.filter(active=True).order_by("position", "code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    setting = forms.ChoiceField(label=_("Môi trường xảy ra"), choices=Setting.choices)


class IdempotentForm(BootstrapForm):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"idempotency_key": uuid.uuid4()})
        super().__init__(*args, **kwargs)


class PerpetratorForm(IdempotentForm):
    person = forms.ModelChoiceField(
        label=_("Người thân trong hồ sơ trẻ (nếu có)"),
        queryset=Person.objects.none(),
        required=False,
    )
    full_name = forms.CharField(label=_("Họ và tên (nếu biết)"), max_length=200, required=False)
    relationship = forms.ChoiceField(
        label=_("Quan hệ với trẻ"), choices=PerpetratorRelation.choices
    )
    sex = forms.ChoiceField(label=_("Giới tính"), choices=PersonSex.choices)
    age = forms.IntegerField(label=_("Tuổi (nếu biết)"), min_value=0, max_value=120, required=False)
    lives_with_child = forms.NullBooleanField(
        label=_("Sống cùng trẻ"),
        widget=forms.Select(
            choices=[("unknown", _("Chưa rõ")), ("true", _("Có")), ("false", _("Không"))]
        ),
        required=False,
    )
    notes = forms.CharField(label=_("Ghi chú"), widget=TEXT, max_length=8000, required=False)

    def __init__(self, *args: Any, persons: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("relationship", PerpetratorRelation.UNKNOWN)
        self.initial.setdefault("sex", PersonSex.UNKNOWN)
        if persons is not None:
            self.fields["person"].queryset = persons  # type: ignore[attr-defined]


class JusticeForm(IdempotentForm):
    kind = forms.ChoiceField(label=_("Mốc"), choices=JusticeKind.choices)
    occurred_on = forms.DateField(label=_("Ngày"), widget=DATE)
    unit = forms.CharField(
        label=_("Cơ quan, đơn vị"),
        max_length=300,
        required=False,
        help_text=_("Công an nhận trình báo, cơ quan giám định, Tòa án xét xử…"),
    )
    reported_by = forms.CharField(label=_("Người trình báo"), max_length=200, required=False)
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("", "—"), *ProsecutionDecision.choices],
        required=False,
    )
    number = forms.CharField(label=_("Số quyết định, bản án"), max_length=100, required=False)
    summary = forms.CharField(
        label=_("Tóm tắt kết quả"),
        widget=TEXT,
        max_length=8000,
        required=False,
        help_text=_(
            "Không ghi tên người bị cho là gây hại: mọi người xem trường hợp đều thấy mục này."
        ),
    )


class ReasonForm(BootstrapForm):
    reason = forms.CharField(
        label=_("Lý do rút"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
