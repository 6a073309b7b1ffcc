"""A streaming reader of XLSX worksheets: cell values, row by row, in constant memory.

Why not a library: openpyxl's read-only mode reads about 2,500 rows a second (too slow for a
100 000-row book), and python-calamine, though fast, holds the whole sheet in memory (about
150 MB for 100 000 rows). This reader parses the worksheet XML with lxml's C parser as it is
decompressed, one row element at a time (each row is dropped once read), and keeps only the
shared strings and the current row. It reads values only (cached formula results, never
formulas); openpyxl's tables say which number formats are dates. lxml is several times
faster than ElementTree here, and than defusedxml's pure-Python parser by far: it is told to
load no DTD and resolve no entity, and callers must have refused DTDs first
(`reader.check_zip`). The small parts go through defusedxml.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, cast
from xml.etree.ElementTree import Element, XMLPullParser

from defusedxml import ElementTree as DefusedElementTree
from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_WORKSHEET_TYPE = "/worksheet"
_CELL, _ROW, _VALUE, _INLINE = f"{_MAIN}c", f"{_MAIN}row", f"{_MAIN}v", f"{_MAIN}is"
_TEXT, _RUN, _DIMENSION = f"{_MAIN}t", f"{_MAIN}r", f"{_MAIN}dimension"
_REFERENCE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_CHUNK = 1 << 16

Value = str | float | int | bool | dt.date | dt.datetime | None


@dataclass(frozen=True)
class Sheet:
    name: str
    path: str  # the worksheet's part in the zip


class XlsxError(ValueError):
    """The workbook's structure is not what an XLSX file holds."""


def _parse(archive: zipfile.ZipFile, name: str) -> Element:
    """A small part (workbook, relationships, styles), whole, by defusedxml's parser."""
    with archive.open(name) as part:
        root = DefusedElementTree.parse(part, forbid_dtd=True).getroot()
    assert isinstance(root, Element)
    return root


def _elements(parser: XMLPullParser) -> Iterator[Element]:
    for _event, element in cast(Iterator[tuple[str, Element]], parser.read_events()):
        yield element


def _text_of(item: Any) -> str:
    """The text of a shared or inline string: plain, or rich text runs (phonetic guides,
    `rPh`, are left out)."""
    if len(item) == 1 and item[0].tag == _TEXT:  # plain text, the common case
        return str(item[0].text or "")
    plain = item.findtext(_TEXT) or ""
    return plain + "".join(run.findtext(_TEXT) or "" for run in item.iterfind(_RUN))


def _iterparse(part: IO[bytes], tag: str, *, clear: bool = False) -> Iterator[tuple[str, Any]]:
    """The `tag` elements of a large part as each one ends (lxml's C parser, several times
    faster than ElementTree's for the sheet). With `clear`, each is dropped once the caller
    has it. No DTD is loaded and no entity resolved (and `reader.check_zip` refused DTDs)."""
    events = etree.iterparse(
        part, events=("end",), tag=tag, resolve_entities=False, no_network=True, load_dtd=False
    )
    for event in events:
        yield event
        if clear:
            _drop(event[1])


def _drop(element: Any) -> None:
    """Drop an element read, and its earlier siblings: the tree stays one element deep."""
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


