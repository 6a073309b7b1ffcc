"""Matching keys for Vietnamese personal names.

A Vietnamese name is family name, middle name(s), given name: "Nguyễn Thị Lan". Keys are
search keys (lowercase, no diacritics, đ→d). Huỳnh/Hoàng and Võ/Vũ are regional spellings
of the same family name, so the canonical family key maps them together.
"""

from __future__ import annotations

from dataclasses import dataclass

from cpms.core.text import search_key

FAMILY_CANON = {"huynh": "hoang", "vo": "vu"}


@dataclass(frozen=True)
class NameKeys:
    name_key: str
    family_key: str
    family_canon: str
    given_key: str


def name_keys(full_name: str) -> NameKeys:
    key = search_key(full_name)
    tokens = key.split(" ") if key else [""]
    family = tokens[0]
    return NameKeys(
        name_key=key,
        family_key=family,
        family_canon=FAMILY_CANON.get(family, family),
        given_key=tokens[-1],
    )
