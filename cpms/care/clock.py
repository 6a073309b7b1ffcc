"""The review clock of a placement: due a configured period after the start or the last review.

A period in months ends on the same day of the last month (or that month's last day); when
that day is not a working day the period ends on the next working day (Civil Code 2015
Art. 148). Working-day periods use the working-day calendar (cpms.workdays).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cpms.workdays.calendar import WorkingCalendar

from .choices import DurationUnit, PlacementKind, PlacementStatus
from .models import Placement, ReviewRule

RULE_CODE = "placement_review"


class ReviewStatus(StrEnum):
    DUE = "due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ReviewDue:
    due_on: dt.date
    status: ReviewStatus


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_rule() -> ReviewRule | None:
    return ReviewRule.objects.filter(code=RULE_CODE).first()


def review_due_on(
    rule: ReviewRule, anchor: dt.date, workdays: WorkingCalendar | None = None
) -> dt.date:
    workdays = workdays or WorkingCalendar()
    if rule.unit == DurationUnit.WORKING_DAYS:
        return workdays.add_working_days(anchor, rule.amount)
    return workdays.add_working_days(add_months(anchor, rule.amount), 0)


def review_due(
    placement: Placement,
    last_review: dt.date | None,
    rule: ReviewRule | None,
    today: dt.date,
    workdays: WorkingCalendar | None = None,
) -> ReviewDue | None:
    """The next review of an active placement; None when no review is expected (not active,
    adoption, or no rule)."""
    if (
        rule is None
        or placement.status != PlacementStatus.ACTIVE
        or placement.kind == PlacementKind.ADOPTION
        or placement.start_on is None
    ):
        return None
    due_on = review_due_on(rule, last_review or placement.start_on, workdays)
    if today > due_on:
        status = ReviewStatus.OVERDUE
    elif today >= due_on - dt.timedelta(days=rule.remind_before_days):
        status = ReviewStatus.DUE_SOON
    else:
        status = ReviewStatus.DUE
    return ReviewDue(due_on=due_on, status=status)
