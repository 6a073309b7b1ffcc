"""The streaming XLSX reader, on files written the ways Excel and openpyxl write them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from cpms.children.spreadsheets.xlsx import Value, XlsxReader


def read(data: bytes, sheet: int = 0) -> list[tuple[int, list[Value]]]:
    reader = XlsxReader(zipfile.ZipFile(io.BytesIO(data)))
    return list(reader.rows(reader.sheets[sheet]))


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_reads_shared_strings_numbers_booleans_and_dates():
    workbook = Workbook()  # the normal mode writes shared strings, as Excel does
    sheet = workbook.active
    sheet.append(["Họ và tên", "Ngày sinh", "Năm", "Điểm", "Có"])
    sheet.append(["Đặng Thị Hương", dt.date(2015, 3, 14), 1988, 7.5, True])
    sheet.append(["Đặng Thị Hương", dt.datetime(2015, 3, 14, 8, 30), 0, -2.25, False])
    rows = read(save(workbook))
    assert rows == [
        (1, ["Họ và tên", "Ngày sinh", "Năm", "Điểm", "Có"]),
        (2, ["Đặng Thị Hương", dt.date(2015, 3, 14), 1988, 7.5, True]),
        (3, ["Đặng Thị Hương", dt.datetime(2015, 3, 14, 8, 30), 0, -2.25, False]),
    ]
    assert type(rows[1][1][2]) is int


def test_it_keeps_row_numbers_and_columns_of_a_sparse_sheet():
    workbook = Workbook()
    sheet = workbook.active
    sheet["C3"] = "ở cột C"
    sheet["AA7"] = 5
    assert read(save(workbook)) == [(3, [None, None, "ở cột C"]), (7, [None] * 26 + [5])]


def test_it_reads_rich_text_and_inline_strings():
    workbook = Workbook()
    workbook.active["A1"] = CellRichText(["Nguyễn ", TextBlock(InlineFont(b=True), "Văn An")])
    assert read(save(workbook)) == [(1, ["Nguyễn Văn An"])]
    streamed = Workbook(write_only=True)  # openpyxl's write-only mode writes inline strings
    streamed.create_sheet("Sổ").append(["Trần Thị Bé", None, "x"])
    assert read(save(streamed)) == [(1, ["Trần Thị Bé", None, "x"])]


def test_it_reads_dates_of_a_workbook_counted_from_1904():
    workbook = Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    workbook.active["A1"] = dt.date(2016, 5, 2)
    assert read(save(workbook)) == [(1, [dt.date(2016, 5, 2)])]


def test_it_lists_worksheets_in_workbook_order_and_reads_the_one_asked():
    workbook = Workbook()
    workbook.active.title = "Hướng dẫn"
    workbook.active["A1"] = "đọc kỹ"
    workbook.create_sheet("Sổ theo dõi")["B2"] = "Lê Văn Tám"
    data = save(workbook)
    reader = XlsxReader(zipfile.ZipFile(io.BytesIO(data)))
    assert [s.name for s in reader.sheets] == ["Hướng dẫn", "Sổ theo dõi"]
    assert read(data, sheet=1) == [(2, [None, "Lê Văn Tám"])]


def test_it_reads_cells_and_rows_without_references():
    workbook = Workbook()
    workbook.active.append(["a", "b"])
    workbook.active.append(["c"])
    source = zipfile.ZipFile(io.BytesIO(save(workbook)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for ref in (b' r="A1"', b' r="B1"', b' r="A2"', b' r="1"', b' r="2"'):
                    content = content.replace(ref, b"")
            archive.writestr(item, content)
    assert read(buffer.getvalue()) == [(1, ["a", "b"]), (2, ["c"])]


def test_it_reads_iso_date_cells():
    workbook = Workbook()
    workbook.active.append(["x", "y"])
    source = zipfile.ZipFile(io.BytesIO(save(workbook)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"</row>", b'<c r="C1" t="d"><v>2015-03-14</v></c></row>')
            archive.writestr(item, content)
    assert read(buffer.getvalue()) == [(1, ["x", "y", dt.date(2015, 3, 14)])]
