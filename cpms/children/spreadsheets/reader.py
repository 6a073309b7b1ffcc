"""Streamed, bounded reading of an uploaded child-monitoring book.

The file is checked before the parser sees it: it must really be an XLSX (a zip holding a
workbook, sniffed from its bytes, never judged by its name), and its zip directory must not
promise more decompressed data than we accept (zip bombs), it may hold no archive, embedded
object or macro, and no XML part may declare a DTD (entity attacks). Then `xlsx.XlsxReader`
streams the sheet: values only, cached formula results rather than formulas, one row at a
time. Text is NFC-normalised.
"""

from __future__ import annotations

import datetime as dt
import logging
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import IO

import filetype
from django.utils.translation import gettext as _

from cpms.core import ooxml
from cpms.core.text import normalize_text

from .columns import COLUMNS, REQUIRED, header_key
from .xlsx import Value, XlsxReader

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all zip members together
MAX_COMPRESSION_RATIO = 200  # per member larger than 1 MB once decompressed
MAX_ZIP_MEMBERS = 2_000
MAX_DATA_ROWS = 200_000
MAX_COLUMNS = 80
HEADER_SEARCH_ROWS = 15
SNIFF_BYTES = 8_192
EXAMPLE_MARKERS = frozenset({"vi du", "vd", "mau"})
FORMULA_PREFIXES = ("=", "+", "-", "@")


