"""Reporting periods of an assignment, computed from its schedule (nothing is stored), and the
state of one period on the board: not due, due, overdue, draft, submitted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .choices import ReportStatus, Schedule

MONTHS_PER_PERIOD = {
    Schedule.MONTHLY: 1,
    Schedule.QUARTERLY: 3,
    Schedule.SEMIANNUAL: 6,
    Schedule.YEARLY: 12,
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    due: dt.date  # the report is expected by this day

    @property
    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_containing(schedule: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar period (month, quarter, half-year, year) of a recurring schedule that
    holds `day`: reports follow the calendar, as periodic reports do."""
    months = MONTHS_PER_PERIOD[Schedule(schedule)]
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    return start, _add_months(start, months) - dt.timedelta(days=1)


def schedule_periods(
    schedule: str,
    *,
    starts_on: dt.date,
    deadline: dt.date | None,
    due_days: int,
    until: dt.date,
) -> list[Period]:
    """The periods that have started on or before `until`, oldest first.

    A one-off assignment has a single period from `starts_on` to its deadline; a recurring
    one has every calendar period from the one holding `starts_on`, each due `due_days` after
    its end."""
    if schedule == Schedule.ONE_OFF:
        if deadline is None or starts_on > until:
            return []
        return [Period(starts_on, max(deadline, starts_on), max(deadline, starts_on))]
    periods: list[Period] = []
    start, end = period_containing(schedule, starts_on)
    while start <= until:
        periods.append(Period(start, end, end + dt.timedelta(days=due_days)))
        start, end = period_containing(schedule, end + dt.timedelta(days=1))
    return periods


class CellState(StrEnum):
    NOT_DUE = "not_due"
    DUE = "due"
    OVERDUE = "overdue"
    DRAFT = "draft"
    SUBMITTED = "submitted"


CELL_LABELS = {
    CellState.NOT_DUE: _("Chưa đến kỳ"),
    CellState.DUE: _("Đến hạn báo cáo"),
    CellState.OVERDUE: _("Quá hạn, chưa báo cáo"),
    CellState.DRAFT: _("Đang soạn"),
    CellState.SUBMITTED: _("Đã báo cáo"),
}


def cell_state(period: Period, report_status: str | None, today: dt.date) -> CellState:
    """A submitted report wins; a draft shows as such; otherwise the calendar decides: the
    period is still running (not due), ended but within its due date (due), or past it."""
    if report_status == ReportStatus.SUBMITTED:
        return CellState.SUBMITTED
    if report_status == ReportStatus.DRAFT:
        return CellState.DRAFT
    if today < period.end:
        return CellState.NOT_DUE
    if today <= period.due:
        return CellState.DUE
    return CellState.OVERDUE


def not_reported(period: Period, state: CellState, today: dt.date) -> bool:
    """The board's "not reported" filter: the period has ended and nothing was submitted."""
    return period.end <= today and state != CellState.SUBMITTED
