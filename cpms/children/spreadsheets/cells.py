"""Reading the values of a child-monitoring book's cells: dates as Excel stores them or as
people type them, identity numbers Excel turned into numbers, years, and village names with
or without diacritics and the word "thôn"."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from cpms.core.text import normalize_text, search_key
from cpms.geography.models import AdminUnit, UnitLevel

from ..choices import DatePrecision

_UNIT_PREFIXES = re.compile(
    r"^(thon|to dan pho|tdp|to|xom|ap|ban|khu pho|kp|khu|bon|buon|lang|soc|"
    r"xa|phuong|thi tran|dac khu)\s+"
)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MY = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_Y = re.compile(r"^(\d{4})$")
_EXCEL_SERIALS = (1, 73_050)  # 1 Jan 1900 … 31 Dec 2099


class DateValueError(ValueError):
    pass


def parse_date(value: object) -> tuple[dt.date, str]:
    """An Excel date cell, an Excel serial number, or text: dd/mm/yyyy, mm/yyyy, yyyy or
    yyyy-mm-dd. Returns the date and its precision; raises DateValueError with a message."""
    if isinstance(value, dt.datetime):
        return value.date(), DatePrecision.EXACT
    if isinstance(value, dt.date):
        return value, DatePrecision.EXACT
    if isinstance(value, bool):
        raise DateValueError(_date_format_message(value))
    if isinstance(value, int | float):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return dt.date(int(value), 1, 1), DatePrecision.YEAR
        if _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
            return from_excel(value).date(), DatePrecision.EXACT
        raise DateValueError(_date_format_message(value))
    text = str(value).strip()
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        return _make_date(text, year, month, day), DatePrecision.EXACT
    if match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(text, year, month, day), DatePrecision.EXACT
    if match := _MY.match(text):
        month, year = (int(g) for g in match.groups())
        return _make_date(text, year, month, 1), DatePrecision.MONTH
    if _Y.match(text):
        return _make_date(text, int(text), 1, 1), DatePrecision.YEAR
    raise DateValueError(_date_format_message(text))


def _date_format_message(value: object) -> str:
    return _("Ngày sinh «%(value)s» không đúng dạng ngày/tháng/năm (ví dụ 14/03/2015).") % {
        "value": value
    }


def _make_date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    try:
        swapped = dt.date(year, day, month)
    except ValueError:
        raise DateValueError(
            _("Ngày sinh «%(value)s» không có thật (ngày hoặc tháng không đúng).") % {"value": text}
        ) from None
    raise DateValueError(
        _(
            "Ngày sinh «%(value)s» không có thật; có lẽ đã ghi tháng trước ngày "
            "(nếu vậy, hãy ghi %(suggestion)s)."
        )
        % {"value": text, "suggestion": swapped.strftime("%d/%m/%Y")}
    )


def unit_key(name: str) -> str:
    return _UNIT_PREFIXES.sub("", search_key(name))


class VillageIndex:
    """The commune's current villages, found by name with or without diacritics and with or
    without the word 'thôn' / 'tổ dân phố' ('TDP 1' finds 'Tổ dân phố 1')."""

    def __init__(self, commune: AdminUnit) -> None:
        today = timezone.localdate()
        villages = list(
            AdminUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
            .order_by("name")
        )
        self.names = [v.name for v in villages]
        self.by_key = {search_key(v.name): v for v in villages}
        cores: dict[str, list[AdminUnit]] = {}
        for village in villages:
            cores.setdefault(unit_key(village.name), []).append(village)
        self.by_core = {core: found[0] for core, found in cores.items() if len(found) == 1}

    def find(self, name: str) -> AdminUnit | None:
        return self.by_key.get(search_key(name)) or self.by_core.get(unit_key(name))


def text_of(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and _normalized(value):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return normalize_text(str(value))


def _normalized(text: str) -> bool:
    """Whether `normalize_text(text) == text`, found without building a copy (the reader's
    text is already normalised). Printable text holds no white space but the ASCII space."""
    return (
        text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and unicodedata.is_normalized("NFC", text)
    )


def personal_id_of(value: object) -> str:
    """Excel drops the leading 0 when an identity number was typed as a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        return digits.zfill(12) if len(digits) == 11 else digits
    return text_of(value).replace(" ", "")


def year_of(value: object) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else None
    if isinstance(value, dt.date):
        return value.year
    text = text_of(value)
    return int(text) if text.isdigit() and len(text) == 4 else None
