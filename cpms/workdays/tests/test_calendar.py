from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from cpms.workdays.calendar import (
    WorkingCalendar,
    add_working_days,
    deadline_after_working_days,
    is_working_day,
    working_days_between,
)
from cpms.workdays.models import AdjustmentKind

from .factories import adjustment

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LAST_WORKING_DAY_BEFORE_TET_2026 = date(2026, 2, 13)  # Friday; break 14/02-22/02
LAST_WORKING_DAY_BEFORE_TET_2027 = date(2027, 2, 3)  # Wednesday; break 04/02-10/02


def test_it_skips_the_whole_tet_2026_break_and_both_weekends():
    assert add_working_days(LAST_WORKING_DAY_BEFORE_TET_2026, 1) == date(2026, 2, 23)
    assert add_working_days(LAST_WORKING_DAY_BEFORE_TET_2026, 5) == date(2026, 2, 27)
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 22)) == 0


def test_it_skips_tet_2027_including_29_tet_and_mung_5():
    assert not is_working_day(date(2027, 2, 4))  # 29 Tết, Thursday
    assert not is_working_day(date(2027, 2, 10))  # mùng 5, Wednesday
    assert add_working_days(LAST_WORKING_DAY_BEFORE_TET_2027, 1) == date(2027, 2, 11)
    assert add_working_days(LAST_WORKING_DAY_BEFORE_TET_2027, 5) == date(2027, 2, 17)


def test_it_extends_the_break_with_a_day_off_adjustment():
    adjustment(date(2026, 2, 23), AdjustmentKind.DAY_OFF)

    assert not is_working_day(date(2026, 2, 23))
    assert add_working_days(LAST_WORKING_DAY_BEFORE_TET_2026, 1) == date(2026, 2, 24)
    assert add_working_days(LAST_WORKING_DAY_BEFORE_TET_2026, 5) == date(2026, 3, 2)


def test_it_counts_a_makeup_saturday():
    adjustment(date(2027, 2, 13), AdjustmentKind.MAKEUP_WORKING_DAY)

    assert is_working_day(date(2027, 2, 13))
    assert add_working_days(LAST_WORKING_DAY_BEFORE_TET_2027, 3) == date(2027, 2, 13)
    assert add_working_days(LAST_WORKING_DAY_BEFORE_TET_2027, 5) == date(2027, 2, 16)


def test_it_lets_a_makeup_day_cancel_a_statutory_holiday():
    assert not is_working_day(date(2026, 11, 24))  # Ngày Văn hóa Việt Nam per holidays.VN
    adjustment(date(2026, 11, 24), AdjustmentKind.MAKEUP_WORKING_DAY)
    assert is_working_day(date(2026, 11, 24))


def test_it_skips_30_april_and_1_may_2026():
    # Giỗ Tổ falls on Sunday 26/04 and is compensated on Monday 27/04.
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)
    assert working_days_between(date(2026, 4, 24), date(2026, 5, 4)) == 3


def test_it_skips_two_national_days():
    assert add_working_days(date(2025, 8, 29), 1) == date(2025, 9, 3)  # 01-02/09/2025 off
    assert add_working_days(date(2027, 9, 1), 1) == date(2027, 9, 6)  # 02-03/09/2027 off


def test_it_follows_the_2026_national_day_swap_from_holidays_vn():
    assert is_working_day(date(2026, 8, 22))  # Saturday worked
    assert not is_working_day(date(2026, 8, 31))  # Monday off in exchange
    assert add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_it_never_counts_the_start_day():
    friday = date(2026, 3, 6)
    assert add_working_days(friday, 5) == date(2026, 3, 13)
    assert add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)  # from a Saturday


def test_it_returns_the_start_or_next_working_day_for_zero():
    assert add_working_days(date(2026, 3, 6), 0) == date(2026, 3, 6)
    assert add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 23)


def test_it_refuses_a_negative_count():
    with pytest.raises(ValueError, match="n must be >= 0"):
        add_working_days(date(2026, 3, 6), -1)


def test_it_counts_between_as_half_open_and_antisymmetric():
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 6)) == 0
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 13)) == 5
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 6)) == -5


def test_it_ends_the_deadline_at_the_end_of_the_day_in_vietnam():
    received = datetime(2026, 2, 13, 10, 30, tzinfo=VN)

    deadline = deadline_after_working_days(received, 5)

    assert deadline == datetime.combine(date(2026, 2, 27), time.max, tzinfo=VN)
    assert deadline.utcoffset() is not None


def test_it_takes_the_start_date_in_vietnam_time():
    received = datetime(2026, 3, 6, 17, 30, tzinfo=ZoneInfo("UTC"))  # Saturday 00:30 in Hanoi

    deadline = deadline_after_working_days(received, 1)

    assert deadline.astimezone(VN).date() == date(2026, 3, 9)
    assert deadline.astimezone(VN).time() == time.max


def test_it_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        deadline_after_working_days(datetime(2026, 3, 6, 9), 1)


def test_it_reads_a_year_range_in_one_query(django_assert_num_queries):
    adjustment(date(2027, 1, 4), AdjustmentKind.DAY_OFF)

    with django_assert_num_queries(1):
        assert add_working_days(date(2026, 12, 30), 3) == date(2027, 1, 6)


def test_it_reuses_one_calendar_without_further_queries(django_assert_num_queries):
    calendar = WorkingCalendar()
    calendar.load(2026, 2027)

    with django_assert_num_queries(0):
        assert calendar.working_days_between(date(2026, 1, 1), date(2027, 12, 31)) > 400


def test_it_sees_adjustments_saved_after_a_previous_call():
    assert is_working_day(date(2026, 3, 10))
    adjustment(date(2026, 3, 10), AdjustmentKind.DAY_OFF)
    assert not is_working_day(date(2026, 3, 10))
