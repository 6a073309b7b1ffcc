from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

import pytest
from openpyxl.utils.datetime import to_excel

from cpms.children.choices import DatePrecision
from cpms.children.spreadsheets.cells import DateValueError, parse_date
from cpms.children.spreadsheets.reader import BookReader, SheetError, sniff_xlsx
from cpms.children.spreadsheets.template import template_workbook
from cpms.children.tests.test_spreadsheets_support import make_book, row


def read_rows(data: bytes):
    with BookReader(io.BytesIO(data)) as book:
        return list(book.rows())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14/03/2015", (dt.date(2015, 3, 14), DatePrecision.EXACT)),
        ("4/3/2015", (dt.date(2015, 3, 4), DatePrecision.EXACT)),
        ("14-03-2015", (dt.date(2015, 3, 14), DatePrecision.EXACT)),
        ("14.03.2015", (dt.date(2015, 3, 14), DatePrecision.EXACT)),
        ("2015-03-14", (dt.date(2015, 3, 14), DatePrecision.EXACT)),
        ("03/2015", (dt.date(2015, 3, 1), DatePrecision.MONTH)),
        ("2015", (dt.date(2015, 1, 1), DatePrecision.YEAR)),
        (2015, (dt.date(2015, 1, 1), DatePrecision.YEAR)),
        (dt.datetime(2015, 3, 14, 0, 0), (dt.date(2015, 3, 14), DatePrecision.EXACT)),
        (dt.date(2015, 3, 14), (dt.date(2015, 3, 14), DatePrecision.EXACT)),
        (to_excel(dt.datetime(2015, 3, 14)), (dt.date(2015, 3, 14), DatePrecision.EXACT)),
    ],
)
def test_it_parses_excel_date_cells_and_dd_mm_yyyy_text(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2015", "Ngày sinh «31/02/2015» không có thật (ngày hoặc tháng không đúng)."),
        (
            "03/14/2015",
            "Ngày sinh «03/14/2015» không có thật; có lẽ đã ghi tháng trước ngày "
            "(nếu vậy, hãy ghi 14/03/2015).",
        ),
        ("14/03/15", "Ngày sinh «14/03/15» không đúng dạng ngày/tháng/năm (ví dụ 14/03/2015)."),
        ("mười bốn", "Ngày sinh «mười bốn» không đúng dạng ngày/tháng/năm (ví dụ 14/03/2015)."),
    ],
)
def test_it_explains_a_bad_date_in_vietnamese(value, message):
    with pytest.raises(DateValueError) as caught:
        parse_date(value)
    assert str(caught.value) == message


def test_it_reads_date_cells_and_text_dates_from_a_workbook():
    data = make_book(
        [row(birth_date=dt.date(2016, 5, 2)), row(birth_date="02/05/2016"), row(birth_date=2016)]
    )
    values = [r.values["birth_date"] for r in read_rows(data)]
    assert [parse_date(v)[0] for v in values] == [dt.date(2016, 5, 2)] * 2 + [dt.date(2016, 1, 1)]
    assert isinstance(values[0], dt.date)


def test_it_normalises_text_to_nfc_and_skips_blank_and_example_rows():
    nfd = unicodedata.normalize("NFD", "Đặng  Thị Ánh")
    data = make_book([{"row_no": "Ví dụ", "full_name": "X"}, {}, row(full_name=nfd)])
    rows = read_rows(data)
    assert [(r.number, r.values["full_name"]) for r in rows] == [(4, "Đặng Thị Ánh")]


def test_it_finds_the_header_below_a_title_and_without_diacritics():
    headers = ["STT", "Ho va ten", "NGAY SINH", "gioi tinh", "Cột lạ"]
    data = make_book([row()], headers=headers, title=True)
    with BookReader(io.BytesIO(data)) as book:
        assert book.header_row == 2
        assert book.unknown_headers == ["Cột lạ"]
        assert next(book.rows()).values["full_name"] == "Trần Văn An"


def test_it_names_the_missing_required_columns():
    data = make_book([], headers=["STT", "Họ và tên trẻ", "Dân tộc"])
    with pytest.raises(SheetError) as caught:
        read_rows(data)
    assert caught.value.message == (
        "Không tìm thấy cột bắt buộc: Ngày sinh (ngày/tháng/năm), Giới tính (Nam/Nữ). "
        "Hãy dùng tệp mẫu của hệ thống."
    )


def test_it_reads_the_downloadable_template_with_no_rows():
    assert read_rows(template_workbook()) == []


def test_it_refuses_files_that_are_not_xlsx_whatever_their_name():
    for data in (b"Ho va ten,Ngay sinh\n", b"%PDF-1.4\n" + b"x" * 600, b""):
        with pytest.raises(SheetError) as caught:
            sniff_xlsx(data, io.BytesIO(data))
        assert "không phải bảng tính Excel" in caught.value.message
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + b"\xfd\xff\xff\xff\0\0\0" + b"\0" * 20
    with pytest.raises(SheetError, match=r"\.xls"):
        sniff_xlsx(ole, io.BytesIO(ole))


def test_it_refuses_a_zip_bomb_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    data = buffer.getvalue()
    with pytest.raises(SheetError) as caught:
        sniff_xlsx(data[:8192], io.BytesIO(data))
    assert "giải nén" in caught.value.message


LAUGHS = (
    b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


def _rewrite_sheet(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            archive.writestr(item, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "prolog",
    [
        LAUGHS,
        b"<!-- a comment first -->\n" + LAUGHS,
        b"<!-- " + b"x" * 70_000 + b" -->",  # a prolog too long to look through
    ],
)
def test_it_refuses_a_part_that_declares_a_dtd(prolog):
    data = _rewrite_sheet(
        make_book([row(notes="XX")]),
        lambda content: content.replace(b"<worksheet", prolog + b"<worksheet", 1),
    )
    with pytest.raises(SheetError, match="Không đọc được tệp"):
        read_rows(data)


def test_an_undeclared_entity_is_refused_not_expanded():
    data = _rewrite_sheet(
        make_book([row(notes="XX")]), lambda content: content.replace(b">XX<", b">&d;<")
    )
    with pytest.raises(SheetError, match="Không đọc được tệp"):
        read_rows(data)


def test_it_unescapes_cells_the_export_escaped():
    data = make_book([row(notes="'=1+1", address="'+84 912", school="'Trường")])
    values = read_rows(data)[0].values
    assert (values["notes"], values["address"], values["school"]) == ("=1+1", "+84 912", "'Trường")
