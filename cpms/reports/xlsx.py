"""A periodic report as a workbook: a cover sheet, then one sheet per statistics table.

Numbers are written as numbers (hidden cells as "–"); every text that a spreadsheet would
run as a formula is escaped. Like the documents, the workbook holds the protected figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO, Final

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cpms.children.spreadsheets.exporter import escape_cell

from .document import HIDDEN, TOTAL
from .figures import TableDict
from .models import PeriodicReport
from .periods import period_label

COVER: Final = "Thông tin chung"
BOLD = Font(bold=True)
_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def text(value: object) -> object:
    if value is None:
        return HIDDEN
    return escape_cell(value) if isinstance(value, str) else value


def sheet_title(number: int, table: TableDict, used: set[str]) -> str:
    code = table["indicator_code"] or table["title"]
    title = f"{number}. {code}".translate(_SHEET_FORBIDDEN)[:31]
    while title in used:
        title = title[:28] + f"~{len(used)}"
    used.add(title)
    return title


def _cover(ws: Worksheet, report: PeriodicReport, tables: Sequence[TableDict]) -> None:
    local = timezone.localtime
    rows: list[tuple[str, object]] = [
        ("Đơn vị báo cáo", report.unit.name),
        ("Loại báo cáo", str(report.get_kind_display())),
        ("Kỳ báo cáo", period_label(report.kind, report.period_start, report.period_end)),
        ("Từ ngày", f"{report.period_start:%d/%m/%Y}"),
        ("Đến ngày", f"{report.period_end:%d/%m/%Y}"),
        ("Hạn gửi", f"{report.due_on:%d/%m/%Y}"),
        ("Trạng thái", str(report.get_status_display())),
        (
            "Số liệu tính lúc",
            f"{local(report.figures_at):%d/%m/%Y %H:%M}" if report.figures_at else "",
        ),
        ("Số bảng", len(tables)),
    ]
    ws.append(("Báo cáo thống kê về trẻ em",))
    ws["A1"].font = Font(bold=True, size=14)
    for label, value in rows:
        ws.append((label, text(value)))
        ws.cell(row=ws.max_row, column=1).font = BOLD
    ws.append(())
    for number, table in enumerate(tables, start=1):
        ws.append((f"Bảng {number}", text(table["title"])))
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 80


def _table_sheet(ws: Worksheet, table: TableDict) -> None:
    ws.append((text(table["title"]),))
    ws["A1"].font = Font(bold=True, size=12)
    if table["indicator_code"]:
        ws.append(("Mã chỉ tiêu", text(table["indicator_code"])))
    ws.append(())
    header = (table["row_label"], *table["cols"], TOTAL)
    ws.append(tuple(text(h) for h in header))
    head_row = ws.max_row
    for index in range(1, len(header) + 1):
        ws.cell(row=head_row, column=index).font = BOLD
        ws.cell(row=head_row, column=index).alignment = Alignment(wrap_text=True)
    for i, label in enumerate(table["rows"]):
        ws.append(
            (text(label), *(text(v) for v in table["cells"][i]), text(table["row_totals"][i]))
        )
    ws.append((TOTAL, *(text(v) for v in table["col_totals"]), text(table["total"])))
    for index in range(1, len(header) + 1):
        ws.cell(row=ws.max_row, column=index).font = BOLD
    if table["note"]:
        ws.append(())
        ws.append((text(table["note"]),))
    ws.column_dimensions["A"].width = 40
    for index in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(index)].width = 14


def write_workbook(
    target: IO[bytes],
    report: PeriodicReport,
    tables: Sequence[TableDict],
    progress: Callable[[int], None] | None = None,
) -> None:
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = COVER
    _cover(cover, report, tables)
    used = {COVER}
    for number, table in enumerate(tables, start=1):
        _table_sheet(workbook.create_sheet(sheet_title(number, table, used)), table)
        if progress is not None:
            progress(number)
    workbook.save(target)
