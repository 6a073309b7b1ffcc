# ruff: noqa: S608 - SQL is assembled from the sources' fixed fragments; values are parameters.
"""Building the dashboard cube (see __init__): one pass per indicator over its source's
units, in one transaction that replaces the previous build, so readers see either the old
figures or the new, never half."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ..indicators import CUBE_SOURCES
from ..indicators.base import ONE, table_keys
from ..models import CubeBuild, CubeChild, CubeGroup, CubePoint, CubeValue, Indicator
from . import NO_VALUE, cube_key

# Tables whose changes the cube reflects; their write counters make the fingerprint.
WATCHED = (
    "cases_case",
    "cases_case_concern_types",
    "cases_allegedperpetrator",
    "cases_casedeadline",
    "cases_deadlinerule",
    "cases_plan",
    "referrals_referral",
    "intake_report",
    "intake_concerntype",
    "children_child",
    "children_childcircumstance",
    "children_specialcircumstancegroup",
    "stats_indicator",
)
BUILD_LOCK = 7_310_001  # pg_advisory_xact_lock key: one build at a time


def data_fingerprint() -> int:
    """Sum of the watched tables' insert, update and delete counters: it moves whenever one of
    them is written to (committed writes reach pg_stat_user_tables within about a second; the
    current transaction's own writes are in pg_stat_xact_user_tables)."""
    counters = "COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT {counters} FROM pg_stat_user_tables WHERE relname = ANY(%(t)s))"
            f" + (SELECT {counters} FROM pg_stat_xact_user_tables WHERE relname = ANY(%(t)s))",
            {"t": list(WATCHED)},
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _insert_facts(indicator: Indicator, params: dict[str, Any]) -> None:
    """Groups and running totals of one indicator (one statement each, through a temporary
    table of its units: key, commune, breakdown, row value, column value, first and last day)."""
    make, default_rows = CUBE_SOURCES[indicator.calculator]
    source = make(indicator)
    shape = source.cube
    assert shape is not None
    row_keys, col_key = table_keys(indicator, source, default_rows)
    dims = [k for k in dict.fromkeys(row_keys) if k != "commune"]
    used = [*dims, *([col_key] if col_key else [])]
    joins = " ".join(dict.fromkeys(source.dims[k].join for k in used if source.dims[k].join))
    col_expr = source.dims[col_key].expr if col_key else f"'{ONE}'"
    selected = "".join(f", ({source.dims[k].expr})::text AS d{i}" for i, k in enumerate(dims))
    values = ", ".join(["('', NULL::text)"] + [f"('{k}', u.d{i})" for i, k in enumerate(dims)])
    end = shape.end or shape.start
    simple = (
        f" AND {shape.child} NOT IN (SELECT child_id FROM stats_cubechild WHERE key = %(cube_key)s)"
        if shape.child
        else ""
    )
    key = cube_key(indicator)
    args = {**params, "cube_key": key}
    with connection.cursor() as cursor:
        if shape.complex_children:
            cursor.execute(
                f"INSERT INTO stats_cubechild (key, child_id) SELECT DISTINCT %(cube_key)s, x.id"
                f" FROM ({shape.complex_children}) AS x(id)",
                args,
            )
        cursor.execute("DROP TABLE IF EXISTS cube_units")
        cursor.execute(
            "CREATE TEMP TABLE cube_units ON COMMIT DROP AS"
            " SELECT DISTINCT u.k, u.commune, b.dim, COALESCE(b.rv, %(none)s) AS rv,"
            " COALESCE(u.cv, %(none)s) AS cv, u.s, u.e FROM ("
            f"SELECT {source.key} AS k, area.target AS commune, ({col_expr})::text AS cv,"
            f" {shape.start} AS s, {end} AS e{selected}"
            f" FROM {shape.relation} {joins} WHERE ({shape.where}){simple}"
            f") AS u CROSS JOIN LATERAL (VALUES {values}) AS b(dim, rv)",
            {**args, "none": NO_VALUE},
        )
        cursor.execute(
            "INSERT INTO stats_cubegroup (key, dim, commune_id, row_value, col_value)"
            " SELECT DISTINCT %(cube_key)s, dim, commune, rv, cv FROM cube_units",
            args,
        )
        cursor.execute(
            "INSERT INTO stats_cubepoint (group_id, day, starts, ends)"
            " SELECT g.id, ev.day, SUM(SUM(ev.st)) OVER w, SUM(SUM(ev.en)) OVER w FROM ("
            " SELECT dim, commune, rv, cv, s AS day, 1 AS st, 0 AS en FROM cube_units"
            " UNION ALL SELECT dim, commune, rv, cv, e, 0, 1 FROM cube_units WHERE e IS NOT NULL"
            ") AS ev JOIN stats_cubegroup g ON g.key = %(cube_key)s AND g.dim = ev.dim"
            " AND g.commune_id = ev.commune AND g.row_value = ev.rv AND g.col_value = ev.cv"
            " GROUP BY g.id, ev.day WINDOW w AS (PARTITION BY g.id ORDER BY ev.day)",
            args,
        )
        if indicator.calculator == "plan_time":
            cursor.execute(
                "INSERT INTO stats_cubevalue (key, commune_id, day, value)"
                f" SELECT %(cube_key)s, cs.commune_id, {shape.start}, pd.days"
                f" FROM {shape.relation} WHERE {shape.where}",
                args,
            )
        cursor.execute("DROP TABLE cube_units")


def build_cube(*, fingerprint: int | None = None) -> CubeBuild:
    """Replace the cube with the figures as they stand now (one transaction)."""
    started = time.perf_counter()
    as_of = timezone.now()
    local = timezone.localtime(as_of)
    day = local.date()
    params = {
        "tz": settings.TIME_ZONE,
        "asof": as_of,
        "asof_day": day,
        "since": as_of,
        "until": as_of,
        "start": day,
        "end": day,
    }
    indicators = list(Indicator.objects.filter(active=True, calculator__in=list(CUBE_SOURCES)))
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BUILD_LOCK])
        if fingerprint is None:
            fingerprint = data_fingerprint()
        CubePoint.objects.all().delete()
        CubeGroup.objects.all().delete()
        CubeChild.objects.all().delete()
        CubeValue.objects.all().delete()
        for indicator in indicators:
            _insert_facts(indicator, params)
        points = CubePoint.objects.count()
        return CubeBuild.objects.create(
            as_of=as_of,
            fingerprint=fingerprint,
            keys=[cube_key(i) for i in indicators],
            points=points,
            finished_at=timezone.now(),
            seconds=round(time.perf_counter() - started, 2),
        )


def refresh_cube() -> CubeBuild | None:
    """Rebuild when the watched tables were written to since the last build (the worker's
    periodic task); None when nothing changed."""
    fingerprint = data_fingerprint()
    last = CubeBuild.objects.finished().first()
    if last is not None and last.fingerprint == fingerprint:
        return None
    return build_cube(fingerprint=fingerprint)