class XlsxReader:
    """Open with a zip file; `sheets` lists the worksheets in workbook order; `rows(sheet)`
    streams (row number, values by 0-based column) for the rows that hold something."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        names = set(archive.namelist())
        workbook = _parse(archive, "xl/workbook.xml")
        properties = workbook.find(f"{_MAIN}workbookPr")
        mac = properties is not None and properties.get("date1904") in ("1", "true")
        self._epoch = CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900
        targets: dict[str, str] = {}
        for rel in _parse(archive, "xl/_rels/workbook.xml.rels").iter(
            f"{_PACKAGE_REL}Relationship"
        ):
            if (rel.get("Type") or "").endswith(_WORKSHEET_TYPE):
                target = rel.get("Target") or ""
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                targets[rel.get("Id") or ""] = posixpath.normpath(path)
        self.sheets = [
            Sheet(sheet.get("name") or "", targets[rid])
            for sheet in workbook.iter(f"{_MAIN}sheet")
            if (rid := sheet.get(f"{_REL}id") or "") in targets and targets[rid] in names
        ]
        if not self.sheets:
            raise XlsxError("no worksheet")
        self._strings = self._shared_strings() if "xl/sharedStrings.xml" in names else []
        self._date_styles = self._dates() if "xl/styles.xml" in names else frozenset()
        self._date_style_ids = frozenset(str(index) for index in self._date_styles)
        self._columns: dict[str, int] = {}

    def _shared_strings(self) -> list[str]:
        with self._archive.open("xl/sharedStrings.xml") as part:
            return [_text_of(item) for _event, item in _iterparse(part, f"{_MAIN}si", clear=True)]

    def _dates(self) -> frozenset[int]:
        """The indexes of the cell formats that show numbers as dates."""
        styles = _parse(self._archive, "xl/styles.xml")
        formats: dict[int, str] = dict(BUILTIN_FORMATS)
        for custom in styles.iter(f"{_MAIN}numFmt"):
            formats[int(custom.get("numFmtId") or -1)] = custom.get("formatCode") or ""
        cell_formats = styles.find(f"{_MAIN}cellXfs")
        if cell_formats is None:
            return frozenset()
        return frozenset(
            index
            for index, xf in enumerate(cell_formats.iter(f"{_MAIN}xf"))
            if is_date_format(formats.get(int(xf.get("numFmtId") or 0), ""))
        )

    def dimension(self, sheet: Sheet) -> int:
        """The last row the sheet declares (0 when it does not say)."""
        parser = XMLPullParser(events=("start",))
        with self._archive.open(sheet.path) as part:
            while chunk := part.read(_CHUNK):
                parser.feed(chunk)
                for element in _elements(parser):
                    if element.tag == _DIMENSION:
                        match = _REFERENCE.match((element.get("ref") or "").split(":")[-1])
                        return int(match.group(2)) if match else 0
                    if element.tag == _ROW:
                        return 0
        return 0

    def rows(self, sheet: Sheet) -> Iterator[tuple[int, list[Value]]]:
        number = 0
        with self._archive.open(sheet.path) as part:
            for _event, row in _iterparse(part, _ROW):
                declared = row.get("r")
                number = int(declared) if declared else number + 1
                values: list[Value] = []
                for cell in row:
                    if cell.tag == _CELL:
                        self._cell(cell, values)
                _drop(row)
                if values:
                    yield number, values

    def _column(self, reference: str | None, default: int) -> int:
        """The 0-based column of a cell reference ("C12" → 2), remembered by its letters."""
        if not reference:
            return default
        letters = reference.rstrip("0123456789")
        index = self._columns.get(letters)
        if index is None:
            match = _REFERENCE.match(reference)
            if match is None:
                return default
            index = self._columns[letters] = _column_index(match.group(1))
        return index

    def _cell(self, cell: Any, values: list[Value]) -> None:
        index = self._column(cell.get("r"), len(values))
        kind = cell.get("t", "n")
        value: Value = None
        if kind == "inlineStr":
            for inline in cell:
                if inline.tag == _INLINE:
                    value = _text_of(inline)
                    break
        else:
            raw = cell.findtext(_VALUE)
            if raw is None:
                return
            value = self._typed(kind, raw, cell.get("s"))
        if value is None or value == "":
            return
        if index >= len(values):
            values.extend([None] * (index + 1 - len(values)))
        values[index] = value

    def _typed(self, kind: str, raw: str, style: str | None) -> Value:
        if kind == "s":
            return self._strings[int(raw)]
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":  # an ISO 8601 date cell (written by some tools instead of a number)
            moment = dt.datetime.fromisoformat(raw.strip().removesuffix("Z"))
            return moment.date() if moment.time() == dt.time(0) else moment
        number = float(raw)
        if style is not None and style in self._date_style_ids:
            moment = from_excel(number, self._epoch)
            if isinstance(moment, dt.datetime) and moment.time() == dt.time(0):
                return moment.date()
            return moment  # type: ignore[no-any-return]
        return int(number) if number.is_integer() and "." not in raw and "E" not in raw else number
