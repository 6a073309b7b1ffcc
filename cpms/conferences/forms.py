"""HTML input for conferences: the meeting, its participants and its decisions (formsets)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cpms.accounts.models import Agency, User
from cpms.cases.forms import DATE, DATETIME
from cpms.core.forms import BootstrapForm

from .services import ConferenceData, DecisionData, ParticipantData


class ConferenceForm(BootstrapForm):
    held_at = forms.DateTimeField(label=_("Họp lúc"), widget=DATETIME)
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    chaired_by = forms.ModelChoiceField(
        label=_("Người chủ trì (nếu có tài khoản)"), queryset=User.objects.none(), required=False
    )
    chair_name = forms.CharField(
        label=_("Người chủ trì (họ tên, chức vụ)"), max_length=200, required=False
    )
    minutes = forms.CharField(
        label=_("Nội dung cuộc họp"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, chairs: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chaired_by"].queryset = chairs  # type: ignore[attr-defined]

    def to_data(self) -> ConferenceData:
        d = self.cleaned_data
        return ConferenceData(
            held_at=d["held_at"],
            place=d["place"],
            chaired_by=d["chaired_by"],
            chair_name=d["chair_name"],
            minutes=d["minutes"],
        )


class ParticipantForm(BootstrapForm):
    agency = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Agency.objects.none(), required=False
    )
    name = forms.CharField(label=_("Họ và tên"), max_length=200)
    position = forms.CharField(label=_("Chức vụ, vai trò"), max_length=200, required=False)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]

    def to_data(self) -> ParticipantData:
        d = self.cleaned_data
        return ParticipantData(name=d["name"], agency=d["agency"], position=d["position"])


class DecisionForm(BootstrapForm):
    text = forms.CharField(label=_("Nội dung quyết định"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Người thực hiện"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Hạn"), widget=DATE)

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]

    def to_data(self) -> DecisionData:
        d = self.cleaned_data
        return DecisionData(text=d["text"], owner=d["owner"], due_on=d["due_on"])


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=4, min_num=1, validate_min=True)
DecisionFormSet = forms.formset_factory(DecisionForm, extra=3)


def filled(formset: forms.BaseFormSet[Any]) -> list[Any]:
    """The rows the user filled in (blank extra rows are skipped), as service data."""
    return [f.to_data() for f in formset.forms if f.has_changed() and f.cleaned_data]
