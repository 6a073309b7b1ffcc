"""The counting engine: a source (one SQL relation with named dimension expressions), one
GROUPING SETS query per table that returns the cells and every margin at once.

Counts are COUNT(DISTINCT key): a child with two abuse types counts once in the total and once
in each type's row, so margins stay right for breakdowns where one unit can be in several rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.core.replica import read_alias

from ..models import Indicator
from ..rollup import Area
from ..tables import StatTable, protect_table

Labels = list[tuple[str, str]]


@dataclass
class Context:
    area: Area
    start: dt.date
    end: dt.date
    protect: bool
    # Reports keep a one-row table by commune (summed upward, it becomes the breakdown of the
    # higher unit); the dashboard drops it.
    skip_single_commune: bool = False
    cache: dict[str, Any] = field(default_factory=dict)
    # The newest dashboard cube (cpms.stats.cube.CubeState) when figures may come from it.
    cube: Any = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(settings.TIME_ZONE)

    def params(self) -> dict[str, Any]:
        since = dt.datetime.combine(self.start, dt.time.min, tzinfo=self.tz)
        until = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=self.tz)
        now = timezone.now()
        return {
            "start": self.start,
            "end": self.end,
            "since": since,
            "until": until,
            # Clocks and referrals still open are judged at the end of the period's last day,
            # or now for a period that has not ended yet.
            "asof": min(now, until),
            "asof_day": min(timezone.localdate(), self.end + dt.timedelta(days=1)),
            "tz": settings.TIME_ZONE,
            "area_source": [s for s, _t in self.area.pairs],
            "area_target": [t for _s, t in self.area.pairs],
            "sources": self.area.sources,
        }

    def labels(self, key: str, load: Callable[[], Labels]) -> Labels:
        """Row labels read from the database once per computation."""
        if key not in self.cache:
            self.cache[key] = load()
        labels: Labels = self.cache[key]
        return labels

    def finish(self, table: StatTable) -> StatTable:
        return protect_table(table) if self.protect else table


@dataclass(frozen=True)
class Dim:
    label: Callable[[], str]
    expr: str
    values: Callable[[Indicator, Context], Labels]
    join: str = ""


@dataclass(frozen=True)
class CubeShape:
    """How a source's units lie on the calendar, for the dashboard cube (cpms/stats/cube/).

    `relation` is the source's relation without any period (joined to `area` as every commune
    onto itself, so the dimension expressions work unchanged); a unit counts from the day
    `start` to the day `end` (None: on the day `start` only, an event). `complex_children`
    lists the children whose count depends on the period in a way a running total cannot
    express; `child` is the expression of a unit's child: those units are counted live."""

    relation: str
    where: str
    start: str
    end: str | None = None
    child: str | None = None
    complex_children: str | None = None


@dataclass(frozen=True)
class Source:
    """SELECT <key> ... FROM <relation> <dimension joins> WHERE <where>; `relation` must join
    the area as `area(source, target)` so that the commune dimension is `area.target`."""

    key: str
    relation: str
    where: str
    dims: dict[str, Dim]
    column_dims: tuple[str, ...]
    one_column_label: Callable[[], str]
    cube: CubeShape | None = None
    # One row per key in `relation` (before any dimension's join): COUNT(*) then counts the
    # same as COUNT(DISTINCT key), and lets PostgreSQL hash the grouping sets instead of sorting.
    unique_key: bool = False


ONE = "·"


def choice_labels(choices: Any) -> Callable[[Indicator, Context], Labels]:
    return lambda _i, _c: [(str(v), str(label)) for v, label in choices.choices]


def commune_dim() -> Dim:
    return Dim(
        label=lambda: _("Xã, phường"),
        expr="area.target",
        values=lambda _i, ctx: [(str(pk), name) for pk, name in ctx.area.targets],
    )


