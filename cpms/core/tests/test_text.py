from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cpms.core.text import normalize_text, search_key

# Vietnamese letters in both cases, mixed with arbitrary text so the properties see
# combining marks, controls and odd white space too.
VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
vietnamese_text = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " \t\n\r\u00a0\u0301\u0323")
any_text = st.one_of(vietnamese_text, st.text())

# Inputs that broke earlier versions: a removed control between a letter and its mark,
# control characters that are line breaks, and a stray mark between two spaces.
TRICKY = ["e\u200b\u0301", "Đặng\x0bThị", "Nguyễn\rVăn", "x\x85y", "a \u0301 b", " \u0301a"]


def _nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Đặng  Thị Ánh", "dang thi anh"),
        ("NGUYỄN VĂN ĐỨC", "nguyen van duc"),
        ("  Trần\tThị\n Bích  Ngọc ", "tran thi bich ngoc"),
        ("Huỳnh Văn Vũ", "huynh van vu"),
        ("Lê Thị Hồng Nhung", "le thi hong nhung"),
        ("Phạm Đức Thắng", "pham duc thang"),
        ("Dương Quỳnh Như", "duong quynh nhu"),
        ("Ngô\u200b Thị", "ngo thi"),
        ("Đặng\x0bThị", "dang thi"),
        ("Nguyễn\rVăn", "nguyen van"),
        ("a \u0301 b", "a b"),
        ("", ""),
    ],
)
def test_it_builds_search_keys(value: str, key: str):
    assert search_key(value) == key


def test_it_gives_nfd_input_the_same_key_as_nfc():
    nfc = "Đặng Thị Ánh Nguyễn Huỳnh Vũ"
    assert _nfd(nfc) != nfc
    assert search_key(_nfd(nfc)) == search_key(nfc) == "dang thi anh nguyen huynh vu"


def test_it_keeps_base_letters_of_huynh_and_vu():
    assert search_key("Huỳnh") == "huynh"  # y with grave, not stripped to 'hunh'
    assert search_key("Vũ") == "vu"
    assert search_key("Ư Ơ Ă Â Ê Ô") == "u o a a e o"


@pytest.mark.parametrize(
    ("value", "normal"),
    [
        ("  Đặng  Thị\tÁnh \n", "Đặng Thị Ánh"),
        ("Nguye\u0302\u0303n", "Nguyễn"),
        ("Trần\x00Văn\x07", "TrầnVăn"),
        ("e\u200b\u0301", "é"),
        ("Đặng\x0bThị", "Đặng Thị"),
        ("Nguyễn\r\nVăn", "Nguyễn Văn"),
        ("x\x85y", "x y"),
    ],
)
def test_it_normalizes_text(value: str, normal: str):
    assert normalize_text(value) == normal


@given(any_text)
@example("a \u0301 b")
def test_it_makes_search_key_idempotent(value: str):
    key = search_key(value)
    assert search_key(key) == key


@given(any_text)
@example("e\u200b\u0301")
def test_it_gives_nfc_and_nfd_forms_the_same_key(value: str):
    nfc = unicodedata.normalize("NFC", value)
    assert search_key(nfc) == search_key(_nfd(value)) == search_key(value)


@given(any_text)
def test_it_leaves_no_combining_mark_and_no_d_with_stroke_in_keys(value: str):
    key = search_key(value)
    assert not any(unicodedata.combining(ch) for ch in _nfd(key))
    assert "đ" not in key
    assert "Đ" not in key
    assert key == key.lower()


@given(any_text)
@example(" \u0301a")
def test_it_keeps_keys_to_single_spaces_with_no_edges(value: str):
    key = search_key(value)
    assert "  " not in key
    assert key == key.strip()
    assert all(ch == " " or not ch.isspace() for ch in key)


@given(any_text)
@example("e\u200b\u0301")
def test_it_returns_normalized_text_in_nfc(value: str):
    assert unicodedata.is_normalized("NFC", normalize_text(value))


@given(any_text)
def test_it_makes_normalize_text_idempotent(value: str):
    normal = normalize_text(value)
    assert normalize_text(normal) == normal


@given(any_text)
def test_it_removes_controls_and_collapses_white_space(value: str):
    normal = normalize_text(value)
    assert not any(unicodedata.category(ch)[0] == "C" for ch in normal)
    assert "  " not in normal
    assert normal == normal.strip()


@pytest.mark.parametrize("value", TRICKY)
def test_it_handles_inputs_that_broke_earlier_versions(value: str):
    normal, key = normalize_text(value), search_key(value)
    assert unicodedata.is_normalized("NFC", normal)
    assert normalize_text(normal) == normal
    assert search_key(key) == key
    assert "  " not in key
