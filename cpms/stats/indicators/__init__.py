"""One calculator per indicator kind, named by Indicator.calculator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace

from django.utils.translation import gettext as _

from ..models import Indicator
from ..rollup import Area, load_area
from ..tables import StatTable
from . import sources
from .base import Context, Source, breakdown_tables
from .programmes import activity_table

Calculator = Callable[[Indicator, Context], list[StatTable]]


def _breakdowns(make: Callable[[Indicator], Source], *rows: str) -> Calculator:
    return lambda indicator, ctx: breakdown_tables(
        indicator, make(indicator), ctx, default_rows=rows
    )


def _plan_time(indicator: Indicator, ctx: Context) -> list[StatTable]:
    tables = breakdown_tables(
        indicator, sources.plan_time(indicator), ctx, default_rows=["plan_days"]
    )
    median = sources.median_plan_days(ctx)
    total = tables[0].total if tables else None
    if median is None or (ctx.protect and (total is None or total < 5)):
        return tables
    note = _("Trung vị: %(days)s ngày.") % {"days": f"{median:.1f}".replace(".", ",")}
    return [replace(table, note=f"{note} {table.note}".strip()) for table in tables]


def _activity(which: str) -> Calculator:
    return lambda indicator, ctx: activity_table(indicator, ctx, which)


CALCULATORS: dict[str, Calculator] = {
    "abused_children": _breakdowns(sources.abused_children, "age_group"),
    "circumstance_children": _breakdowns(sources.circumstance_children, "circumstance_group"),
    "reports_by_channel": _breakdowns(sources.reports, "channel"),
    "cases_by_step": _breakdowns(sources.open_cases, "case_step"),
    "protection_levels": _breakdowns(sources.protected_children, "protection_level"),
    "clocks": _breakdowns(sources.clocks, "deadline_rule"),
    "referrals_on_time": _breakdowns(sources.referrals, "referral_kind"),
    "plan_time": _plan_time,
    "training_coverage": _activity("training_coverage"),
    "campaign_reach": _activity("campaign_reach"),
    "inspection_recommendations": _activity("inspection_recommendations"),
}


def compute_tables(
    indicators: Iterable[Indicator],
    *,
    commune_ids: Collection[int] | None = None,
    area: Area | None = None,
    start: dt.date,
    end: dt.date,
    protect: bool,
    skip_single_commune: bool = False,
) -> list[StatTable]:
    """Every table of the given indicators, in their order. One query for the area, then a
    fixed number per table (plus one per kind of row labels read from the database)."""
    if area is None:
        area = load_area(commune_ids or ())
    ctx = Context(
        area=area, start=start, end=end, protect=protect, skip_single_commune=skip_single_commune
    )
    tables: list[StatTable] = []
    for indicator in indicators:
        calculator = CALCULATORS.get(indicator.calculator)
        if calculator is not None:
            tables.extend(calculator(indicator, ctx))
    return tables
