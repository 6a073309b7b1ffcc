"""HTML input of the directive pages: parse and validate only; services do the saving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.accounts.models import Agency
from cpms.accounts.permissions import Perm, ScopeKind
from cpms.accounts.scope import AnyUser, user_grants
from cpms.core.forms import BootstrapForm
from cpms.core.text import normalize_text
from cpms.documents.formatting import check_symbol
from cpms.geography.models import AdminUnit, UnitLevel

from .choices import DirectiveStatus, DocumentKind, Schedule
from .consolidated import ReportHeader
from .figures import FIGURES
from .models import Directive, DirectiveClause, LegalReference

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


def managed_q(viewer: AnyUser, field: str) -> Q:
    """Rows under the units the viewer manages directives for (directive.manage, area)."""
    q = Q(pk__in=[])
    for grant in user_grants(viewer):
        if Perm.DIRECTIVE_MANAGE in grant.perms and grant.scope == ScopeKind.AREA:
            for path in grant.paths or (grant.unit_path,):
                q |= Q(**{f"{field}__startswith": path})
    return q


class AgencyField(forms.ModelChoiceField[Agency]):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.name


class DirectiveForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=60)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE, required=False)
    issued_year = forms.IntegerField(
        label=_("Năm ban hành (khi chưa ghi ngày)"), min_value=1990, max_value=2100, required=False
    )
    issuer_name = forms.CharField(label=_("Cơ quan ban hành"), max_length=300)
    issuing_unit = forms.ModelChoiceField(
        label=_("Địa bàn ban hành"), queryset=AdminUnit.objects.none()
    )
    lead_agency = AgencyField(
        label=_("Cơ quan theo dõi, tổng hợp"), queryset=Agency.objects.none(), required=False
    )
    signer = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    subject = forms.CharField(label=_("Trích yếu"), max_length=500)
    body = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    status = forms.ChoiceField(label=_("Tình trạng"), choices=DirectiveStatus.choices)
    effective_from = forms.DateField(label=_("Thực hiện từ ngày"), widget=DATE)
    references = forms.ModelMultipleChoiceField(
        label=_("Văn bản dẫn chiếu"),
        queryset=LegalReference.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, viewer: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = AdminUnit.objects.filter(managed_q(viewer, "path")).exclude(level=UnitLevel.VILLAGE)
        self.fields["issuing_unit"].queryset = units  # type: ignore[attr-defined]
        own = {g.agency_id for g in user_grants(viewer)}
        agencies = Agency.objects.filter(managed_q(viewer, "admin_unit__path") | Q(pk__in=own))
        self.fields["lead_agency"].queryset = agencies.order_by("name")  # type: ignore[attr-defined]


def directive_initial(directive: Directive) -> dict[str, Any]:
    return {
        "kind": directive.kind,
        "number": directive.number,
        "symbol": directive.symbol,
        "issued_on": directive.issued_on,
        "issued_year": directive.issued_year,
        "issuer_name": directive.issuer_name,
        "issuing_unit": directive.issuing_unit_id,
        "lead_agency": directive.lead_agency_id,
        "signer": directive.signer,
        "subject": directive.subject,
        "body": directive.body,
        "status": directive.status,
        "effective_from": directive.effective_from,
        "references": list(directive.references.values_list("pk", flat=True)),
        "version": directive.version,
    }


class ClauseForm(BootstrapForm):
    number = forms.CharField(label=_("Mục"), max_length=20)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    figure_keys = forms.MultipleChoiceField(
        label=_("Số liệu đưa vào báo cáo"),
        choices=list(FIGURES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def clause_initial(clause: DirectiveClause) -> dict[str, Any]:
    return {"number": clause.number, "text": clause.text, "figure_keys": clause.figure_keys}


class AssignmentForm(BootstrapForm):
    clause = forms.ModelChoiceField(label=_("Nội dung"), queryset=DirectiveClause.objects.none())
    agency = AgencyField(label=_("Cơ quan thực hiện"), queryset=Agency.objects.none())
    is_lead = forms.BooleanField(label=_("Chủ trì"), required=False)
    schedule = forms.ChoiceField(
        label=_("Kỳ báo cáo"), choices=Schedule.choices, initial=Schedule.SEMIANNUAL
    )
    deadline = forms.DateField(
        label=_("Hạn hoàn thành (giao một lần)"), widget=DATE, required=False
    )
    due_days = forms.IntegerField(
        label=_("Hạn gửi báo cáo (số ngày sau kỳ)"), min_value=0, max_value=90, initial=10
    )

    def __init__(self, *args: Any, directive: Directive, viewer: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clause"].queryset = directive.clauses.order_by("order", "pk")  # type: ignore[attr-defined]
        agencies = Agency.objects.filter(
            managed_q(viewer, "admin_unit__path") | Q(pk=directive.lead_agency_id)
        )
        self.fields["agency"].queryset = agencies.order_by("name")  # type: ignore[attr-defined]


class ReportForm(BootstrapForm):
    narrative = forms.CharField(
        label=_("Kết quả thực hiện"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ConsolidatedForm(forms.Form):
    start = forms.DateField()
    end = forms.DateField()
    format = forms.ChoiceField(choices=[("docx", "DOCX"), ("pdf", "PDF")], required=False)
    # The document's number, symbol, date and signer; left empty, the defaults apply
    # (cpms.directives.consolidated.header_for).
    number = forms.IntegerField(label=_("Số văn bản"), min_value=1, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, required=False)
    issued_on = forms.DateField(label=_("Ngày ban hành"), required=False)
    signer_authority = forms.CharField(
        label=_("Thẩm quyền ký (TM., KT.)"), max_length=100, required=False
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=200, required=False)

    def clean_symbol(self) -> str:
        symbol = normalize_text(self.cleaned_data["symbol"])
        if symbol:
            try:
                check_symbol(symbol)
            except ValueError as exc:
                raise forms.ValidationError(
                    _("Ký hiệu gồm chữ và dấu gạch nối, ví dụ QĐ-UBND.")
                ) from exc
        return symbol

    def header(self) -> ReportHeader:
        d = self.cleaned_data
        return ReportHeader(
            number=d.get("number"),
            symbol=d.get("symbol") or "",
            issued_on=d.get("issued_on"),
            signer_authority=normalize_text(d.get("signer_authority") or ""),
            signer_title=normalize_text(d.get("signer_title") or ""),
            signer_name=normalize_text(d.get("signer_name") or ""),
        )
