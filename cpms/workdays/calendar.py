"""Working-day arithmetic for legal deadlines ("trong thời hạn 5 ngày làm việc kể từ ngày …").

A working day is a day that is not a weekend day (settings.WORKDAYS_WEEKEND) and not a public
holiday per holidays.VN, with two kinds of exception: weekend days worked under a government
swap (holidays.VN `weekend_workdays`) are working days, and a CalendarAdjustment row for a date
overrides everything else (DAY_OFF: not working; MAKEUP_WORKING_DAY: working).

Counting follows the Civil Code (Art. 147-148): the day of the event is not counted, counting
starts the next day, and a period ends at the end of its last day.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .models import AdjustmentKind, CalendarAdjustment
from .statutory import LAST_YEAR, check_supported_year, is_statutory_working_day

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_ONE_DAY = dt.timedelta(days=1)


class WorkingCalendar:
    """The statutory calendar plus adjustments, read from the database one year range per query.

    Build one per operation (the module functions do): nothing is kept across operations, so an
    adjustment saved in the admin applies to the next computation. Reuse one instance to answer
    many questions about the same period with no further queries.
    """

    def __init__(self) -> None:
        self._loaded_years: set[int] = set()
        self._overrides: dict[dt.date, bool] = {}

    def load(self, first_year: int, last_year: int) -> None:
        """Read the adjustments of the not-yet-loaded years in [first_year, last_year]."""
        missing = [y for y in range(first_year, last_year + 1) if y not in self._loaded_years]
        if not missing:
            return
        low, high = min(missing), max(missing)
        for year in (low, high):
            check_supported_year(year)
        rows = CalendarAdjustment.objects.filter(
            date__range=(dt.date(low, 1, 1), dt.date(high, 12, 31))
        ).values_list("date", "kind")
        for day, kind in rows:
            if day.year not in self._loaded_years:
                self._overrides[day] = kind == AdjustmentKind.MAKEUP_WORKING_DAY
        self._loaded_years.update(range(low, high + 1))

    def is_working_day(self, day: dt.date) -> bool:
        self.load(day.year, day.year)
        override = self._overrides.get(day)
        if override is not None:
            return override
        return is_statutory_working_day(day)

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        if n < 0:
            raise ValueError("n must be >= 0.")
        # Enough years for almost every n in one query; later years are loaded if reached.
        horizon = start + dt.timedelta(days=min(2 * n + 31, (dt.date.max - start).days))
        self.load(start.year, min(horizon.year, LAST_YEAR))
        day = start
        if n == 0:
            while not self.is_working_day(day):
                day += _ONE_DAY
            return day
        remaining = n
        while remaining:
            day += _ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self.working_days_between(end, start)
        self.load(start.year, end.year)
        days = ((start + dt.timedelta(days=i)) for i in range(1, (end - start).days + 1))
        return sum(1 for day in days if self.is_working_day(day))


def is_working_day(day: dt.date) -> bool:
    """True if `day` is a working day (see the module docstring for the rules)."""
    return WorkingCalendar().is_working_day(day)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date on which a period of `n` working days counted from `start` ends.

    For n >= 1: the n-th working day strictly after `start`; `start` itself never counts,
    working day or not (received Friday, 5 working days → the next Friday in a normal week).
    For n == 0: `start` if it is a working day, otherwise the next working day.
    Raises ValueError if n < 0 or the result falls outside the years holidays.VN supports.
    """
    return WorkingCalendar().add_working_days(start, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The number of working days in the half-open range (start, end].

    `start` is excluded and `end` included, so for n >= 1
    `working_days_between(d, add_working_days(d, n)) == n`. Zero when start == end;
    antisymmetric when end < start (negative: e.g. working days overdue).
    """
    return WorkingCalendar().working_days_between(start, end)


def deadline_after_working_days(start: dt.datetime, n: int) -> dt.datetime:
    """The last instant (23:59:59.999999, Asia/Ho_Chi_Minh) of the n-th working day after `start`.

    `start` must be timezone-aware; its date is taken in Vietnam time, so a report received at
    01:00 on Saturday in Hanoi counts from that Saturday whatever the server's zone. The day is
    `add_working_days(local_date, n)`, with the same n == 0 rule.
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("start must be a timezone-aware datetime.")
    day = add_working_days(start.astimezone(VN_TZ).date(), n)
    return dt.datetime.combine(day, dt.time.max, tzinfo=VN_TZ)
