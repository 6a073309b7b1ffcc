"""Report periods and due dates.

Due dates follow rules per kind, overridable with the setting CPMS_REPORT_DUE_RULES (a dict
kind → rule, merged over DEFAULT_DUE_RULES). A rule is {"days_after_end": n} or a fixed day
of the year in which the period ends, {"month": m, "day": d}. The Month of Action report is
due on 20 July (legal-framework.md §4); the 6-monthly and yearly deadlines are not fixed by
any circular found, so they default to 15 days after the period (UNVERIFIED, configurable).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from .choices import ReportKind

DEFAULT_DUE_RULES: dict[str, dict[str, int]] = {
    ReportKind.SIX_MONTHLY: {"days_after_end": 15},
    ReportKind.YEARLY: {"days_after_end": 15},
    ReportKind.MONTH_OF_ACTION: {"month": 7, "day": 20},
    ReportKind.AD_HOC: {"days_after_end": 7},
}


def due_rules() -> dict[str, dict[str, int]]:
    configured: dict[str, Any] = getattr(settings, "CPMS_REPORT_DUE_RULES", {})
    return {**DEFAULT_DUE_RULES, **configured}


def due_date(kind: str, period_end: dt.date) -> dt.date:
    rule = due_rules()[kind]
    if "days_after_end" in rule:
        return period_end + dt.timedelta(days=int(rule["days_after_end"]))
    return dt.date(period_end.year, int(rule["month"]), int(rule["day"]))


def period_for(kind: str, year: int, half: int = 1) -> tuple[dt.date, dt.date]:
    """The standard period of a kind: the half year (1 or 2), the calendar year, or June
    (the Month of Action for Children). Ad hoc reports give their own dates."""
    if kind == ReportKind.SIX_MONTHLY:
        if half == 1:
            return dt.date(year, 1, 1), dt.date(year, 6, 30)
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    if kind == ReportKind.YEARLY:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == ReportKind.MONTH_OF_ACTION:
        return dt.date(year, 6, 1), dt.date(year, 6, 30)
    raise ValueError(f"{kind} has no standard period")


def period_label(kind: str, start: dt.date, end: dt.date) -> str:
    """'6 tháng đầu năm 2026', 'năm 2026', 'Tháng hành động vì trẻ em năm 2026' or the dates:
    the wording of the report's subject line (administrative text, not an interface string)."""
    if kind == ReportKind.SIX_MONTHLY and (start, end) == period_for(kind, start.year, 1):
        return f"6 tháng đầu năm {start.year}"
    if kind == ReportKind.SIX_MONTHLY and (start, end) == period_for(kind, start.year, 2):
        return f"6 tháng cuối năm {start.year}"
    if kind == ReportKind.YEARLY and (start, end) == period_for(kind, start.year):
        return f"năm {start.year}"
    if kind == ReportKind.MONTH_OF_ACTION and (start, end) == period_for(kind, start.year):
        return f"Tháng hành động vì trẻ em năm {start.year}"
    return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
