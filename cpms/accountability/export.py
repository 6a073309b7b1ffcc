"""The register as an XLSX workbook: exactly the entries the list shows the requester (their
area and filters), streamed (write-only), formula-like text escaped the way the registry
export does, and audited when requested."""

from __future__ import annotations

import tempfile
from typing import IO, Any

from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.children.spreadsheets.exporter import DATE_FORMAT, escape_cell

from .access import SUBJECT
from .models import AccountabilityEntry, LegalReference
from .selectors import EntryFilters, entry_list

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def columns() -> list[tuple[str, int]]:
    return [
        (_("STT"), 6),
        (_("Ngày ghi nhận"), 12),
        (_("Hành vi"), 24),
        (_("Xã, phường"), 20),
        (_("Trẻ em (trường hợp)"), 24),
        (_("Cơ quan, tổ chức liên quan"), 28),
        (_("Người liên quan"), 28),
        (_("Ngày xảy ra"), 12),
        (_("Nội dung vi phạm"), 50),
        (_("Căn cứ pháp lý"), 40),
        (_("Tình trạng"), 18),
        (_("Biện pháp đã áp dụng"), 24),
        (_("Ngày áp dụng"), 12),
        (_("Ghi chú về biện pháp"), 30),
        (_("Lý do không xác nhận"), 30),
        (_("Nguồn"), 20),
    ]


def _date(ws: Any, value: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = DATE_FORMAT
    return cell


def _row(ws: Any, number: int, entry: AccountabilityEntry) -> list[object]:
    child = entry.case.child.full_name if entry.case is not None else ""
    references = "; ".join(r.title for r in entry.legal_references.all())
    return [
        number,
        _date(ws, timezone.localtime(entry.proposed_at).date()),
        str(entry.get_kind_display()),
        escape_cell(entry.commune.name),
        escape_cell(child),
        escape_cell(entry.agency.name) if entry.agency else "",
        escape_cell(entry.person_label),
        _date(ws, entry.occurred_on) if entry.occurred_on else None,
        escape_cell(entry.description),
        escape_cell(references),
        str(entry.get_status_display()),
        str(entry.get_action_display()) if entry.action else "",
        _date(ws, entry.action_on) if entry.action_on else None,
        escape_cell(entry.action_note),
        escape_cell(entry.dismiss_reason),
        str(entry.get_source_display()),
    ]


def write_book(target: IO[bytes], entries: list[AccountabilityEntry]) -> None:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Sổ theo dõi trách nhiệm")[:31])
    header = []
    for index, (title, width) in enumerate(columns(), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    ws.append(header)
    for number, entry in enumerate(entries, start=1):
        ws.append(_row(ws, number, entry))
    workbook.save(target)


@transaction.atomic
def register_export(*, actor: User, request: HttpRequest, filters: EntryFilters) -> FileResponse:
    """The register exactly as the list shows it to the actor, audited as an export."""
    references = Prefetch(
        "legal_references", queryset=LegalReference.objects.order_by("order", "code")
    )
    entries = list(entry_list(viewer=actor, filters=filters).prefetch_related(references))
    audit_record(
        event=AuditEvent.EXPORT,
        actor=actor,
        request=request,
        subject_type=SUBJECT,
        extra={
            "status": filters.status,
            "kind": filters.kind,
            "commune": filters.commune_id,
            "rows": len(entries),
        },
    )
    # FileResponse closes the file when the response has been sent.
    temporary: Any = tempfile.TemporaryFile()  # noqa: SIM115
    write_book(temporary, entries)
    temporary.seek(0)
    stamp = f"{timezone.localdate():%Y%m%d}"
    return FileResponse(
        temporary,
        as_attachment=True,
        filename=f"so-theo-doi-trach-nhiem-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
