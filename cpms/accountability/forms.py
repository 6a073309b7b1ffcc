"""HTML input for the register pages: parse and validate only; services do the saving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpms.accounts.models import Agency, User
from cpms.accounts.scope import AnyUser
from cpms.core.forms import BootstrapForm

from .choices import ActionTaken, EntryKind
from .models import LegalReference
from .selectors import active_references, agencies_for, people_for

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class ReferenceField(forms.ModelMultipleChoiceField[LegalReference]):
    def label_from_instance(self, obj: LegalReference) -> str:
        return obj.title if obj.verified else f"{obj.title} ({_('chưa kiểm chứng')})"


class PersonField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class EntryForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Hành vi"), choices=EntryKind.choices)
    occurred_on = forms.DateField(label=_("Ngày xảy ra"), widget=DATE, required=False)
    description = forms.CharField(label=_("Nội dung vi phạm"), widget=TEXTAREA)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan, tổ chức liên quan"), queryset=Agency.objects.none(), required=False
    )
    person = PersonField(
        label=_("Người liên quan (có tài khoản)"), queryset=User.objects.none(), required=False
    )
    person_name = forms.CharField(
        label=_("Họ và tên người liên quan (nếu không có tài khoản)"),
        max_length=200,
        required=False,
    )
    person_role = forms.CharField(label=_("Chức vụ, quan hệ"), max_length=200, required=False)
    legal_references = ReferenceField(
        label=_("Căn cứ pháp lý"),
        queryset=LegalReference.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, viewer: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["agency"].queryset = agencies_for(viewer)
        fields["person"].queryset = people_for(viewer)
        fields["legal_references"].queryset = active_references()
        fields["legal_references"].widget.attrs["class"] = "form-check-input"


class VersionedForm(BootstrapForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConfirmForm(VersionedForm):
    action = forms.ChoiceField(label=_("Biện pháp đã áp dụng"), choices=ActionTaken.choices)
    action_on = forms.DateField(label=_("Ngày áp dụng"), widget=DATE)
    action_note = forms.CharField(
        label=_("Ghi chú (số văn bản, nội dung nhắc nhở, cơ quan nhận…)"),
        widget=TEXTAREA,
        required=False,
    )


class DismissForm(VersionedForm):
    reason = forms.CharField(label=_("Lý do không xác nhận"), widget=TEXTAREA)
