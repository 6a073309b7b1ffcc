from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cpms.workdays.models import AdjustmentKind, CalendarAdjustment

from .factories import adjustment

pytestmark = pytest.mark.django_db


def _clean(day: date, kind: str) -> None:
    CalendarAdjustment(date=day, kind=kind, reason="Thông báo").full_clean()


def test_it_accepts_a_day_off_on_a_working_weekday():
    _clean(date(2026, 2, 23), AdjustmentKind.DAY_OFF)


def test_it_accepts_a_makeup_day_on_a_saturday():
    _clean(date(2027, 2, 13), AdjustmentKind.MAKEUP_WORKING_DAY)


def test_it_refuses_a_makeup_day_that_is_already_a_working_day():
    with pytest.raises(ValidationError, match="đã là ngày làm việc"):
        _clean(date(2026, 3, 10), AdjustmentKind.MAKEUP_WORKING_DAY)


def test_it_refuses_a_day_off_that_is_already_a_holiday():
    with pytest.raises(ValidationError, match="đã là ngày nghỉ"):
        _clean(date(2026, 2, 17), AdjustmentKind.DAY_OFF)


def test_it_refuses_a_date_outside_the_holiday_calendar():
    with pytest.raises(ValidationError, match="ngoài phạm vi"):
        _clean(date(2101, 1, 3), AdjustmentKind.DAY_OFF)


def test_it_enforces_the_kind_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarAdjustment.objects.create(date=date(2026, 3, 10), kind="holiday", reason="x")


def test_it_allows_one_adjustment_per_date():
    adjustment(date(2026, 3, 10), AdjustmentKind.DAY_OFF)
    with pytest.raises(IntegrityError), transaction.atomic():
        adjustment(date(2026, 3, 10), AdjustmentKind.MAKEUP_WORKING_DAY)


def test_it_records_history_of_deletions():
    row = adjustment(date(2026, 3, 10), AdjustmentKind.DAY_OFF)
    row.delete()
    events = apps.get_model("workdays", "CalendarAdjustmentEvent").objects
    labels = list(events.values_list("pgh_label", flat=True))
    assert sorted(labels) == ["delete", "insert"]
