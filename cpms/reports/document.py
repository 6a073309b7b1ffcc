"""A periodic report as an official document (báo cáo) in the Decree 30/2020 layout.

The masthead, number, date, subject, narrative sections, one table per statistics table with
its protection note, recipients and signature block go through cpms.documents. Documents
always carry the protected figures: a report is written to leave the unit. The fixed wording
is administrative text, not interface strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from django.utils import timezone

from cpms.documents import (
    Block,
    Heading,
    IssuingBody,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from cpms.geography.models import AdminUnit, UnitLevel

from .choices import NARRATIVE_FIELDS, ReportKind
from .figures import TableDict
from .models import PeriodicReport
from .periods import period_label

COMMITTEE: Final = "Ủy ban nhân dân"
KIND: Final = "Báo cáo"
HIDDEN: Final = "–"
TOTAL: Final = "Tổng số"
ARCHIVE: Final = "VT"
FIGURES_HEADING: Final = "V. Số liệu thống kê"
SUBJECTS: Final = {
    ReportKind.SIX_MONTHLY: "Kết quả thực hiện công tác bảo vệ, chăm sóc trẻ em {period}",
    ReportKind.YEARLY: "Kết quả thực hiện công tác bảo vệ, chăm sóc trẻ em {period}",
    ReportKind.MONTH_OF_ACTION: "Kết quả tổ chức {period}",
    ReportKind.AD_HOC: "Tình hình công tác bảo vệ, chăm sóc trẻ em {period}",
}
INTRO: Final = (
    "Thực hiện chế độ báo cáo thống kê về trẻ em, Ủy ban nhân dân {unit} báo cáo kết quả "
    "công tác bảo vệ, chăm sóc trẻ em {period} như sau:"
)
INCLUDED: Final = "Số liệu tổng hợp từ báo cáo đã phê duyệt của: {names}."
MISSING: Final = "Chưa có báo cáo được phê duyệt của: {names}."
EMPTY: Final = "(Chưa có số liệu.)"
CLOSING: Final = (
    "Trên đây là báo cáo kết quả công tác bảo vệ, chăm sóc trẻ em {period} của Ủy ban nhân dân "
    "{unit}"
)
# Decree 30 Phụ lục I: the place name is the unit's own name, without its level.
_LEVEL_PREFIX = re.compile(
    r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", re.I
)


def place_name(unit: AdminUnit) -> str:
    rest = _LEVEL_PREFIX.sub("", unit.name.strip())
    return unit.name if rest.isdigit() else rest


def in_text(name: str) -> str:
    """'Phường An Hòa' → 'phường An Hòa' (the level is lowercase inside a sentence)."""
    return name[:1].lower() + name[1:]


def province_of(unit: AdminUnit) -> AdminUnit | None:
    root = unit.path.split("/", 1)[0]
    if not root.isdigit() or int(root) == unit.pk:
        return None
    return AdminUnit.objects.filter(pk=int(root), level=UnitLevel.PROVINCE).first()


def issuer(unit: AdminUnit) -> IssuingBody:
    province = province_of(unit) if unit.level != UnitLevel.PROVINCE else None
    return IssuingBody((COMMITTEE, unit.name), parent=(province.name,) if province else ())


def cell(value: object) -> str:
    return HIDDEN if value is None else str(value)


def table_blocks(number: int, table: TableDict) -> list[Block]:
    code = f" (chỉ tiêu {table['indicator_code']})" if table["indicator_code"] else ""
    header = (table["row_label"] or "", *table["cols"], TOTAL)
    rows = [
        (label, *(cell(v) for v in table["cells"][i]), cell(table["row_totals"][i]))
        for i, label in enumerate(table["rows"])
    ]
    rows.append((TOTAL, *(cell(v) for v in table["col_totals"]), cell(table["total"])))
    blocks: list[Block] = [
        Heading(f"Bảng {number}. {table['title']}{code}"),
        Table(header=header, rows=tuple(rows), widths=(3, *([1.2] * (len(header) - 1)))),
    ]
    if table["note"]:
        blocks.append(Paragraph(table["note"], italic=True))
    return blocks


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph(line) for line in text.splitlines() if line.strip()]


def default_recipients(report: PeriodicReport) -> tuple[str, ...]:
    parent = report.unit.parent
    upper = f"{COMMITTEE} {in_text(parent.name)} (để báo cáo)" if parent else ""
    return tuple(r for r in (upper, "Sở Y tế (để tổng hợp)") if r)


def report_document(
    report: PeriodicReport, tables: Sequence[TableDict] | None = None
) -> OfficialDocument:
    """The report as a document, with `tables` (default: the protected snapshot)."""
    unit = report.unit
    period = period_label(report.kind, report.period_start, report.period_end)
    body: list[Block] = [Paragraph(INTRO.format(unit=in_text(unit.name), period=period))]
    for name, heading in NARRATIVE_FIELDS:
        body.append(Heading(heading))
        body += _paragraphs(getattr(report, name)) or [Paragraph(EMPTY)]
    body.append(Heading(FIGURES_HEADING))
    shown = list(report.figures_protected if tables is None else tables)
    for number, table in enumerate(shown, start=1):
        body += table_blocks(number, table)
    if not shown:
        body.append(Paragraph(EMPTY))
    for key, wording in (("included", INCLUDED), ("missing", MISSING)):
        names = [s["unit"] if isinstance(s, dict) else s for s in report.sources.get(key, [])]
        if names:
            body.append(Paragraph(wording.format(names=", ".join(names)), italic=True))
    body.append(Paragraph(CLOSING.format(period=period, unit=in_text(unit.name))))
    issued = timezone.localtime(report.submitted_at).date() if report.submitted_at else None
    return OfficialDocument(
        issuer=issuer(unit),
        symbol=report.doc_symbol,
        number=report.doc_number,
        place=place_name(unit),
        issued_on=issued,
        kind=KIND,
        subject=SUBJECTS[ReportKind(report.kind)].format(period=period),
        body=tuple(body),
        recipients=report.recipient_lines or default_recipients(report),
        archive=ARCHIVE,
        signature=Signature(
            tuple(line for line in (report.signer_authority, report.signer_position) if line),
            name=report.signer_name,
        ),
        end_mark=True,
    )
