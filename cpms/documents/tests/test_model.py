from __future__ import annotations

import unicodedata

import pytest

from cpms.documents import (
    CheckboxLine,
    IssuingBody,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Table,
)
from cpms.documents.compose import compose
from cpms.documents.tests import samples


def test_it_stores_text_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Đặng Thị Hương, ủy ban")
    assert decomposed != "Đặng Thị Hương, ủy ban"
    assert Paragraph(decomposed).text == "Đặng Thị Hương, ủy ban"


def test_it_normalises_text_inside_tuples():
    decomposed = unicodedata.normalize("NFD", "Quảng Ngãi")
    table = Table(header=(decomposed,), rows=((decomposed,),))
    assert table.header == ("Quảng Ngãi",)
    assert table.rows == (("Quảng Ngãi",),)


def test_it_drops_control_characters_that_xml_cannot_hold():
    assert Paragraph("Trẻ\x00 em\x0b Quảng\x1f Ngãi").text == "Trẻ em Quảng Ngãi"


def test_it_prints_the_issuing_body_in_capitals():
    body = IssuingBody(("Ủy ban nhân dân xã Bình Sơn",), parent=("tỉnh Quảng Ngãi",))
    assert body.lines == ("ỦY BAN NHÂN DÂN XÃ BÌNH SƠN",)
    assert body.parent == ("TỈNH QUẢNG NGÃI",)


def test_it_refuses_rows_of_the_wrong_width():
    with pytest.raises(ValueError, match="cells"):
        Table(header=("A", "B"), rows=(("1",),))


def test_it_refuses_widths_that_do_not_match_the_columns():
    with pytest.raises(ValueError, match="widths"):
        Table(header=("A", "B"), rows=(), widths=(1,))


def test_it_refuses_a_checkbox_selection_outside_the_options():
    with pytest.raises(ValueError, match="Rất cao"):
        CheckboxLine("Mức độ", ("Cao", "Thấp"), ("Rất cao",))


def test_it_refuses_a_number_without_a_symbol():
    with pytest.raises(ValueError, match="symbol"):
        OfficialDocument(number=3)


def test_it_refuses_a_body_size_outside_decree_30():
    with pytest.raises(ValueError, match="pt"):
        OfficialDocument(body_size=12)


def test_it_moves_a_letters_subject_under_the_number():
    parts = compose(samples.letter())
    assert parts.kind == ""
    assert parts.subject == ""
    assert parts.letter_subject == "V/v chuyển gửi trường hợp trẻ em cần hỗ trợ"


def test_it_closes_the_body_with_the_end_mark():
    parts = compose(samples.decision())
    last = parts.body[-1]
    assert isinstance(last, Paragraph)
    assert last.text == "Quyết định này có hiệu lực kể từ ngày ký./."


def test_it_appends_the_end_mark_after_a_table():
    doc = OfficialDocument(body=(Table(("A",), ()),), end_mark=True)
    assert compose(doc).body[-1] == Paragraph("./.")


def test_it_marks_a_numbered_item_too():
    doc = OfficialDocument(body=(NumberedItem("1.", "Thi hành"),), end_mark=True)
    assert compose(doc).body[-1] == NumberedItem("1.", "Thi hành./.")


def test_it_prints_no_masthead_for_a_bare_form():
    parts = compose(OfficialDocument(national_title=False, form_label="Mẫu số 06"))
    assert not parts.has_masthead
    assert not parts.has_closing
