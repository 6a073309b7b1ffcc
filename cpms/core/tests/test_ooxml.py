"""The Word/Excel zip check on its own: what ordinary files hold passes, each attack is named."""

from __future__ import annotations

import io

import pytest

from cpms.core import ooxml
from cpms.core.tests.abuse_corpus import CORPUS, DOCUMENT, RELS, book, docx


def check(data: bytes, **kwargs: object) -> set[str]:
    return ooxml.check_office_zip(io.BytesIO(data), **kwargs)  # type: ignore[arg-type]


def problem(data: bytes, **kwargs: object) -> ooxml.Problem:
    with pytest.raises(ooxml.Refused) as caught:
        check(data, **kwargs)
    return caught.value.problem


HYPERLINK_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f"<Relationship Id='rId9' Type='{RELS}/hyperlink' Target='https://example.org/' "
    "TargetMode='External'/></Relationships>"
)


def test_ordinary_files_pass():
    assert "xl/workbook.xml" in check(book())
    assert "word/_rels/document.xml.rels" in check(
        docx(DOCUMENT % "Xem", {"word/_rels/document.xml.rels": HYPERLINK_RELS})
    )


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("zip-bomb-docx", ooxml.Problem.TOO_BIG),
        ("nested-zip-xlsx", ooxml.Problem.NESTED),
        ("nested-zip-docx", ooxml.Problem.NESTED),
        ("billion-laughs-xlsx", ooxml.Problem.DTD),
        ("xxe-docx", ooxml.Problem.DTD),
        ("remote-template-docx", ooxml.Problem.EXTERNAL),
        ("xlsm-renamed", ooxml.Problem.MACRO),
    ],
)
def test_each_attack_is_named(key, expected):
    assert problem(CORPUS[key].make()) == expected


def test_outside_links_may_be_allowed_where_nothing_opens_the_file_in_office():
    assert check(CORPUS["remote-template-docx"].make(), allow_external=True)


def test_limits_count_members_and_total_size():
    many = docx(extra={f"word/media/{i}.xml": "<a/>" for i in range(20)})
    assert problem(many, limits=ooxml.Limits(max_members=10)) == ooxml.Problem.TOO_BIG
    assert problem(book(), limits=ooxml.Limits(max_total=1000)) == ooxml.Problem.TOO_BIG


def test_a_dtd_in_utf16_or_after_comments_is_seen():
    laughs = '<?xml version="1.0" encoding="UTF-16"?><!-- x --><!DOCTYPE w [<!ENTITY a "b">]><w/>'
    data = docx(extra={"word/styles.xml": laughs.encode("utf-16")})
    assert problem(data) == ooxml.Problem.DTD


def test_damaged_and_encrypted_zips_are_corrupt():
    assert problem(b"PK\x03\x04" + b"\0" * 100) == ooxml.Problem.CORRUPT
    data = bytearray(docx())
    central = bytes(data).find(b"PK\x01\x02")
    data[central + 8] |= 1  # the "encrypted" flag of the first member, in the zip directory
    assert problem(bytes(data)) == ooxml.Problem.CORRUPT
