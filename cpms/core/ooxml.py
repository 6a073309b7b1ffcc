"""Checks of an Office Open XML file (DOCX, XLSX) before anything reads or keeps it.

Only the zip directory and the first bytes of each part are read, never a whole part. A file
is refused when its directory promises too much decompressed data (zip bombs), when a part
is itself an archive or an embedded object (nested zips, OLE packages, ActiveX), when it
holds macros, when a relationship points outside the file other than a hyperlink (remote
templates), or when an XML part declares a DTD (entity attacks). Callers turn the problem
into their own message.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from enum import StrEnum
from typing import IO


class Problem(StrEnum):
    CORRUPT = "corrupt"
    TOO_BIG = "too_big"  # members, total decompressed size or compression ratio
    NESTED = "nested"  # an archive or embedded object inside
    MACRO = "macro"
    EXTERNAL = "external"  # a relationship to a file outside, other than a hyperlink
    DTD = "dtd"


class Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Limits:
    max_total: int = 200 * 1024 * 1024  # all members together, decompressed
    max_ratio: int = 200  # for each member larger than `dense_from` once decompressed
    dense_from: int = 1_000_000
    max_members: int = 2_000


PROLOG_LIMIT = 64 * 1024
RELS_LIMIT = 1024 * 1024
_ARCHIVE_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"Rar!",
    b"7z\xbc\xaf",
    b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0",
)
_EMBEDDED = re.compile(r"(^|/)(embeddings|activeX)/|vbaProject\.bin$|vbaData\.xml$", re.I)
_MACRO_TYPE = "macroEnabled"
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*>", re.I)
_EXTERNAL = re.compile(r"""TargetMode\s*=\s*["']External["']""", re.I)
_HYPERLINK = re.compile(r"""Type\s*=\s*["'][^"']*/hyperlink["']""", re.I)


def check_office_zip(
    file: IO[bytes], limits: Limits | None = None, *, allow_external: bool = False
) -> set[str]:
    """The member names of an acceptable OOXML zip; raises `Refused` otherwise. The file's
    position is back at 0 afterwards. `allow_external`: links to other files are harmless
    where the file is only read by the server, never opened in Office by someone else."""
    limits = limits or Limits()
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            _check_sizes(members, limits)
            for member in members:
                _check_member(archive, member, allow_external=allow_external)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise Refused(Problem.CORRUPT) from exc
    except RuntimeError as exc:  # an encrypted member, an unknown compression method
        raise Refused(Problem.CORRUPT) from exc
    finally:
        file.seek(0)
    return {m.filename for m in members}


def _check_sizes(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = sum(m.file_size for m in members)
    too_dense = any(
        m.file_size > limits.dense_from and m.file_size > limits.max_ratio * max(m.compress_size, 1)
        for m in members
    )
    if len(members) > limits.max_members or total > limits.max_total or too_dense:
        raise Refused(Problem.TOO_BIG)


def _check_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, allow_external: bool
) -> None:
    name = member.filename
    if member.is_dir():
        return
    if _EMBEDDED.search(name):
        raise Refused(Problem.MACRO if "vba" in name.lower() else Problem.NESTED)
    is_rels = name.lower().endswith(".rels")
    if is_rels and member.file_size > RELS_LIMIT:
        raise Refused(Problem.TOO_BIG)
    limit = RELS_LIMIT if is_rels else PROLOG_LIMIT
    with archive.open(member) as part:
        head = part.read(limit)
    if head.startswith(_ARCHIVE_MAGIC):
        raise Refused(Problem.NESTED)
    if not (is_rels or name.lower().endswith(".xml")):
        return
    text = _decode(head)
    if declares_dtd(text, complete=len(head) < limit):
        raise Refused(Problem.DTD)
    if name == "[Content_Types].xml" and _MACRO_TYPE in text:
        raise Refused(Problem.MACRO)
    if is_rels and not allow_external:
        for relationship in _RELATIONSHIP.findall(text):
            if _EXTERNAL.search(relationship) and not _HYPERLINK.search(relationship):
                raise Refused(Problem.EXTERNAL)


def _decode(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace").removeprefix("\ufeff")


def declares_dtd(text: str, *, complete: bool) -> bool:
    """Whether an XML part declares a DTD (or has a prolog too long to tell): `text` is its
    start, `complete` whether that is the whole part. No Office file has one; entity attacks
    need one."""
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        rest = text[position : position + 9]
        if rest.startswith("<?"):
            end, skip = text.find("?>", position), 2
        elif rest.startswith("<!--"):
            end, skip = text.find("-->", position), 3
        else:
            return rest.upper().startswith("<!DOCTYPE") or (position >= len(text) and not complete)
        if end < 0:
            return not complete
        position = end + skip
