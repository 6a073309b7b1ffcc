"""The lead office's consolidated report on a directive (Báo cáo kết quả thực hiện …) in the
Decree 30/2020 layout: one section per clause with every assigned agency's status, their
figures summed and their narratives quoted, then the table of those who have not reported.

The fixed wording is administrative text, not interface strings (like cpms.documents)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from cpms.accounts.models import Agency, AgencyKind, User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.official_forms.common import issuer_for
from cpms.documents import (
    Block,
    Heading,
    IssuingBody,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    render_docx,
    render_pdf,
)

from .access import SUBJECT, Reach
from .figures import labelled
from .models import ClauseAssignment, Directive, ProgressReport
from .selectors import clause_reports
from .services import assignment_periods

# The symbol after the number ("Số: 07/BC-UBND"); a deployment sets its own in the settings
# (DIRECTIVE_REPORT_SYMBOL) and the user may type another when generating.
SYMBOL = "BC-UBND"
NOT_REPORTED = "Chưa báo cáo"
# Who signs for the lead agency by default, by kind of agency (Decree 30 Phụ lục I: the
# authority line, then the position); the user may type others when generating.
SIGNER_LINES: dict[str, tuple[str, str]] = {
    AgencyKind.PEOPLES_COMMITTEE: ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    AgencyKind.AREA_OFFICE: ("", "GIÁM ĐỐC"),
    AgencyKind.POLICE: ("", "TRƯỞNG CÔNG AN"),
    AgencyKind.SCHOOL: ("", "HIỆU TRƯỞNG"),
}


@dataclass(frozen=True)
class ReportHeader:
    """Number, symbol, date and signer of the report, as given when generating it; empty
    values fall back to the defaults (`header_for`)."""

    number: int | None = None
    symbol: str = ""
    issued_on: dt.date | None = None
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""


def default_symbol() -> str:
    return str(getattr(settings, "DIRECTIVE_REPORT_SYMBOL", SYMBOL))


def header_for(
    given: ReportHeader, *, directive: Directive, actor: User, today: dt.date
) -> ReportHeader:
    """The given header completed: the configured symbol, today's date, the lead agency's
    signing lines and the generating user's name."""
    kind = directive.lead_agency.kind if directive.lead_agency else ""
    authority, title = SIGNER_LINES.get(kind, ("", "THỦ TRƯỞNG CƠ QUAN"))
    if given.signer_title:
        authority, title = given.signer_authority, given.signer_title
    return ReportHeader(
        number=given.number,
        symbol=given.symbol or default_symbol(),
        issued_on=given.issued_on or today,
        signer_authority=authority.upper(),
        signer_title=title.upper(),
        signer_name=given.signer_name or actor.full_name or actor.username,
    )


def _reference(directive: Directive) -> str:
    kind = directive.get_kind_display()
    when = (
        f" ngày {directive.issued_on:%d/%m/%Y}"
        if directive.issued_on
        else (f" năm {directive.issued_year}" if directive.issued_year else "")
    )
    return f"{kind} số {directive.number_symbol}{when} của {directive.issuer_name}"


def _issuer(agency: Agency | None, directive: Directive) -> IssuingBody:
    if agency is None:
        return IssuingBody((directive.issuer_name,))
    parent = (agency.parent.name,) if agency.parent else ()
    return IssuingBody((agency.name,), parent=parent)


def _status(reports: list[ProgressReport], due: bool) -> str:
    if reports:
        days = ", ".join(
            f"{timezone.localtime(r.submitted_at):%d/%m/%Y}" for r in reports if r.submitted_at
        )
        return f"Đã báo cáo ngày {days}"
    return NOT_REPORTED if due else "Chưa đến hạn báo cáo"


def _expected(assignment: ClauseAssignment, start: dt.date, end: dt.date, today: dt.date) -> bool:
    """Whether a report was expected from the agency for a period inside [start, end]."""
    return any(
        start <= p.start and p.end <= end and p.end <= today
        for p in assignment_periods(assignment, today)
    )


