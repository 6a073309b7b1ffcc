"""The statutory calendar, without the database: weekend from settings, holidays from holidays.VN.

holidays.VN follows the Labor Code 2019 (Art. 112) and the government's yearly announcements:
Tết with its 29/eve/4th/5th-day compensations, substitute days when a holiday falls on a
weekend, two days around National Day (2/9), and announced swaps (a weekday off paid for by a
working Saturday, exposed as `weekend_workdays`). Local adjustments live in CalendarAdjustment.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from holidays import country_holidays
from holidays.countries.vietnam import Vietnam

FIRST_YEAR: int = Vietnam.start_year
LAST_YEAR: int = Vietnam.end_year


def check_supported_year(year: int) -> None:
    """Refuse years holidays.VN cannot compute: an empty calendar would give wrong deadlines."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"Year {year} is outside the holiday calendar ({FIRST_YEAR}-{LAST_YEAR}).")


@functools.lru_cache(maxsize=256)
def statutory_year(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(public holidays, weekend days worked under a swap) falling in `year`.

    Neighbouring years are computed too: a swap announced for one year can move a working day
    into the next (31/12/2018 off, paid for by Saturday 05/01/2019).
    """
    check_supported_year(year)
    years = range(max(year - 1, FIRST_YEAR), min(year + 1, LAST_YEAR) + 1)
    calendar = country_holidays("VN", years=years)
    days_off = frozenset(day for day in calendar if day.year == year)
    swapped = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return days_off, swapped


def is_weekend(day: dt.date) -> bool:
    return day.weekday() in settings.WORKDAYS_WEEKEND


def is_statutory_working_day(day: dt.date) -> bool:
    """Working day by law and government announcement alone, before local adjustments."""
    days_off, swapped = statutory_year(day.year)
    if is_weekend(day):
        return day in swapped
    return day not in days_off
