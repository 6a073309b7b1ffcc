"""What holidays.VN gives for the years the tests rely on; no database."""

from __future__ import annotations

from datetime import date

import pytest

from cpms.workdays.statutory import is_statutory_working_day, statutory_year


def _days(year: int, month: int) -> list[date]:
    return sorted(d for d in statutory_year(year)[0] if d.month == month)


def test_it_gives_tet_2026_monday_to_friday():
    assert _days(2026, 2) == [date(2026, 2, d) for d in range(16, 21)]


def test_it_gives_tet_2027_with_weekend_compensation():
    # Mùng 1 is Saturday 06/02/2027: 29 Tết and mùng 5 replace the weekend days.
    assert _days(2027, 2) == [date(2027, 2, d) for d in range(4, 11)]


def test_it_gives_two_national_days_since_2021():
    assert _days(2025, 9) == [date(2025, 9, 1), date(2025, 9, 2)]
    assert _days(2027, 9) == [date(2027, 9, 2), date(2027, 9, 3)]


def test_it_knows_the_2026_national_day_swap():
    assert _days(2026, 8) == [date(2026, 8, 31)]
    assert _days(2026, 9) == [date(2026, 9, 1), date(2026, 9, 2)]
    assert statutory_year(2026)[1] == frozenset({date(2026, 8, 22)})
    assert is_statutory_working_day(date(2026, 8, 22))  # Saturday worked for Monday 31/08


def test_it_treats_weekends_as_days_off():
    assert not is_statutory_working_day(date(2026, 3, 7))  # Saturday
    assert not is_statutory_working_day(date(2026, 3, 8))  # Sunday
    assert is_statutory_working_day(date(2026, 3, 9))


def test_it_refuses_years_holidays_vn_cannot_compute():
    with pytest.raises(ValueError, match="outside the holiday calendar"):
        is_statutory_working_day(date(2101, 1, 3))