class SheetError(Exception):
    """The file cannot be used as a child-monitoring book; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def sniff_xlsx(head: bytes, file: IO[bytes]) -> None:
    """Refuse anything that is not an XLSX workbook, by content; then check the zip."""
    kind = filetype.guess(head)
    extension = kind.extension if kind is not None else ""
    if extension == "xls":
        raise SheetError(
            _(
                "Tệp Excel 97-2003 (.xls) chưa được hỗ trợ. Hãy mở tệp bằng Excel và lưu lại "
                "dưới dạng .xlsx (Sổ làm việc Excel)."
            )
        )
    if extension not in ("xlsx", "zip"):
        raise SheetError(
            _("Tệp không phải bảng tính Excel (.xlsx). Hãy dùng tệp mẫu tải về từ hệ thống.")
        )
    check_zip(file)


def check_zip(file: IO[bytes]) -> None:
    """A workbook, with bounded member count, total size and compression ratio, no archive,
    embedded object or macro inside, and no DTD in any XML part (`cpms.core.ooxml`).

    Python's zipfile never inflates a member beyond the size its directory entry declares,
    so checking the declared sizes bounds what the parser can be made to decompress.
    """
    limits = ooxml.Limits(
        max_total=MAX_UNCOMPRESSED_BYTES,
        max_ratio=MAX_COMPRESSION_RATIO,
        max_members=MAX_ZIP_MEMBERS,
    )
    try:
        # Links to other workbooks are harmless here: the server only reads cell values.
        names = ooxml.check_office_zip(file, limits, allow_external=True)
    except ooxml.Refused as exc:
        raise SheetError(_ZIP_MESSAGES[exc.problem]()) from exc
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise SheetError(_("Tệp không phải bảng tính Excel (.xlsx)."))


_ZIP_MESSAGES: dict[ooxml.Problem, Callable[[], str]] = {
    ooxml.Problem.CORRUPT: lambda: _("Tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx)."),
    ooxml.Problem.DTD: lambda: _("Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng."),
    ooxml.Problem.TOO_BIG: lambda: _(
        "Tệp quá lớn khi giải nén hoặc có cấu trúc bất thường, hệ thống không đọc tệp này."
    ),
    ooxml.Problem.NESTED: lambda: _(
        "Tệp có chứa tệp nén hoặc đối tượng nhúng bên trong, hệ thống không nhận. Hãy chép dữ "
        "liệu sang tệp mẫu của hệ thống rồi tải lên lại."
    ),
    ooxml.Problem.MACRO: lambda: _(
        "Tệp có chứa macro, hệ thống không nhận. Hãy lưu lại dưới dạng Sổ làm việc Excel "
        "(.xlsx) không có macro."
    ),
    ooxml.Problem.EXTERNAL: lambda: _("Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng."),
}


# What a damaged or hostile file makes the parser raise.
PARSE_ERRORS = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    SyntaxError,  # expat's ParseError
    EOFError,
    OSError,
    zlib.error,
)


@contextmanager
def _parsing() -> Iterator[None]:
    try:
        yield
    except SheetError:
        raise
    except (*PARSE_ERRORS, zipfile.BadZipFile) as exc:
        logger.info("unreadable workbook", exc_info=True)
        raise SheetError(_("Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng.")) from exc


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number the user sees in Excel
    values: dict[str, object]


def clean_value(value: object) -> object:
    """NFC text without control characters; None for blank; an escaped formula unescaped."""
    if isinstance(value, str):
        text = normalize_text(value)
        if text.startswith("'") and text[1:2] in FORMULA_PREFIXES:
            text = text[1:]
        return text or None
    if isinstance(value, dt.datetime | dt.date | int | float | bool):
        return value
    return None if value is None else normalize_text(str(value)) or None


class BookReader:
    """Opens a workbook, finds the sheet and row holding the book's headers, streams rows.

    Use as a context manager. `columns` maps a 0-based column index to a column key;
    `unknown_headers` lists headers that belong to no column (they are ignored).
    """

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self._archive: zipfile.ZipFile | None = None
        self._rows: Iterator[tuple[int, list[Value]]] = iter(())
        self.header_row = 0
        self.columns: dict[int, str] = {}
        self.unknown_headers: list[str] = []
        self.estimated_rows = 0

    def __enter__(self) -> BookReader:
        check_zip(self._file)
        with _parsing():
            self._archive = zipfile.ZipFile(self._file)
            self._find_header(XlsxReader(self._archive))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._rows = iter(())
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    def _find_header(self, book: XlsxReader) -> None:
        missing_best: list[str] | None = None
        by_key = {key: column.key for column in COLUMNS for key in column.header_keys()}
        for sheet in book.sheets:
            rows = book.rows(sheet)
            for number, row in rows:
                if number > HEADER_SEARCH_ROWS:
                    break
                columns, unknown = _match_headers(row[:MAX_COLUMNS], by_key)
                missing = [c.header for c in REQUIRED if c.key not in columns.values()]
                if not missing:
                    self._rows, self.header_row = rows, number
                    self.columns, self.unknown_headers = columns, unknown
                    self.estimated_rows = max(0, book.dimension(sheet) - number)
                    if self.estimated_rows > MAX_DATA_ROWS:
                        # Refused before reading: counting would read that many rows first.
                        raise SheetError(
                            _(
                                "Trang tính khai báo %(rows)s dòng, quá giới hạn %(limit)s dòng. "
                                "Hãy chia sổ thành nhiều tệp nhỏ hơn, hoặc xóa các dòng trống "
                                "bên dưới dữ liệu rồi lưu lại."
                            )
                            % {
                                "rows": _thousands(self.estimated_rows),
                                "limit": _thousands(MAX_DATA_ROWS),
                            }
                        )
                    return
                if columns and (missing_best is None or len(missing) < len(missing_best)):
                    missing_best = missing
        if missing_best:
            raise SheetError(
                _("Không tìm thấy cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu của hệ thống.")
                % {"columns": ", ".join(missing_best)}
            )
        raise SheetError(
            _("Không tìm thấy dòng tiêu đề của sổ theo dõi trẻ em. Hãy dùng tệp mẫu của hệ thống.")
        )

    def rows(self) -> Iterator[SheetRow]:
        """Non-empty data rows after the header, without the template's example row. The
        rows can be read once."""
        with _parsing():
            yield from self._data_rows(self._rows)

    def _data_rows(self, rows: Iterator[tuple[int, list[Value]]]) -> Iterator[SheetRow]:
        count = 0
        for number, row in rows:
            values: dict[str, object] = {}
            for index, key in self.columns.items():
                if index < len(row):
                    value = clean_value(row[index])
                    if value is not None:
                        values[key] = value
            if not values or _is_example(values):
                continue
            count += 1
            if count > MAX_DATA_ROWS:
                raise SheetError(
                    _("Tệp có quá %(limit)s dòng. Hãy chia thành nhiều tệp nhỏ hơn.")
                    % {"limit": _thousands(MAX_DATA_ROWS)}
                )
            yield SheetRow(number=number, values=values)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _match_headers(row: list[Value], by_key: dict[str, str]) -> tuple[dict[int, str], list[str]]:
    columns: dict[int, str] = {}
    unknown: list[str] = []
    for index, cell in enumerate(row):
        if not isinstance(cell, str) or not cell.strip():
            continue
        key = by_key.get(header_key(cell))
        if key is None:
            unknown.append(normalize_text(cell))
        elif key not in columns.values():
            columns[index] = key
    return columns, unknown


def _is_example(values: dict[str, object]) -> bool:
    marker = values.get("row_no")
    return isinstance(marker, str) and header_key(marker) in EXAMPLE_MARKERS
