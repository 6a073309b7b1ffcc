"""The small form shown before generating: number, date, recipients, signer and file type."""

from __future__ import annotations

from typing import Any, Protocol

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cpms.core.forms import BootstrapForm
from cpms.documents.formatting import check_symbol

from . import wording as w
from .common import FormOptions

DOCX, PDF = "docx", "pdf"
FORMATS = ((DOCX, _("Word (DOCX)")), (PDF, _("PDF")))
SIGNATURE_CHOICES = tuple((key, " / ".join(lines)) for key, lines in w.SIGNATURES.items())


class SpecLike(Protocol):
    @property
    def numbered(self) -> bool: ...
    @property
    def decision(self) -> bool: ...


class GenerateForm(BootstrapForm):
    number = forms.IntegerField(
        label=_("Số văn bản"),
        min_value=1,
        max_value=99999,
        required=False,
        help_text=_("Để trống nếu văn thư sẽ ghi số khi ban hành."),
    )
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=30, required=False)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
        help_text=_("Để trống để ghi tay ngày, tháng, năm."),
    )
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    archive = forms.CharField(
        label=_("Lưu tại (văn thư, đơn vị)"), max_length=60, required=False, initial=w.ARCHIVE
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    signature = forms.ChoiceField(label=_("Thẩm quyền ký"), choices=SIGNATURE_CHOICES)
    file_format = forms.ChoiceField(label=_("Định dạng tệp"), choices=FORMATS, initial=DOCX)

    def __init__(self, *args: Any, spec: SpecLike, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not spec.numbered:
            for name in ("number", "symbol", "issued_on"):
                del self.fields[name]
        if not spec.decision:
            del self.fields["signature"]

    def clean_symbol(self) -> str:
        symbol: str = self.cleaned_data.get("symbol", "").strip()
        if symbol:
            try:
                check_symbol(symbol)
            except ValueError:
                raise ValidationError(
                    _("Ký hiệu gồm chữ và dấu gạch nối, ví dụ QĐ-UBND.")
                ) from None
        return symbol

    def options(self) -> FormOptions:
        d = self.cleaned_data
        lines = tuple(line.strip() for line in d["recipients"].splitlines() if line.strip())
        return FormOptions(
            number=d.get("number"),
            symbol=d.get("symbol", ""),
            issued_on=d.get("issued_on"),
            recipients=lines,
            archive=d["archive"].strip(),
            signer_name=d["signer_name"].strip(),
            signature=d.get("signature") or w.DECISION_SIGNATURE,
        )
