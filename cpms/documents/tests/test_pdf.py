"""Render to PDF (WeasyPrint) and read the file back with pypdf."""

from __future__ import annotations

import unicodedata
from io import BytesIO

import pytest
from django.utils import translation
from pypdf import PdfReader

from cpms.documents import OfficialDocument, Paragraph, render_html, render_pdf
from cpms.documents.layout import MOTTO, NATIONAL_TITLE
from cpms.documents.tests import samples

MM = 72 / 25.4  # PDF points per millimetre


def read(doc):
    return PdfReader(BytesIO(render_pdf(doc)))


def page_text(page):
    return unicodedata.normalize("NFC", page.extract_text())


def top_margin_text(page):
    """Text drawn in the top 20 mm margin of the page (where the page number belongs)."""
    found = []
    top = float(page.mediabox.top)

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y > top - 20 * MM:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def decision():
    return read(samples.decision())


def test_it_prints_on_a4(decision):
    box = decision.pages[0].mediabox
    assert round(float(box.width) / MM) == 210
    assert round(float(box.height) / MM) == 297


def test_it_prints_the_whole_decision_with_diacritics(decision):
    text = page_text(decision.pages[0]) + "".join(page_text(p) for p in decision.pages[1:])
    for expected in [
        NATIONAL_TITLE,
        MOTTO,
        "ỦY BAN NHÂN DÂN",
        "XÃ BÌNH SƠN",
        "Số: 12/QĐ-UBND",
        "Quảng Ngãi, ngày 05 tháng 3 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc tạm thời cách ly trẻ em khỏi cha, mẹ, người chăm sóc trẻ em",
        "Điều 1. Tạm thời cách ly trẻ em Đặng Thị Hương, sinh năm 2015.",
        "Bảo đảm an toàn cho trẻ em",
        "Trạm y tế xã",
        "Nơi nhận:",
        "- Lưu: VT, VHXH.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
        "kể từ ngày ký./.",
    ]:
        assert expected in text


def test_it_prints_markup_in_a_text_literally(decision):
    text = page_text(decision.pages[0])
    assert samples.SCRIPT in text


def test_it_escapes_markup_in_the_html():
    html = render_html(samples.decision())
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in html


def test_it_writes_css_figures_with_a_decimal_point_in_vietnamese():
    with translation.override("vi"):
        html = render_html(samples.decision())
    assert "text-indent: 12.7mm" in html
    assert "margin: 20mm 15mm 20mm 30mm" in html


def test_it_numbers_pages_from_page_2_in_the_top_margin():
    pdf = read(samples.decision(extra_paragraphs=60))
    assert len(pdf.pages) >= 3
    assert top_margin_text(pdf.pages[0]) == []
    assert top_margin_text(pdf.pages[1]) == ["2"]
    assert top_margin_text(pdf.pages[2]) == ["3"]
    assert "Nguyễn Văn An" in page_text(pdf.pages[-1])


def test_a_short_document_has_one_page_and_no_page_number():
    pdf = read(OfficialDocument(body=(Paragraph("Ủy ban nhân dân xã Bình Sơn"),)))
    assert len(pdf.pages) == 1
    assert top_margin_text(pdf.pages[0]) == []
    assert "Ủy ban nhân dân xã Bình Sơn" in page_text(pdf.pages[0])


def test_it_prints_a_form_with_fields_and_checkboxes():
    text = page_text(read(samples.intake_form()).pages[0])
    for expected in [
        "Mẫu số 01",
        "BÁO CÁO",
        "TIẾP NHẬN THÔNG TIN TRẺ EM BỊ XÂM HẠI",
        "Họ và tên trẻ em: Đặng Thị Hương",
        "Tuổi: 41",
        "Giới tính: ☐ Nam",
        "☒ Nữ",
        "Mức độ tổn hại: ☐ Cao",
        "☒ Trung bình",
        "(Ký, ghi rõ họ tên)",
    ]:
        assert expected in text


def test_it_prints_a_letter():
    text = page_text(read(samples.letter()).pages[0])
    for expected in ["Số: 07/UBND-VHXH", "V/v chuyển gửi trường hợp", "Kính gửi:", "TM. ỦY BAN"]:
        assert expected in text


def test_it_prints_in_the_official_font_or_a_serif_fallback(decision):
    fonts = decision.pages[0]["/Resources"]["/Font"].values()
    names = [str(font.get_object()["/BaseFont"]).replace("-", "") for font in fonts]
    families = ("TimesNewRoman", "LiberationSerif", "DejaVuSerif")
    assert any(family in name for name in names for family in families), names
