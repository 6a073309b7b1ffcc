"""Parts shared by the form builders: the issuing body, place name, options typed by the user,
child identification, rated tables and signatures."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

from cpms.accounts.models import User
from cpms.children.choices import DatePrecision
from cpms.children.models import Child
from cpms.documents import (
    Block,
    CheckboxLine,
    Field,
    FieldRow,
    IssuingBody,
    Paragraph,
    Signature,
    Table,
    checkboxes,
)
from cpms.documents.formatting import check_symbol
from cpms.geography.models import AdminUnit, UnitLevel

from ..choices import RiskLevel
from ..risk import RISK_ITEMS
from . import wording as w

# Decree 30 Phụ lục I: the place name of a commune's documents is the commune's own name,
# without its level; a unit named by a number keeps its level ("Phường 1").
_LEVEL_PREFIX = re.compile(r"^(xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
_DECISION_NUMBER = re.compile(r"^\s*(\d+)\s*(?:/\s*(\S+))?\s*$")
LEVEL_NAMES = {RiskLevel.HIGH: "Cao", RiskLevel.MEDIUM: "Trung bình", RiskLevel.LOW: "Thấp"}


@dataclass(frozen=True)
class FormOptions:
    """What the user sets when generating: number, symbol, date, recipients, signer."""

    number: int | None = None
    symbol: str = ""
    issued_on: dt.date | None = None
    recipients: tuple[str, ...] = ()
    archive: str = w.ARCHIVE
    signer_name: str = ""
    signature: str = w.DECISION_SIGNATURE


@dataclass(frozen=True)
class Issuer:
    """The commune People's Committee that issues the form, and its province."""

    commune: AdminUnit
    province: AdminUnit | None

    @property
    def body(self) -> IssuingBody:
        parent = (self.province.name,) if self.province else ()
        return IssuingBody((w.COMMITTEE, self.commune.name), parent=parent)

    @property
    def in_text(self) -> str:
        return in_text(self.commune.name)

    @property
    def place(self) -> str:
        name = self.commune.name.strip()
        rest = _LEVEL_PREFIX.sub("", name)
        return name if rest.isdigit() else rest


def issuer_for(commune: AdminUnit) -> Issuer:
    """The province is the root of the commune's tree path (2025 two-tier structure)."""
    root = commune.path.split("/", 1)[0]
    province = None
    if root.isdigit() and int(root) != commune.pk:
        province = AdminUnit.objects.filter(pk=int(root), level=UnitLevel.PROVINCE).first()
    return Issuer(commune=commune, province=province)


def split_decision_number(text: str, default_symbol: str) -> tuple[int | None, str]:
    """'05/QĐ-UBND' → (5, 'QĐ-UBND'); anything unreadable gives no number."""
    match = _DECISION_NUMBER.match(text or "")
    if not match or int(match.group(1)) < 1:
        return None, default_symbol
    symbol = match.group(2) or default_symbol
    try:
        check_symbol(symbol)
    except ValueError:
        symbol = default_symbol
    return int(match.group(1)), symbol


def day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def local(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if value else None


def moment(value: dt.datetime | None) -> str:
    """'08 giờ 30 ngày 05/03/2026'."""
    at = local(value)
    return f"{at:%H} giờ {at:%M} ngày {at:%d/%m/%Y}" if at else ""


def birth_text(child: Child) -> str:
    if child.birth_precision == DatePrecision.YEAR:
        return str(child.birth_date.year)
    if child.birth_precision == DatePrecision.MONTH:
        return f"{child.birth_date:%m/%Y}"
    return day(child.birth_date)


def in_text(name: str) -> str:
    """'phường An Hòa': a unit's name inside a sentence."""
    name = name.strip()
    return name[:1].lower() + name[1:]


def child_address(child: Child) -> str:
    parts = [child.address, in_text(child.commune.name) if child.commune_id else ""]
    return ", ".join(p for p in parts if p)


def child_rows(child: Child) -> tuple[Block, ...]:
    return (
        FieldRow.single(w.CHILD_NAME, child.full_name),
        FieldRow(
            (
                Field(w.CHILD_BIRTH, birth_text(child)),
                Field(w.CHILD_SEX, str(child.get_sex_display())),
            )
        ),
        FieldRow.single(w.CHILD_ADDRESS, child_address(child)),
    )


def level_line(label: str, level: str) -> CheckboxLine:
    chosen = LEVEL_NAMES.get(RiskLevel(level)) if level in RiskLevel.values else None
    return CheckboxLine(label, w.LEVELS, (chosen,) if chosen else ())


def yes_no(label: str, value: bool) -> CheckboxLine:
    return CheckboxLine(label, w.YES_NO, (w.YES_NO[0] if value else w.YES_NO[1],))


def rated_table(
    title: str, ratings: Mapping[str, str], codes: tuple[str, ...], *, total: bool = True
) -> Table:
    """One row per item with its Cao / Trung bình / Thấp boxes; the "Tổng số" counts last."""
    labels = dict(RISK_ITEMS)
    rows: list[tuple[str, str]] = []
    for index, code in enumerate(codes, start=1):
        level = LEVEL_NAMES.get(RiskLevel(ratings[code])) if ratings.get(code) else None
        rows.append((f"{index}. {labels[code]}", checkboxes(w.LEVELS, (level,) if level else ())))
    if total:
        counts = dict.fromkeys(w.LEVELS, 0)
        for code in codes:
            if ratings.get(code) in RiskLevel.values:
                counts[LEVEL_NAMES[RiskLevel(ratings[code])]] += 1
        rows.append((w.TOTAL, "   ".join(f"{name}: {n}" for name, n in counts.items())))
    return Table(header=(title, w.RATING_HEADER), rows=tuple(rows), widths=(3, 2))


def person(user: User | None) -> str:
    return (user.full_name or user.username) if user else ""


def decision_signature(options: FormOptions, default_name: str) -> Signature:
    lines = w.SIGNATURES.get(options.signature, w.SIGNATURES[w.DECISION_SIGNATURE])
    return Signature(lines, name=options.signer_name or default_name)


def person_signature(lines: tuple[str, ...], options: FormOptions, default_name: str) -> Signature:
    return Signature(lines, name=options.signer_name or default_name, hint=w.SIGN_HINT)


def paragraphs(text: str) -> tuple[str, ...]:
    """A stored multi-line text as one printed paragraph per line."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def labelled_text(label: str, text: str) -> tuple[Block, ...]:
    """A labelled field holding a paragraph: the first line after the label, then one
    paragraph per further line; a blank to fill by hand when there is no text."""
    lines = paragraphs(text)
    if not lines:
        return (FieldRow.single(label),)
    return (FieldRow.single(label, lines[0]), *(Paragraph(line) for line in lines[1:]))