def count_grouped(
    source: Source,
    rows: Sequence[Dim],
    col: Dim | None,
    ctx: Context,
    extra: dict[str, Any] | None = None,
) -> dict[Any, int]:
    """One query for every table of an indicator: GROUPING SETS (row_i, c), (row_i) for each
    row dimension, then (c) and (). Keys: (i, r, c) cells, (i, r, None) row totals,
    (None, None, c) column totals, (None, None, None) the total."""
    col_expr = col.expr if col else f"'{ONE}'"
    dims = [*rows, col] if col else list(rows)
    joins = " ".join(dict.fromkeys(d.join for d in dims if d.join))
    names = [f"d{i}" for i in range(len(rows))]
    # a commune split between two requested communes joins the area twice
    one_target = len(ctx.area.pairs) == len(ctx.area.sources)
    unique = source.unique_key and one_target and not joins
    count = "COUNT(*)" if unique else "COUNT(DISTINCT k)"
    selected = ", ".join(f"({d.expr})::text AS {n}" for d, n in zip(rows, names, strict=True))
    sets = ", ".join(f"({n}, c), ({n})" for n in names)
    sql = (
        f"SELECT GROUPING({', '.join(names)}, c), {', '.join(names)}, c,"  # noqa: S608
        f" {count} FROM (SELECT {source.key} AS k, {selected},"
        f" ({col_expr})::text AS c FROM {source.relation} {joins} WHERE {source.where}"
        f") AS base GROUP BY GROUPING SETS ({sets}, (c), ())"
    )
    width = len(names) + 1
    result: dict[Any, int] = {}
    with connections[read_alias()].cursor() as cursor:
        cursor.execute(sql, {**ctx.params(), **(extra or {})})
        for grouping, *values, n in cursor.fetchall():
            # GROUPING() sets the bit of each column left out of the set, first column highest
            kept = [not (grouping >> (width - 1 - i)) & 1 for i in range(width)]
            row_index = next((i for i in range(len(names)) if kept[i]), None)
            r = values[row_index] if row_index is not None else None
            c = values[-1] if kept[-1] else None
            result[(row_index, r, c)] = n
    return result


def build_table(
    indicator: Indicator,
    source: Source,
    index: int,
    row_key: str,
    col_key: str | None,
    counts: dict[Any, int],
    ctx: Context,
) -> StatTable:
    row = source.dims[row_key]
    col = source.dims[col_key] if col_key else None
    rows = row.values(indicator, ctx)
    cols: Labels = col.values(indicator, ctx) if col else [(ONE, source.one_column_label())]
    row_label = row.label()
    col_label = col.label() if col else ""
    by = f"{row_label.lower()} {_('và')} {col_label.lower()}" if col else row_label.lower()
    table = StatTable(
        indicator_code=indicator.code,
        title=f"{indicator.name}, {_('chia theo')} {by}",
        row_label=row_label,
        col_label=col_label,
        rows=tuple(label for _v, label in rows),
        cols=tuple(label for _v, label in cols),
        cells=tuple(tuple(counts.get((index, r, c), 0) for c, _l in cols) for r, _l in rows),
        row_totals=tuple(counts.get((index, r, None), 0) for r, _l in rows),
        col_totals=tuple(counts.get((None, None, c), 0) for c, _l in cols),
        total=counts.get((None, None, None), 0),
        suppressed=False,
    )
    return ctx.finish(table)


def table_keys(
    indicator: Indicator, source: Source, default_rows: Sequence[str]
) -> tuple[list[str], str | None]:
    """The row breakdowns and the column breakdown (the first listed breakdown the source can
    put in columns) of the indicator's tables."""
    keys = [k for k in indicator.breakdowns if k in source.dims]
    col_key = next((k for k in keys if k in source.column_dims), None)
    row_keys = [k for k in keys if k != col_key] or [k for k in default_rows if k != col_key]
    if not row_keys and col_key:
        row_keys, col_key = [col_key], None
    return row_keys, col_key


def breakdown_tables(
    indicator: Indicator, source: Source, ctx: Context, *, default_rows: Sequence[str]
) -> list[StatTable]:
    """One table per row breakdown of the indicator, each by its column breakdown; one query
    for all of them (or the dashboard cube's figures, cpms/stats/cube/, when it has them)."""
    row_keys, col_key = table_keys(indicator, source, default_rows)
    if ctx.skip_single_commune and len(ctx.area.targets) <= 1:
        row_keys = [k for k in row_keys if k != "commune"]  # it would only repeat the total
    if not row_keys:
        return []
    col = source.dims[col_key] if col_key else None
    if ctx.cube is not None and ctx.cube.covers(indicator, source):
        counts = ctx.cube.counts(indicator, source, row_keys, col, ctx)
    else:
        counts = count_grouped(source, [source.dims[k] for k in row_keys], col, ctx)
    return [
        build_table(indicator, source, i, key, col_key, counts, ctx)
        for i, key in enumerate(row_keys)
    ]
