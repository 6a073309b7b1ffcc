"""Vietnamese text: NFC normalisation on input and diacritic-insensitive search keys."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

_SPACES = re.compile(r"\s+")
# Đ/đ have no Unicode decomposition, so stripping combining marks alone leaves them.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


@cache
def _no_marks() -> dict[int, None]:
    """Every combining mark, for str.translate (one C call instead of a loop over characters).
    Built on first use: looking through every code point takes tens of milliseconds, which
    processes that never build a search key should not pay at start-up."""
    return {code: None for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))}


def normalize_text(value: str) -> str:
    """NFC form, no control characters, trimmed, runs of white space collapsed to one space.

    Controls that are line breaks (\\r, \\v, \\f, U+0085) count as white space, so
    "Đặng\\vThị" keeps its word break. Controls are removed before NFC: removing one that sat
    between a letter and its mark ("e", U+200B, U+0301) would otherwise leave a decomposed pair.
    """
    if not value:
        return value
    if not value.isprintable():  # a fast test: printable text has no control character
        value = "".join(ch for ch in value if ch.isspace() or unicodedata.category(ch)[0] != "C")
    value = unicodedata.normalize("NFC", value)
    return _SPACES.sub(" ", value).strip()


def search_key(value: str) -> str:
    """Lowercase, đ→d, diacritics removed, single spaces: 'Đặng  Thị Ánh' → 'dang thi anh'."""
    value = normalize_text(value).lower().translate(_D_MAP)
    stripped = unicodedata.normalize("NFD", value).translate(_no_marks())
    # Collapse again: a stray mark between two spaces ("a \\u0301 b") leaves a double space.
    return _SPACES.sub(" ", unicodedata.normalize("NFC", stripped)).strip()
