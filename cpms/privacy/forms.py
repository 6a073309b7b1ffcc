from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpms.attachments.forms import AttachmentForm
from cpms.children.models import Child, Person
from cpms.core.forms import BootstrapForm

from .choices import BasisKind, ConsentMethod
from .models import ProcessingPurpose
from .services import BasisData

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class BasisForm(BootstrapForm):
    purpose = forms.ModelChoiceField(
        label=_("Mục đích xử lý"), queryset=ProcessingPurpose.objects.filter(active=True)
    )
    kind = forms.ChoiceField(label=_("Căn cứ"), choices=BasisKind.choices)
    legal_reference = forms.CharField(
        label=_("Điều khoản, văn bản (khi không cần sự đồng ý)"), max_length=300, required=False
    )
    representative = forms.ModelChoiceField(
        label=_("Người đại diện theo pháp luật đồng ý"),
        queryset=Person.objects.none(),
        required=False,
    )
    representative_consent_on = forms.DateField(
        label=_("Ngày người đại diện đồng ý"), input_formats=DATE_FORMATS, required=False
    )
    representative_consent_method = forms.ChoiceField(
        label=_("Hình thức"), choices=[("", "—"), *ConsentMethod.choices], required=False
    )
    child_consent_on = forms.DateField(
        label=_("Ngày trẻ đồng ý (trẻ từ đủ 7 tuổi)"), input_formats=DATE_FORMATS, required=False
    )
    child_consent_method = forms.ChoiceField(
        label=_("Hình thức trẻ đồng ý"),
        choices=[("", "—"), *ConsentMethod.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["representative"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Person.objects.filter(
            child_links__child=child, child_links__ended_at=None
        ).distinct()

    def data_for_service(self) -> BasisData:
        d = self.cleaned_data
        return BasisData(
            purpose=d["purpose"],
            kind=d["kind"],
            legal_reference=d["legal_reference"] or "",
            representative=d["representative"],
            representative_consent_on=d["representative_consent_on"],
            representative_consent_method=d["representative_consent_method"] or "",
            child_consent_on=d["child_consent_on"],
            child_consent_method=d["child_consent_method"] or "",
            note=d["note"] or "",
        )


class ReasonForm(BootstrapForm):
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ScanForm(AttachmentForm):
    """The scanned signed paper of a consent: the attachments form, offering scans only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Bản quét giấy đồng ý đã ký (PDF, JPEG, PNG)")
        self.fields["file"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png"
