from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from cpms.workdays.calendar import (
    WorkingCalendar,
    add_working_days,
    is_working_day,
    working_days_between,
)
from cpms.workdays.models import AdjustmentKind, CalendarAdjustment

pytestmark = pytest.mark.django_db

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31))
counts = st.integers(min_value=1, max_value=400)
# Adjustments near the start date, any mix of kinds, including ones clean() would refuse.
adjustments = st.dictionaries(
    st.integers(min_value=0, max_value=90), st.sampled_from(AdjustmentKind), max_size=8
)


def _with_adjustments(start: date, offsets: dict[int, AdjustmentKind]) -> None:
    CalendarAdjustment.objects.bulk_create(
        CalendarAdjustment(date=start + timedelta(days=o), kind=k, reason="x")
        for o, k in offsets.items()
    )


@settings(deadline=None, max_examples=150)
@given(start=days, n=counts, offsets=adjustments)
def test_it_lands_n_working_days_later(start: date, n: int, offsets: dict[int, AdjustmentKind]):
    with transaction.atomic():
        _with_adjustments(start, offsets)

        end = add_working_days(start, n)

        assert end > start
        assert is_working_day(end)
        assert working_days_between(start, end) == n
        assert working_days_between(start, end - timedelta(days=1)) == n - 1
        transaction.set_rollback(True)


@settings(deadline=None, max_examples=100)
@given(start=days, offsets=adjustments)
def test_it_returns_the_first_working_day_for_zero(start: date, offsets):
    with transaction.atomic():
        _with_adjustments(start, offsets)
        calendar = WorkingCalendar()

        end = calendar.add_working_days(start, 0)

        assert end >= start
        assert calendar.is_working_day(end)
        assert calendar.working_days_between(start, end) == (0 if end == start else 1)
        transaction.set_rollback(True)


@settings(deadline=None, max_examples=100)
@given(a=days, b=days)
def test_it_counts_between_antisymmetrically(a: date, b: date):
    calendar = WorkingCalendar()
    assert calendar.working_days_between(a, b) == -calendar.working_days_between(b, a)
