"""Reporting periods computed from the schedule, and the state of a period on the board."""

from __future__ import annotations

import datetime as dt

from cpms.directives.choices import ReportStatus, Schedule
from cpms.directives.periods import CellState, Period, cell_state, not_reported, schedule_periods

D = dt.date


def test_it_lists_calendar_half_years_from_the_one_holding_the_start():
    periods = schedule_periods(
        Schedule.SEMIANNUAL,
        starts_on=D(2023, 12, 1),
        deadline=None,
        due_days=10,
        until=D(2024, 7, 1),
    )
    assert [(p.start, p.end, p.due) for p in periods] == [
        (D(2023, 7, 1), D(2023, 12, 31), D(2024, 1, 10)),
        (D(2024, 1, 1), D(2024, 6, 30), D(2024, 7, 10)),
        (D(2024, 7, 1), D(2024, 12, 31), D(2025, 1, 10)),
    ]


def test_it_handles_months_quarters_and_years():
    monthly = schedule_periods(
        Schedule.MONTHLY, starts_on=D(2024, 1, 15), deadline=None, due_days=5, until=D(2024, 3, 1)
    )
    assert [p.end for p in monthly] == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)]
    quarterly = schedule_periods(
        Schedule.QUARTERLY,
        starts_on=D(2024, 5, 2),
        deadline=None,
        due_days=0,
        until=D(2024, 12, 31),
    )
    assert [p.start for p in quarterly] == [D(2024, 4, 1), D(2024, 7, 1), D(2024, 10, 1)]
    yearly = schedule_periods(
        Schedule.YEARLY, starts_on=D(2024, 5, 2), deadline=None, due_days=0, until=D(2025, 1, 1)
    )
    assert [(p.start, p.end) for p in yearly] == [
        (D(2024, 1, 1), D(2024, 12, 31)),
        (D(2025, 1, 1), D(2025, 12, 31)),
    ]


def test_a_one_off_assignment_has_one_period_ending_on_its_deadline():
    [period] = schedule_periods(
        Schedule.ONE_OFF,
        starts_on=D(2024, 1, 1),
        deadline=D(2024, 3, 1),
        due_days=10,
        until=D(2025, 1, 1),
    )
    assert period == Period(D(2024, 1, 1), D(2024, 3, 1), D(2024, 3, 1))
    assert not schedule_periods(
        Schedule.ONE_OFF,
        starts_on=D(2024, 1, 1),
        deadline=D(2024, 3, 1),
        due_days=0,
        until=D(2023, 1, 1),
    )


def test_the_state_follows_the_report_then_the_calendar():
    period = Period(D(2024, 1, 1), D(2024, 6, 30), D(2024, 7, 10))
    assert cell_state(period, None, D(2024, 6, 29)) == CellState.NOT_DUE
    assert cell_state(period, None, D(2024, 6, 30)) == CellState.DUE
    assert cell_state(period, None, D(2024, 7, 10)) == CellState.DUE
    assert cell_state(period, None, D(2024, 7, 11)) == CellState.OVERDUE
    assert cell_state(period, ReportStatus.DRAFT, D(2024, 8, 1)) == CellState.DRAFT
    assert cell_state(period, ReportStatus.SUBMITTED, D(2024, 8, 1)) == CellState.SUBMITTED


def test_not_reported_means_ended_and_not_submitted():
    period = Period(D(2024, 1, 1), D(2024, 6, 30), D(2024, 7, 10))
    assert not not_reported(period, CellState.NOT_DUE, D(2024, 6, 1))
    assert not_reported(period, CellState.DRAFT, D(2024, 7, 1))
    assert not_reported(period, CellState.OVERDUE, D(2024, 9, 1))
    assert not not_reported(period, CellState.SUBMITTED, D(2024, 9, 1))
