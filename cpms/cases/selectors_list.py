"""The case list, read in two parts so that a page never sorts the whole scope.

The list's order is: overdue first, then by the nearest open clock, then the most recently
received, which is the order of each case's nearest open clock (an overdue case's nearest
clock is in the past) with the cases without an open clock last, newest first. So:

1. cases with an open clock, read by walking the open clocks in due order
   (casedeadline_open_due_idx) and keeping each case's nearest one only;
2. cases without one, read in received order (case_received_idx).

A page takes its rows from the first part, then from the second: each is counted (up to the
paginator's cap) and read with one statement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cpms.accounts.scope import AnyUser, unit_scope_q
from cpms.privacy.models import CaseArchive

from .choices import CaseState
from .models import Case, CaseDeadline
from .selectors import CaseFilters, open_deadlines

ROW_RELATIONS = ("child", "commune", "assigned_to")


def _case_q(viewer: AnyUser, filters: CaseFilters, prefix: str = "") -> Q:
    """Scope, retention and state of the list, on the case at `prefix` ("" or "case__")."""
    q = unit_scope_q(viewer, personal=True, field=f"{prefix}unit_path")
    # Past retention (cpms/privacy/retention.py). NOT EXISTS rather than a left join: the
    # planner estimates the anti-join well, and with it walks the clocks in due order.
    archived = CaseArchive.objects.filter(case_id=OuterRef("case_id" if prefix else "pk"))
    q &= Q(~Exists(archived))
    if filters.state == "open":
        q &= ~Q(**{f"{prefix}state": CaseState.CLOSED})
    elif filters.state in CaseState.values:
        q &= Q(**{f"{prefix}state": filters.state})
    return q


@dataclass
class CaseListRows:
    """The list's rows for CappedPaginator: `count_upto` then `rows`."""

    with_clock: QuerySet[CaseDeadline]  # each case's nearest open clock, in list order
    without_clock: QuerySet[Case]
    now: dt.datetime
    counted_with_clock: int = 0

    def count_upto(self, limit: int) -> int:
        self.counted_with_clock = self.with_clock[:limit].count()
        rest = limit - self.counted_with_clock
        return self.counted_with_clock + (self.without_clock[:rest].count() if rest else 0)

    def rows(self, start: int, stop: int, exact: bool = False) -> list[Case]:
        first = self.counted_with_clock
        cases: list[Case] = []
        if start < first:
            for clock in self.with_clock[start : min(stop, first)]:
                case = clock.case
                case.next_due = clock.due_at  # type: ignore[attr-defined]
                case.is_overdue = clock.due_at < self.now  # type: ignore[attr-defined]
                cases.append(case)
        if stop > first:
            for case in self.without_clock[max(start - first, 0) : stop - first]:
                case.next_due = None  # type: ignore[attr-defined]
                case.is_overdue = False  # type: ignore[attr-defined]
                cases.append(case)
        return cases


def case_list_rows(*, viewer: AnyUser, filters: CaseFilters) -> CaseListRows:
    now = timezone.now()
    clocks = open_deadlines()
    nearer = clocks.filter(case=OuterRef("case_id")).filter(
        Q(due_at__lt=OuterRef("due_at")) | Q(due_at=OuterRef("due_at"), pk__lt=OuterRef("pk"))
    )
    with_clock = clocks.filter(_case_q(viewer, filters, "case__")).exclude(Exists(nearer))
    if filters.overdue:
        with_clock = with_clock.filter(due_at__lt=now)
    with_clock = with_clock.select_related(*(f"case__{r}" for r in ROW_RELATIONS)).order_by(
        "due_at", "-case__received_at", "case_id"
    )
    without_clock: QuerySet[Case] = Case.objects.none()
    if not filters.overdue:
        without_clock = (
            Case.objects.filter(_case_q(viewer, filters))
            .exclude(Exists(clocks.filter(case=OuterRef("pk"))))
            .select_related(*ROW_RELATIONS)
            .order_by("-received_at", "pk")
        )
    return CaseListRows(with_clock=with_clock, without_clock=without_clock, now=now)
