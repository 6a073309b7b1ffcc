"""The dashboard cube: figures of the case-data indicators laid out as running totals per
commune and day, so that a province's dashboard for any period reads a few thousand index
entries instead of aggregating every case (quality-targets.md: p95 ≤ 500 ms at scale S).

A unit (a report, a case, a child…) counts in a period [s, e] when it started counting on or
before e and had not stopped before s; per cell that is starts(up to e) − ends(up to s − 1),
two index lookups per cell series (CubePoint). Units whose count depends on the period in a
way running totals cannot express (a child with several abuse cases counts once, by the first
in the period) are listed in CubeChild and counted live, on their own rows only.

The cube is rebuilt by the worker when the data changed (tasks.py) and holds the figures as
they stood at the build (`as_of`); reports and a commune's own dashboard stay live.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import connections

from cpms.core.replica import read_alias

from ..indicators.base import ONE, Context, Dim, Source, count_grouped
from ..models import CubeBuild, CubeChild, Indicator

NO_VALUE = "∅"  # a dimension without a value (NULL), kept apart from every real value


def cube_key(indicator: Indicator) -> str:
    """The indicator's code and a digest of what shapes its tables: a cube built before the
    indicator's breakdowns or age bands changed is not used for it."""
    shape = f"{indicator.calculator}|{','.join(indicator.breakdowns)}|{indicator.age_bounds}"
    return f"{indicator.code}:{hashlib.sha256(shape.encode()).hexdigest()[:12]}"


READ_SQL = (
    "SELECT g.dim, g.commune_id, g.row_value, g.col_value,"
    " COALESCE(a.starts, 0) - COALESCE(b.ends, 0)"
    " FROM stats_cubegroup g"
    " LEFT JOIN LATERAL (SELECT p.starts FROM stats_cubepoint p WHERE p.group_id = g.id"
    " AND p.day <= %(end)s ORDER BY p.day DESC LIMIT 1) a ON TRUE"
    " LEFT JOIN LATERAL (SELECT p.ends FROM stats_cubepoint p WHERE p.group_id = g.id"
    " AND p.day < %(start)s ORDER BY p.day DESC LIMIT 1) b ON TRUE"
    " WHERE g.key = %(cube_key)s AND g.commune_id = ANY(%(sources)s)"
)
MEDIAN_SQL = (
    "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v.value) FROM stats_cubevalue v"
    " WHERE v.key = %(cube_key)s AND v.day >= %(start)s AND v.day <= %(end)s"
    " AND v.commune_id = ANY(%(sources)s)"
)


@dataclass(frozen=True)
class CubeState:
    """The newest finished build, as the dashboard reads it."""

    build_id: int
    as_of: dt.datetime
    keys: frozenset[str]
    complex_children: dict[str, list[int]]

    def covers(self, indicator: Indicator, source: Source) -> bool:
        return source.cube is not None and cube_key(indicator) in self.keys

    def counts(
        self,
        indicator: Indicator,
        source: Source,
        row_keys: Sequence[str],
        col: Dim | None,
        ctx: Context,
    ) -> dict[Any, int]:
        """The same cells and margins count_grouped returns, from the cube plus the live count
        of the source's complex children."""
        key = cube_key(indicator)
        counts: dict[Any, int] = defaultdict(int)
        with connections[read_alias()].cursor() as cursor:
            cursor.execute(READ_SQL, {**ctx.params(), "cube_key": key})
            rows = cursor.fetchall()
        # Summed over the communes as filed, each once; only the commune rows go through the
        # area, where a commune split between two requested ones counts for both.
        targets: dict[int, list[int]] = defaultdict(list)
        for source_id, target_id in ctx.area.pairs:
            targets[source_id].append(target_id)
        commune_rows = [i for i, row_key in enumerate(row_keys) if row_key == "commune"]
        for dim, commune_id, row_value, col_value, n in rows:
            if not n:
                continue
            c = col_value if col else ONE
            if dim == "":
                counts[(None, None, c)] += n
                counts[(None, None, None)] += n
                for i in commune_rows:
                    for target_id in targets[commune_id]:
                        counts[(i, str(target_id), c)] += n
                        counts[(i, str(target_id), None)] += n
                continue
            for i, row_key in enumerate(row_keys):
                if row_key == dim:
                    counts[(i, row_value, c)] += n
                    counts[(i, row_value, None)] += n
        shape = source.cube
        assert shape is not None
        children = self.complex_children.get(key, [])
        # an array of ids (not a subquery), so that the condition reaches inside a source's
        # DISTINCT ON subquery and its child index
        if children:
            live_only = replace(
                source, where=f"({source.where}) AND {shape.child} = ANY(%(cube_children)s)"
            )
            extra = {"cube_key": key, "cube_children": children}
            found = count_grouped(live_only, [source.dims[k] for k in row_keys], col, ctx, extra)
            for cell, n in found.items():
                counts[cell] += n
        return dict(counts)

    def median(self, indicator: Indicator, ctx: Context) -> float | None:
        with connections[read_alias()].cursor() as cursor:
            cursor.execute(MEDIAN_SQL, {**ctx.params(), "cube_key": cube_key(indicator)})
            row = cursor.fetchone()
        return None if row is None or row[0] is None else float(row[0])


def current_cube() -> CubeState | None:
    """The newest finished build and its complex children (two queries), or None before the
    first build."""
    build = CubeBuild.objects.using(read_alias()).finished().values("pk", "as_of", "keys").first()
    if build is None:
        return None
    children: dict[str, list[int]] = defaultdict(list)
    for key, child_id in CubeChild.objects.using(read_alias()).values_list("key", "child_id"):
        children[key].append(child_id)
    return CubeState(
        build_id=build["pk"],
        as_of=build["as_of"],
        keys=frozenset(build["keys"]),
        complex_children=dict(children),
    )
