"""Scoped reads of cases, their clocks and tasks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from cpms.accounts.scope import AnyUser, unit_scope_q

from .choices import CaseState
from .deadlines import deadline_status
from .models import (
    Case,
    CaseDeadline,
    CaseTask,
    EmergencyAction,
    InitialAssessment,
    NeedsAssessment,
    Plan,
    Review,
    SeparationDecision,
)
from .presence import case_presence
from .risk import risk_rows


@dataclass(frozen=True)
class CaseFilters:
    state: str = "open"
    overdue: bool = False


def case_scope(viewer: AnyUser) -> QuerySet[Case]:
    return Case.objects.filter(unit_scope_q(viewer, personal=True, field="unit_path"))


def open_deadlines() -> QuerySet[CaseDeadline]:
    """Legal clocks still running: neither met nor cancelled."""
    return CaseDeadline.objects.filter(met_at=None, cancelled_at=None)


def case_detail_context(case: Case) -> dict[str, Any]:
    """Everything the case page shows, in a fixed number of queries: one to learn which
    sections have rows (`case_presence`), then one per section that has some."""
    now = timezone.now()
    present = case_presence(case)

    def rows(section: str, query: Callable[[], Iterable[Any]]) -> list[Any]:
        return list(query()) if present.get(section, True) else []

    deadlines = list(case.deadlines.select_related("rule").order_by("due_at"))
    separations = rows(
        "separations",
        lambda: (
            SeparationDecision.objects.filter(case=case)
            .prefetch_related("extensions")
            .order_by("-starts_at")
        ),
    )
    initial = rows(
        "initial", lambda: InitialAssessment.objects.filter(case=case).order_by("-assessed_at")
    )
    needs = rows(
        "needs",
        lambda: NeedsAssessment.objects.filter(case=case).order_by("-assessed_on", "-pk"),
    )
    reviews = rows(
        "reviews", lambda: Review.objects.filter(case=case).order_by("-reviewed_on", "-pk")
    )
    return {
        "present": present,
        "deadlines": [(d, deadline_status(d, now)) for d in deadlines],
        "timeline": rows(
            "timeline",
            lambda: case.timeline.select_related("actor").order_by("-at", "-pk")[:100],
        ),
        "notes": rows(
            "notes", lambda: case.notes.select_related("author").order_by("-created_at")[:50]
        ),
        "tasks": rows(
            "tasks",
            lambda: case.tasks.select_related("owner").order_by("done_at", "due_on", "pk"),
        ),
        "initial": [(a, risk_rows(a.ratings)) for a in initial],
        "emergencies": rows(
            "emergencies",
            lambda: EmergencyAction.objects.filter(case=case).order_by("-taken_at"),
        ),
        "separations": separations,
        "active_separation": next((s for s in separations if s.ended_at is None), None),
        "needs": [(a, risk_rows(a.ratings)) for a in needs],
        "plans": rows(
            "plans",
            lambda: (
                Plan.objects.filter(case=case).select_related("approved_by").order_by("-number")
            ),
        ),
        "reviews": [(r, risk_rows(r.ratings)) for r in reviews],
        "reports": rows(
            "report_children",
            lambda: case.report_children.select_related("report", "report__commune").order_by(
                "report__received_at"
            ),
        ),
    }


def my_deadlines(viewer: AnyUser) -> QuerySet[CaseDeadline]:
    """Open clocks of the cases in the viewer's scope, most urgent first."""
    return (
        open_deadlines()
        .filter(case__in=case_scope(viewer).exclude(state=CaseState.CLOSED))
        .select_related("rule", "case__child", "case__commune")
        .order_by("due_at", "pk")
    )


def my_tasks(viewer: AnyUser) -> QuerySet[CaseTask]:
    """Open tasks owned by the viewer, or unassigned on cases in their scope."""
    return (
        CaseTask.objects.filter(done_at=None)
        .filter(Q(owner_id=viewer.pk) | Q(owner=None, case__in=case_scope(viewer)))
        .select_related("case__child", "owner")
        .order_by("due_on", "pk")
    )


def child_open_cases(child_ids: list[int]) -> dict[int, Case]:
    cases = Case.objects.filter(child_id__in=child_ids).exclude(state=CaseState.CLOSED)
    return {c.child_id: c for c in cases}
