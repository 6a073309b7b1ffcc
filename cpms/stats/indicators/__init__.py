"""One calculator per indicator kind, named by Indicator.calculator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from typing import Any

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
    source = sources.plan_time(indicator)
    tables = breakdown_tables(indicator, source, ctx, default_rows=["plan_days"])
    if ctx.cube is not None and ctx.cube.covers(indicator, source):
        median = ctx.cube.median(indicator, ctx)
    else:
        median = sources.median_plan_days(ctx)
    total = tables[0].total if tables else None
    if median is None or (ctx.protect and (total is None or total < 5)):
        return tables
    note = _("Trung vị: %(days)s ngày.") % {"days": f"{median:.1f}".replace(".", ",")}
    return [replace(table, note=f"{note} {table.note}".strip()) for table in tables]


def _activity(which: str) -> Calculator:
    return lambda indicator, ctx: activity_table(indicator, ctx, which)


# Calculators whose tables are breakdowns of one source: the source and its default rows (the
# dashboard cube, cpms/stats/cube/, is built from these).
CUBE_SOURCES: dict[str, tuple[Callable[[Indicator], Source], tuple[str, ...]]] = {
    "abused_children": (sources.abused_children, ("age_group",)),
    "circumstance_children": (sources.circumstance_children, ("circumstance_group",)),
    "reports_by_channel": (sources.reports, ("channel",)),
    "cases_by_step": (sources.open_cases, ("case_step",)),
    "protection_levels": (sources.protected_children, ("protection_level",)),
    "clocks": (sources.clocks, ("deadline_rule",)),
    "referrals_on_time": (sources.referrals, ("referral_kind",)),
    "plan_time": (sources.plan_time, ("plan_days",)),
}

CALCULATORS: dict[str, Calculator] = {
    **{name: _breakdowns(make, *rows) for name, (make, rows) in CUBE_SOURCES.items()},
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
    cube: Any = None,
) -> list[StatTable]:
    """Every table of the given indicators, in their order. One query for the area, then a
    fixed number per table (plus one per kind of row labels read from the database)."""
    if area is None:
        area = load_area(commune_ids or ())
    ctx = Context(
        area=area,
        start=start,
        end=end,
        protect=protect,
        skip_single_commune=skip_single_commune,
        cube=cube,
    )
    tables: list[StatTable] = []
    for indicator in indicators:
        calculator = CALCULATORS.get(indicator.calculator)
        if calculator is not None:
            tables.extend(calculator(indicator, ctx))
    return tables
