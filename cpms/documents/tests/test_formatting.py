from __future__ import annotations

import datetime as dt

import pytest

from cpms.documents import formatting
from cpms.documents.layout import BLANK


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (dt.date(2026, 2, 15), "ngày 15 tháng 02 năm 2026"),
        (dt.date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
        (dt.date(2025, 12, 10), "ngày 10 tháng 12 năm 2025"),
        (dt.date(2025, 10, 9), "ngày 09 tháng 10 năm 2025"),
    ],
)
def test_it_pads_days_below_10_and_months_1_and_2(day, expected):
    assert formatting.date_text(day) == expected


def test_it_leaves_blanks_for_an_unknown_date():
    assert formatting.date_text(None) == f"ngày {BLANK} tháng {BLANK} năm {BLANK}"


def test_it_puts_the_place_first():
    line = formatting.date_line("Quảng Ngãi", dt.date(2026, 3, 5))
    assert line == "Quảng Ngãi, ngày 05 tháng 3 năm 2026"


def test_it_prints_no_line_without_place_or_date():
    assert formatting.date_line("", None) == ""


def test_it_formats_number_and_symbol():
    assert formatting.number_line(12, "QĐ-UBND") == "Số: 12/QĐ-UBND"


def test_it_pads_numbers_below_10():
    assert formatting.number_line(5, "UBND-VHXH") == "Số: 05/UBND-VHXH"


def test_it_leaves_a_blank_for_a_draft():
    assert formatting.number_line(None, "BC-UBND") == f"Số: {BLANK}/BC-UBND"


@pytest.mark.parametrize("symbol", ["", "QĐ UBND", "QĐ--UBND", "-UBND", "QĐ/UBND"])
def test_it_refuses_a_malformed_symbol(symbol):
    with pytest.raises(ValueError, match="symbol"):
        formatting.number_line(1, symbol)


def test_it_refuses_a_number_below_1():
    with pytest.raises(ValueError, match="positive"):
        formatting.number_line(0, "QĐ-UBND")


def test_it_ticks_the_selected_boxes():
    line = formatting.checkboxes(("Cao", "Trung bình", "Thấp"), ("Thấp",))
    assert line == "☐ Cao   ☐ Trung bình   ☒ Thấp"


def test_it_refuses_a_selection_outside_the_options():
    with pytest.raises(ValueError, match="Rất cao"):
        formatting.checkboxes(("Cao", "Thấp"), ("Rất cao",))


def test_it_ends_the_recipient_list_with_the_filing_line():
    lines = formatting.recipient_lines(["Như trên;", "Công an xã."], "VT, VHXH")
    assert lines == ("- Như trên;", "- Công an xã;", "- Lưu: VT, VHXH.")


def test_it_closes_the_last_recipient_without_a_filing_line():
    assert formatting.recipient_lines(["A", "B"], "") == ("- A;", "- B.")


def test_it_puts_a_single_addressee_on_the_label_line():
    assert formatting.addressee_lines(["Công an xã"]) == ("Kính gửi: Công an xã.",)


def test_it_lists_several_addressees_under_the_label():
    lines = formatting.addressee_lines(["Công an xã", "Trạm y tế xã"])
    assert lines == ("Kính gửi:", "- Công an xã;", "- Trạm y tế xã.")


@pytest.mark.parametrize(
    ("label", "expected"), [("Tuổi", "Tuổi:"), ("Tuổi:", "Tuổi:"), ("Ai?", "Ai?")]
)
def test_it_adds_a_colon_to_labels(label, expected):
    assert formatting.labelled(label) == expected
