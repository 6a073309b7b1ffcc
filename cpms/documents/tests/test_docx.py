"""Render to DOCX and read the file back with python-docx."""

from __future__ import annotations

from io import BytesIO

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from cpms.documents import render_docx
from cpms.documents.layout import BLANK, MOTTO, NATIONAL_TITLE
from cpms.documents.tests import samples

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(doc):
    return docx.Document(BytesIO(render_docx(doc)))


def texts(paragraphs):
    return [p.text for p in paragraphs if p.text]


@pytest.fixture(scope="module")
def decision():
    return read(samples.decision())


def test_it_sets_a4_and_the_decree_30_margins(decision):
    section = decision.sections[0]
    for actual, expected in [
        (section.page_width, Mm(210)),
        (section.page_height, Mm(297)),
        (section.top_margin, Mm(20)),
        (section.bottom_margin, Mm(20)),
        (section.left_margin, Mm(30)),
        (section.right_margin, Mm(15)),
    ]:
        assert abs(actual - expected) < Mm(0.1)


def test_it_numbers_pages_in_the_header_from_page_2(decision):
    section = decision.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert first._element.findall(f".//{W}instrText") == []
    assert texts(first.paragraphs) == []
    instructions = [e.text.strip() for e in section.header._element.iter(f"{W}instrText")]
    assert instructions == ["PAGE"]
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_it_sets_times_new_roman_at_the_body_size(decision):
    normal = decision.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)


def test_it_prints_the_masthead_in_two_columns(decision):
    masthead = decision.tables[0]
    issuer, nation = masthead.cell(0, 0), masthead.cell(0, 1)
    assert texts(issuer.paragraphs) == ["TỈNH QUẢNG NGÃI", "ỦY BAN NHÂN DÂN", "XÃ BÌNH SƠN"]
    assert not issuer.paragraphs[0].runs[0].bold
    assert issuer.paragraphs[1].runs[0].bold
    assert texts(nation.paragraphs) == [NATIONAL_TITLE, MOTTO]
    title, motto = nation.paragraphs[0].runs[0], nation.paragraphs[1].runs[0]
    assert title.bold
    assert motto.bold
    assert motto.underline
    assert masthead.cell(1, 0).text == "Số: 12/QĐ-UBND"
    date = masthead.cell(1, 1).paragraphs[0]
    assert date.text == "Quảng Ngãi, ngày 05 tháng 3 năm 2026"
    assert date.runs[0].italic


def test_it_prints_kind_subject_and_body(decision):
    lines = texts(decision.paragraphs)
    assert lines[:6] == [
        "QUYẾT ĐỊNH",
        "Về việc tạm thời cách ly trẻ em khỏi cha, mẹ, người chăm sóc trẻ em",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH SƠN",
        "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tạm thời cách ly trẻ em Đặng Thị Hương, sinh năm 2015.",
    ]
    assert "a) Nơi tạm trú an toàn: nhà văn hóa thôn An Phú." in lines
    assert samples.SCRIPT in lines
    assert lines[-1] == "Điều 3. Quyết định này có hiệu lực kể từ ngày ký./."
    article = next(p for p in decision.paragraphs if p.text.startswith("Điều 1."))
    assert article.runs[0].bold
    assert article.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(article.paragraph_format.first_line_indent - Mm(12.7)) < Mm(0.1)


def test_it_prints_tables_with_a_repeated_header_row(decision):
    table = decision.tables[1]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["STT", "Cơ quan", "Nhiệm vụ"],
        ["1", "Công an xã", "Bảo đảm an toàn cho trẻ em"],
        ["2", "Trạm y tế xã", "Khám sức khỏe ban đầu"],
    ]
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert table.cell(0, 0).paragraphs[0].runs[0].bold


def test_it_prints_recipients_left_and_signature_right(decision):
    closing = decision.tables[-1]
    recipients, signature = closing.cell(0, 0), closing.cell(0, 1)
    assert texts(recipients.paragraphs) == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- UBND tỉnh Quảng Ngãi (b/c);",
        "- Lưu: VT, VHXH.",
    ]
    label = recipients.paragraphs[0].runs[0]
    assert (label.bold, label.italic, label.font.size) == (True, True, Pt(12))
    assert recipients.paragraphs[1].runs[0].font.size == Pt(11)
    assert texts(signature.paragraphs) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]
    blank_lines = [p for p in signature.paragraphs if not p.text]
    assert len(blank_lines) >= 3  # room for the signature and the seal
    assert closing.rows[0]._tr.find(f"{W}trPr/{W}cantSplit") is not None


def test_it_prints_a_letters_subject_under_the_number():
    letter = read(samples.letter())
    left = letter.tables[0].cell(1, 0)
    assert texts(left.paragraphs) == [
        "Số: 07/UBND-VHXH",
        "V/v chuyển gửi trường hợp trẻ em cần hỗ trợ",
    ]
    assert letter.tables[0].cell(1, 1).text == "Quảng Ngãi, ngày 01 tháng 02 năm 2026"
    assert texts(letter.paragraphs)[:3] == [
        "Kính gửi:",
        "- Công an xã Bình Sơn;",
        "- Trạm y tế xã Bình Sơn.",
    ]


def test_it_prints_a_form_with_fields_and_checkboxes():
    form = read(samples.intake_form())
    label = form.paragraphs[0]
    assert label.text == "Mẫu số 01"
    assert label.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert form.tables[0].cell(1, 0).text == f"Số: {BLANK}/BC-UBND"
    assert form.tables[0].cell(1, 1).text == (f"Quảng Ngãi, ngày {BLANK} tháng {BLANK} năm {BLANK}")
    lines = texts(form.paragraphs)
    assert "Họ và tên trẻ em: Đặng Thị Hương" in lines
    assert "Họ và tên cha: Đặng Văn Long   Tuổi: 41" in lines
    assert f"Hoàn cảnh gia đình: {BLANK * 3}" in lines
    assert "Giới tính: ☐ Nam   ☒ Nữ   ☐ Không biết" in lines
    assert "Mức độ tổn hại: ☐ Cao   ☒ Trung bình   ☐ Thấp" in lines
    assert form.styles["Normal"].font.size == Pt(13)
    signature = form.tables[-1].cell(0, 1)
    assert texts(signature.paragraphs) == ["Cán bộ tiếp nhận thông tin", "(Ký, ghi rõ họ tên)"]
    assert texts(form.tables[-1].cell(0, 0).paragraphs) == []
