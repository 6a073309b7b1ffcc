"""Reads of the public site. Nothing here reveals case content: the status of a report is
reduced to three coarse labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import QuerySet
from django.utils import timezone

from cpms.cases.choices import CaseState
from cpms.core.models import valid_on
from cpms.geography.models import AdminUnit, UnitLevel
from cpms.intake.choices import ReportStatus, TriageOutcome
from cpms.intake.models import ReportChild

from .codes import code_hash
from .models import Audience, Hotline, PublicPage, PublicSubmission


def active_hotlines() -> list[Hotline]:
    return list(Hotline.objects.filter(active=True).exclude(number=""))


def published_pages() -> QuerySet[PublicPage]:
    return PublicPage.objects.filter(published=True)


@dataclass
class AudienceGroup:
    audience: str
    label: str
    pages: list[PublicPage] = field(default_factory=list)


def pages_by_audience() -> list[AudienceGroup]:
    groups = {a.value: AudienceGroup(a.value, str(a.label)) for a in Audience}
    for page in published_pages().only("slug", "title", "summary", "audience", "position"):
        groups[page.audience].pages.append(page)
    return [g for g in groups.values() if g.pages]


def page_get(slug: str) -> PublicPage | None:
    return published_pages().filter(slug=slug).first()


@dataclass(frozen=True)
class Block:
    """One block of a guidance text: a heading, a paragraph or a list (rendered escaped)."""

    kind: str  # "heading" | "paragraph" | "list"
    text: str = ""
    items: tuple[str, ...] = ()


def page_blocks(body: str) -> list[Block]:
    """Plain text → blocks: "## " starts a heading, "- " a list item, blank lines separate
    paragraphs. Administrators never write HTML, so nothing can inject markup."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()
        if items:
            blocks.append(Block("list", items=tuple(items)))
            items.clear()

    for raw in body.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(Block("heading", line[3:].strip()))
        elif line.startswith("- "):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return blocks


def commune_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Current communes grouped under their province (path root), for the report form."""
    today = timezone.localdate()
    communes = list(
        AdminUnit.objects.filter(valid_on(today), level=UnitLevel.COMMUNE).values_list(
            "pk", "name", "path"
        )
    )
    root_ids = {int(path.split("/")[0]) for _pk, _name, path in communes}
    roots = dict(
        AdminUnit.objects.filter(pk__in=root_ids, level=UnitLevel.PROVINCE).values_list(
            "pk", "name"
        )
    )
    grouped: dict[str, list[tuple[int, str]]] = {}
    for pk, name, path in communes:
        root = int(path.split("/")[0])
        if root not in roots:
            continue  # a commune outside any province tree is not a real inbox
        grouped.setdefault(roots[root], []).append((pk, name))
    return [
        (province, sorted(items, key=lambda item: item[1]))
        for province, items in sorted(grouped.items())
    ]


class CoarseStatus(StrEnum):
    RECEIVED = "received"
    HANDLING = "handling"
    CLOSED = "closed"


def submission_status(code: str) -> CoarseStatus | None:
    """The coarse status of the report with this follow-up code, or None. Every lookup
    runs the same hashed query, so a wrong code costs as much as a right one."""
    submission = (
        PublicSubmission.objects.filter(code_hash=code_hash(code))
        .select_related("report")
        .only("report__status")
        .first()
    )
    if submission is None:
        return None
    if submission.report.status == ReportStatus.NEW:
        return CoarseStatus.RECEIVED
    rows = list(
        ReportChild.objects.filter(report_id=submission.report_id).values_list(
            "outcome", "case__state"
        )
    )
    for outcome, case_state in rows:
        if not outcome:
            return CoarseStatus.HANDLING
        if outcome != TriageOutcome.NO_CASE and case_state != CaseState.CLOSED:
            return CoarseStatus.HANDLING
    return CoarseStatus.CLOSED
