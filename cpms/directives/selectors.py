"""Reads of the directive register: the scoped list, the reporting board, "my assignments".
Each builds its page from a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from cpms.accounts.permissions import Perm, ScopeKind
from cpms.accounts.scope import AnyUser, user_grants
from cpms.core.text import normalize_text

from .access import Reach
from .choices import DirectiveStatus, ReportStatus
from .models import ClauseAssignment, Directive, DirectiveClause, ProgressReport
from .periods import CELL_LABELS, CellState, Period, cell_state, not_reported
from .services import assignment_periods

BOARD_PERIODS = 4  # columns shown per clause: the latest periods that have started


def _prefix_q(field: str, paths: Iterable[str]) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def directive_list(*, viewer: AnyUser, query: str = "", status: str = "") -> QuerySet[Directive]:
    """Directives the viewer may read (directive.view): followed by, or assigned to, one of
    their agencies, or issued in or assigned inside their area."""
    grants = [g for g in user_grants(viewer) if Perm.DIRECTIVE_VIEW in g.perms]
    agencies = {g.agency_id for g in grants}
    paths = {p for g in grants if g.scope == ScopeKind.AREA for p in g.paths or (g.unit_path,)}
    assigned = ClauseAssignment.objects.filter(clause__directive=OuterRef("pk"), active=True)
    reach = (
        Q(lead_agency_id__in=agencies)
        | _prefix_q("unit_path", paths)
        | Exists(assigned.filter(Q(agency_id__in=agencies) | _prefix_q("unit_path", paths)))
    )
    rows = Directive.objects.filter(reach) if grants else Directive.objects.none()
    if status:
        rows = rows.filter(status=status)
    query = normalize_text(query)
    if query:
        rows = rows.filter(Q(subject__icontains=query) | Q(symbol__icontains=query))
    return rows.select_related("lead_agency").order_by("-effective_from", "-pk")


@dataclass(frozen=True)
class Cell:
    period: Period
    state: CellState
    report: ProgressReport | None

    @property
    def label(self) -> str:
        return str(CELL_LABELS[self.state])


@dataclass(frozen=True)
class Row:
    assignment: ClauseAssignment
    cells: tuple[Cell | None, ...]  # one per column; None when the period is not this row's
    can_file: bool


def _latest_missing(row: Row, today: dt.date) -> bool:
    """The row's latest ended period has no submitted report."""
    ended = [c for c in row.cells if c is not None and c.period.end <= today]
    return bool(ended) and not_reported(ended[-1].period, ended[-1].state, today)


@dataclass(frozen=True)
class ClauseBoard:
    clause: DirectiveClause
    columns: tuple[Period, ...]
    rows: tuple[Row, ...]


def _reports_by_key(
    assignments: Sequence[ClauseAssignment],
) -> dict[tuple[int, dt.date], ProgressReport]:
    reports = ProgressReport.objects.filter(assignment__in=[a.pk for a in assignments]).only(
        "uid", "assignment_id", "period_start", "period_end", "status", "submitted_at"
    )
    return {(r.assignment_id, r.period_start): r for r in reports}


def _cells(
    assignment: ClauseAssignment,
    reports: dict[tuple[int, dt.date], ProgressReport],
    today: dt.date,
) -> dict[dt.date, Cell]:
    cells = {}
    for period in assignment_periods(assignment, today):
        report = reports.get((assignment.pk, period.start))
        state = cell_state(period, report.status if report else None, today)
        cells[period.start] = Cell(period, state, report)
    return cells


def board(
    *,
    directive: Directive,
    reach: Reach,
    today: dt.date,
    only_missing: bool = False,
    periods: int = BOARD_PERIODS,
) -> list[ClauseBoard]:
    """Per clause: rows = the assigned agencies the viewer follows, columns = the latest
    periods that have started; `only_missing` keeps the rows whose latest ended period
    has no submitted report (the "not reported" filter)."""
    clauses = list(directive.clauses.order_by("order", "pk"))
    assignments = [
        a
        for a in ClauseAssignment.objects.filter(clause__directive=directive, active=True)
        .select_related("agency")
        .order_by("-is_lead", "agency__name", "pk")
        if reach.on_board(a) or reach.can_read(a)
    ]
    reports = _reports_by_key(assignments)
    boards = []
    for clause in clauses:
        mine = [a for a in assignments if a.clause_id == clause.pk]
        cells = {a.pk: _cells(a, reports, today) for a in mine}
        starts = sorted(
            {(c.period.start, c.period) for row in cells.values() for c in row.values()},
            key=lambda x: x[0],
        )
        columns = tuple(p for _s, p in starts[-periods:])
        rows = []
        for a in mine:
            row = Row(
                assignment=a,
                cells=tuple(cells[a.pk].get(p.start) for p in columns),
                can_file=reach.can_file(a),
            )
            if only_missing and not _latest_missing(row, today):
                continue
            rows.append(row)
        boards.append(ClauseBoard(clause=clause, columns=columns, rows=tuple(rows)))
    return boards


@dataclass(frozen=True)
class MyAssignment:
    assignment: ClauseAssignment
    cells: tuple[Cell, ...]  # the latest periods, newest first


def my_assignments(*, viewer: AnyUser, today: dt.date, periods: int = 2) -> list[MyAssignment]:
    """The clauses given to the agencies the viewer reports for, with the latest periods."""
    agencies = {g.agency_id for g in user_grants(viewer) if Perm.DIRECTIVE_REPORT in g.perms}
    assignments = list(
        ClauseAssignment.objects.filter(
            agency_id__in=agencies, active=True, clause__directive__status=DirectiveStatus.IN_FORCE
        )
        .select_related("agency", "clause", "clause__directive")
        .order_by("-clause__directive__effective_from", "clause__directive_id", "clause__order")
    )
    reports = _reports_by_key(assignments)
    result = []
    for a in assignments:
        cells = sorted(_cells(a, reports, today).values(), key=lambda c: c.period.start)
        result.append(MyAssignment(a, tuple(reversed(cells[-periods:]))))
    return result


def clause_reports(
    directive: Directive, start: dt.date, end: dt.date
) -> dict[int, list[ProgressReport]]:
    """Submitted reports whose period lies inside [start, end], by assignment id."""
    rows = ProgressReport.objects.filter(
        assignment__clause__directive=directive,
        status=ReportStatus.SUBMITTED,
        period_start__gte=start,
        period_end__lte=end,
    ).order_by("period_start")
    result: dict[int, list[ProgressReport]] = {}
    for report in rows:
        result.setdefault(report.assignment_id, []).append(report)
    return result