def consolidated_document(
    *,
    directive: Directive,
    reach: Reach,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    header: ReportHeader | None = None,
) -> OfficialDocument:
    header = header or ReportHeader(symbol=default_symbol())
    assignments = [
        a
        for a in ClauseAssignment.objects.filter(clause__directive=directive, active=True)
        .select_related("agency", "clause")
        .order_by("-is_lead", "agency__name", "pk")
        if reach.on_board(a)
    ]
    reports = clause_reports(directive, start, end)
    body: list[Block] = [
        Paragraph(
            f"Thực hiện {_reference(directive)} về việc {directive.subject.removeprefix('V/v ')}; "
            f"{directive.lead_agency.name if directive.lead_agency else directive.issuer_name} "
            f"báo cáo kết quả thực hiện từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y} "
            "như sau:"
        )
    ]
    missing: list[tuple[str, str, str]] = []
    for clause in directive.clauses.order_by("order", "pk"):
        body.append(Heading(f"Mục {clause.number}"))
        body.append(Paragraph(clause.text, italic=True))
        totals: dict[str, int] = defaultdict(int)
        rows = []
        quotes: list[Block] = []
        for a in (x for x in assignments if x.clause_id == clause.pk):
            mine = reports.get(a.pk, [])
            due = _expected(a, start, end, today)
            status = _status(mine, due)
            rows.append((a.agency.name + (" (chủ trì)" if a.is_lead else ""), status))
            if not mine and due:
                missing.append((clause.number, a.agency.name, NOT_REPORTED))
            for report in mine:
                for key, value in report.figures.items():
                    totals[key] += int(value)
                if report.narrative:
                    quotes.append(NumberedItem("-", f"{a.agency.name}: “{report.narrative}”"))
        if rows:
            body.append(
                Table(
                    header=("STT", "Cơ quan thực hiện", "Tình hình báo cáo"),
                    rows=tuple((str(i), n, s) for i, (n, s) in enumerate(rows, start=1)),
                    widths=(1, 5, 4),
                )
            )
        else:
            body.append(Paragraph("Chưa giao cơ quan thực hiện."))
        if totals:
            body.append(Paragraph("Số liệu tổng hợp từ các báo cáo đã gửi:"))
            body.append(
                Table(
                    header=("Chỉ tiêu", "Số lượng"),
                    rows=tuple((label, str(value)) for _k, label, value in labelled(dict(totals))),
                    widths=(7, 2),
                )
            )
        if quotes:
            body.append(Paragraph("Kết quả thực hiện do các cơ quan báo cáo:"))
            body.extend(quotes)
    body.append(Heading("Các cơ quan chưa báo cáo"))
    if missing:
        body.append(
            Table(
                header=("STT", "Mục", "Cơ quan", "Tình trạng"),
                rows=tuple((str(i), *row) for i, row in enumerate(missing, start=1)),
                widths=(1, 1.5, 5, 3),
            )
        )
    else:
        body.append(Paragraph("Tất cả các cơ quan được giao đã gửi báo cáo."))
    lead = directive.lead_agency
    return OfficialDocument(
        issuer=_issuer(lead, directive),
        symbol=header.symbol,
        number=header.number,
        place=issuer_for(lead.admin_unit).place if lead else "",
        issued_on=header.issued_on,
        kind="Báo cáo",
        subject=f"Kết quả thực hiện {directive.get_kind_display()} số {directive.number_symbol}",
        body=tuple(body),
        recipients=(directive.issuer_name,),
        archive="VT",
        signature=Signature(
            tuple(line for line in (header.signer_authority, header.signer_title) if line)
            or ("THỦ TRƯỞNG CƠ QUAN",),
            name=header.signer_name,
        ),
        end_mark=True,
    )


@transaction.atomic
def consolidated_export(
    *,
    actor: User,
    request: HttpRequest,
    directive: Directive,
    reach: Reach,
    start: dt.date,
    end: dt.date,
    file_format: str,
    header: ReportHeader | None = None,
) -> bytes:
    """Render the consolidated report and record the export (audit EXPORT)."""
    today = timezone.localdate()
    complete = header_for(header or ReportHeader(), directive=directive, actor=actor, today=today)
    doc = consolidated_document(
        directive=directive, reach=reach, start=start, end=end, today=today, header=complete
    )
    data = render_docx(doc) if file_format == "docx" else render_pdf(doc)
    audit_record(
        event=AuditEvent.EXPORT,
        actor=actor,
        request=request,
        subject_type=SUBJECT,
        subject_id=directive.uid,
        admin_unit_id=directive.issuing_unit_id,
        extra={
            "document": "consolidated",
            "format": file_format,
            "start": str(start),
            "end": str(end),
            "number": complete.number,
            "symbol": complete.symbol,
            "signer": complete.signer_name,
        },
    )
    return data
