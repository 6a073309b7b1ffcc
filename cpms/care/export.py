"""The six-monthly list as an XLSX workbook: streamed (write-only), formula-like text escaped
the way the registry export does, and audited when requested."""

from __future__ import annotations

import tempfile
from typing import IO, Any

from django.db import transaction
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.children.choices import Sex
from cpms.children.spreadsheets.exporter import DATE_FORMAT, escape_cell

from .needs import HalfYear, NeedRow, children_needing_care

SUBJECT = "care.needs_list"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def columns() -> list[tuple[str, int]]:
    return [
        (_("STT"), 6),
        (_("Họ và tên"), 28),
        (_("Ngày sinh"), 12),
        (_("Giới tính"), 9),
        (_("Thôn, tổ dân phố"), 20),
        (_("Xã, phường"), 20),
        (_("Lý do cần chăm sóc thay thế"), 50),
        (_("Tình trạng hiện nay"), 45),
    ]


def write_book(target: IO[bytes], rows: list[NeedRow], half: HalfYear) -> int:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Trẻ em cần chăm sóc thay thế")[:31])
    for index, (_title, width) in enumerate(columns(), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.append(
        [escape_cell(_("Danh sách trẻ em cần chăm sóc thay thế – %(h)s") % {"h": half.label})]
    )
    header = []
    for title, _width in columns():
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    ws.append(header)
    for number, row in enumerate(rows, start=1):
        child = row.child
        born = WriteOnlyCell(ws, value=child.birth_date)
        born.number_format = DATE_FORMAT
        ws.append(
            [
                number,
                escape_cell(child.full_name),
                born,
                str(Sex(child.sex).label),
                escape_cell(child.village.name) if child.village else None,
                escape_cell(child.commune.name),
                escape_cell("; ".join(row.reasons)),
                escape_cell(row.status),
            ]
        )
    workbook.save(target)
    return len(rows)


@transaction.atomic
def needs_export(*, actor: User, request: HttpRequest, half: HalfYear) -> FileResponse:
    """The list exactly as the page shows it to the actor, audited as an export."""
    rows = children_needing_care(viewer=actor, half=half)
    audit_record(
        event=AuditEvent.EXPORT,
        actor=actor,
        request=request,
        subject_type=SUBJECT,
        subject_id=half.key,
        extra={"half_year": half.key, "rows": len(rows)},
    )
    # FileResponse closes the file when the response has been sent.
    temporary: Any = tempfile.TemporaryFile()  # noqa: SIM115
    write_book(temporary, rows, half)
    temporary.seek(0)
    return FileResponse(
        temporary,
        as_attachment=True,
        filename=f"tre-em-can-cham-soc-thay-the-{half.key}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
