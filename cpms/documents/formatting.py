"""Text of the fixed parts of an administrative document (Decree 30/2020/NĐ-CP, Phụ lục I)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from cpms.documents import layout

# Letters (Vietnamese capitals included), digits, and single hyphens between parts: "QĐ-UBND".
_SYMBOL = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")


def date_text(day: dt.date | None) -> str:
    """'ngày 05 tháng 3 năm 2026'; blanks to fill by hand when the date is not known yet.

    Phụ lục I: days below 10 and the months 1 and 2 take a leading zero (so that "1" cannot
    later be turned into "11" or "21"); other months do not: 05/3/2026, 15/02/2026, 10/12/2026.
    """
    if day is None:
        return f"ngày {layout.BLANK} tháng {layout.BLANK} năm {layout.BLANK}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(place: str, day: dt.date | None) -> str:
    """'Quảng Ngãi, ngày 05 tháng 3 năm 2026' (place name, date); '' when neither is given."""
    if not place and day is None:
        return ""
    return f"{place or layout.BLANK}, {date_text(day)}"


def number_line(number: int | None, symbol: str) -> str:
    """'Số: 12/QĐ-UBND'; numbers below 10 take a leading zero ('Số: 05/…').

    `number` is the yearly register number given by the clerical office (văn thư) when the
    document is issued; None leaves a blank for a draft. `symbol` is the kind abbreviation and
    the body abbreviation ('QĐ-UBND', 'BC-UBND') or, for an official letter, the body and the
    drafting unit ('UBND-VHXH').
    """
    check_symbol(symbol)
    if number is None:
        shown = layout.BLANK
    elif number < 1:
        raise ValueError(f"Document number must be positive: {number}")
    else:
        shown = f"{number:02d}"
    return f"{layout.NUMBER_LABEL} {shown}/{symbol}"


def check_symbol(symbol: str) -> None:
    if not _SYMBOL.match(symbol):
        raise ValueError(f"Not a document symbol (letters and hyphens, e.g. 'QĐ-UBND'): {symbol!r}")


def labelled(label: str) -> str:
    """'Họ và tên:' from 'Họ và tên'; a label already ending in ':' or '?' is kept."""
    return label if label.endswith((":", "?")) else f"{label}:"


def checkboxes(options: Iterable[str], selected: Iterable[str]) -> str:
    """'☒ Cao   ☐ Trung bình   ☐ Thấp': every option with its box, ticked when selected."""
    options = tuple(options)
    chosen = set(selected)
    unknown = chosen.difference(options)
    if unknown:
        raise ValueError(f"Selected values are not among the options: {sorted(unknown)}")
    boxes = (f"{layout.CHECKED if o in chosen else layout.UNCHECKED} {o}" for o in options)
    return "   ".join(boxes)


def recipient_lines(recipients: Iterable[str], archive: str) -> tuple[str, ...]:
    """'- Như trên;' … '- Lưu: VT, VHXH.': one line each, the filing line last."""
    names = [r.rstrip(" ;.") for r in recipients if r.strip(" ;.")]
    lines = [f"- {name};" for name in names]
    if archive:
        lines.append(f"- {layout.ARCHIVE_LABEL} {archive.rstrip(' ;.')}.")
    elif lines:
        lines[-1] = lines[-1][:-1] + "."
    return tuple(lines)


def addressee_lines(addressees: Iterable[str]) -> tuple[str, ...]:
    """'Kính gửi: X.' for one addressee; 'Kính gửi:' then '- X;' lines for several."""
    names = [a.rstrip(" ;.") for a in addressees if a.strip(" ;.")]
    if not names:
        return ()
    if len(names) == 1:
        return (f"{layout.ADDRESSEES_LABEL} {names[0]}.",)
    items = [f"- {name};" for name in names]
    items[-1] = items[-1][:-1] + "."
    return (layout.ADDRESSEES_LABEL, *items)
