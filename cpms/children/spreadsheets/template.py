"""The downloadable template of the child-monitoring book: the book's headers, one example
row (marked 'Ví dụ' in the STT column, which the import skips), drop-down lists for the
choice columns, text-formatted date and identity-number columns, and an instructions sheet."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..choices import LivingSituation, ParentsMarital, Sex
from .columns import COLUMNS, Column
from .exporter import HEADER_FILL, SHEET_TITLE

TEMPLATE_ROWS = 1_000  # rows prepared with formats and drop-down lists
TEXT_COLUMNS = ("birth_date", "personal_id", "birth_certificate_no")


def _letter(key: str) -> str:
    index = next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)
    return str(get_column_letter(index))


def _choice_list(ws: Any, key: str, values: list[str]) -> None:
    formula = '"' + ",".join(values) + '"'
    if len(formula) > 255:  # Excel's limit for an inline list
        return
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.errorStyle = "warning"  # other spellings are still accepted by the import
    validation.add(f"{_letter(key)}3:{_letter(key)}{TEMPLATE_ROWS + 2}")
    ws.add_data_validation(validation)


def template_workbook() -> bytes:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = SHEET_TITLE
    for index, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
        header = ws.cell(row=1, column=index, value=column.header)
        header.font = Font(bold=True, color="C00000" if column.required else None)
        header.fill = HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="center")
        example = ws.cell(row=2, column=index, value=column.example or None)
        example.font = Font(italic=True, color="808080")
        if column.key in TEXT_COLUMNS:
            example.number_format = "@"
            for row in range(3, TEMPLATE_ROWS + 3):
                ws.cell(row=row, column=index).number_format = "@"
    ws.freeze_panes = "C2"
    _choice_list(ws, "sex", [str(label) for label in Sex.labels])
    _choice_list(ws, "living_situation", [str(label) for label in LivingSituation.labels])
    _choice_list(ws, "parents_marital", [str(label) for label in ParentsMarital.labels])
    _choice_list(ws, "out_of_school", ["x"])
    _instructions(workbook.create_sheet(_("Hướng dẫn")))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instructions(sheet: Any) -> None:
    lines: list[tuple[str, str, str]] = [
        (_("Cột"), _("Bắt buộc"), _("Cách ghi")),
    ]
    for column in COLUMNS:
        lines.append((column.header, _("Có") if column.required else "", _help(column)))
    notes = [
        _(
            "Mỗi trẻ ghi trên một dòng, bắt đầu từ dòng 3. "
            "Dòng 2 (STT ghi «Ví dụ») không được nhập."
        ),
        _("Ngày sinh ghi dạng ngày/tháng/năm, ví dụ 14/03/2015."),
        _("Nhập cùng một tệp hai lần không thêm trẻ nào: trẻ đã có trong sổ được bỏ qua."),
    ]
    for row in lines:
        sheet.append(row)
    sheet.append(())
    for note in notes:
        sheet.append((note,))
    for cell in sheet["1:1"]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["C"].width = 90


def _help(column: Column) -> str:
    return _(column.help) if column.help else ""
