"""The blocking queries of duplicate detection, for one probe or many in one statement.

Each block is a small `SELECT id … ORDER BY <cheap proxy of the score> LIMIT n` on one index
(the limits are `BLOCK_LIMITS`). The probes travel as parallel arrays (`unnest`), and every
block is a LATERAL subquery over them; the viewer's scope (unit path prefixes), the communes
related to the probes' commune and the record to leave out are parameters too. So the SQL
text is fixed, built once per process, with a fixed number of parameters, whatever the number
of probes. A block that does not apply to a probe (a date known only by year, no mother's
name, no identity number) is switched off by a condition on the probe's columns alone, which
PostgreSQL evaluates once per probe before touching the index.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from functools import cache
from typing import Any, Protocol

import psycopg
from django.db import connection

from cpms.accounts.scope import AnyUser, scope_paths

# Rows kept per block.
BLOCK_LIMITS = {
    "given_date": 60,
    "family_date": 40,
    "given_near_date": 40,
    "family_given_year": 60,
    "imprecise_records": 20,
    "commune_date": 30,
    "mother": 20,
    "personal_id": 3,
}
DATE_WINDOW_DAYS = 40  # the "date off by days" block

# What each block asks of a child `c` for a probe `p` (columns of the PROBE_COLUMNS table).
_GIVENS = "c.given_key IN (p.given, p.given2)"
_FAMILIES = "c.family_canon IN (p.family, p.family2)"
_DAYS = "c.birth_date IN (p.day, p.day_swapped)"
BLOCK_CONDITIONS = {
    "given_date": f"p.exact AND {_GIVENS} AND {_DAYS}",
    # The family name is a filter here, not an index condition (`|| ''`): the planner cannot
    # see the probe's values and would otherwise AND in the family-name index, which for
    # Nguyễn (38 % of children) reads a third of the table to find a few rows.
    "family_date": f"p.exact AND {_DAYS} AND (c.family_canon || '') IN (p.family, p.family2)",
    "imprecise_records": (
        f"p.exact AND {_FAMILIES} AND {_GIVENS} AND c.birth_year = p.year"
        " AND c.birth_precision <> 'exact'"
    ),
    "commune_date": f"p.exact AND {_DAYS} AND c.commune_id = ANY(q.area)",
    "family_given_year": (
        f"NOT p.exact AND {_FAMILIES} AND {_GIVENS} AND c.birth_year = p.year"
        " AND c.birth_date BETWEEN make_date(p.year, 1, 1) AND make_date(p.year, 12, 31)"
    ),
    # Both the date range and the year range, so that either index applies.
    "given_near_date": (
        f"p.precision <> 'year' AND {_GIVENS} AND {_FAMILIES}"
        " AND c.birth_date BETWEEN p.low AND p.high"
        " AND c.birth_year BETWEEN p.low_year AND p.high_year"
    ),
    "mother": (
        "p.mother <> '' AND c.mother_key = p.mother AND c.birth_year IN (p.low_year, p.high_year)"
    ),
    "personal_id": "p.personal_id <> '' AND c.personal_id = p.personal_id",
}
_PROXY = (
    "(CASE WHEN c.name_key = p.name_key THEN 4 ELSE 0 END"
    " + CASE WHEN c.given_key = p.given THEN 2 ELSE 0 END"
    " + CASE WHEN c.family_canon = p.family THEN 2 ELSE 0 END"
    " + CASE WHEN c.mother_key <> '' AND c.mother_key = p.mother THEN 3 ELSE 0 END"
    " + CASE WHEN c.commune_id = ANY(q.area) THEN 2 ELSE 0 END"
    " + CASE WHEN c.sex = p.sex THEN 1 ELSE 0 END)"
)
PROBE_COLUMNS = {
    "idx": "int",
    "name_key": "text",
    "given": "text",
    "given2": "text",
    "family": "text",
    "family2": "text",
    "day": "date",
    "day_swapped": "date",
    "precision": "text",
    "exact": "bool",
    "year": "int",
    "low": "date",
    "high": "date",
    "low_year": "int",
    "high_year": "int",
    "mother": "text",
    "sex": "text",
    "personal_id": "text",
}


class BlockProbe(Protocol):
    """What the blocks read of a probe (`dedup.ProbeKeys` has it)."""

    @property
    def given_key(self) -> str: ...
    @property
    def swapped_given(self) -> str: ...
    @property
    def family_canon(self) -> str: ...
    @property
    def swapped_family(self) -> str: ...
    @property
    def name_key(self) -> str: ...
    @property
    def birth_date(self) -> dt.date: ...
    @property
    def precision(self) -> str: ...
    @property
    def mother_key(self) -> str: ...
    @property
    def sex(self) -> str: ...
    @property
    def personal_id(self) -> str: ...


# The viewer's scope, and what every block asks besides its own condition.
_SCOPE = (
    "c.archived_at IS NULL AND c.unit_path LIKE ANY(q.scope) AND c.id IS DISTINCT FROM q.exclude_id"
)


@cache
def _statement(names: tuple[str, ...]) -> str:
    """The statement for the blocks `names`: (probe index, child id) rows."""
    unnest = ", ".join(f"%s::{kind}[]" for kind in PROBE_COLUMNS.values())
    blocks = " UNION ALL ".join(
        f"(SELECT c.id FROM children_child c WHERE {BLOCK_CONDITIONS[name]} AND {_SCOPE}"  # noqa: S608 - constants
        f" ORDER BY {_PROXY} DESC, abs(c.birth_date - p.day), c.id LIMIT {BLOCK_LIMITS[name]})"
        for name in names
    )
    return (
        "SELECT p.idx, b.id FROM (SELECT %s::bigint[] AS area, %s::text[] AS scope,"  # noqa: S608
        " %s::bigint AS exclude_id) AS q"
        f" CROSS JOIN unnest({unnest}) AS p({', '.join(PROBE_COLUMNS)})"
        f" CROSS JOIN LATERAL ({blocks}) AS b"
    )


def _probe_arrays(probes: Sequence[BlockProbe]) -> list[list[Any]]:
    window = dt.timedelta(days=DATE_WINDOW_DAYS)
    rows = []
    for index, p in enumerate(probes):
        day = p.birth_date
        low, high = day - window, day + window
        swapped = swap_day_month(day)
        year_only = p.precision == "year"
        rows.append(
            (
                index,
                p.name_key,
                p.given_key,
                p.swapped_given or None,
                p.family_canon,
                p.swapped_family or None,
                day,
                swapped,
                p.precision,
                p.precision == "exact",
                day.year,
                low,
                high,
                day.year if year_only else low.year,
                day.year if year_only else high.year,
                p.mother_key,
                p.sex,
                p.personal_id,
            )
        )
    return [list(column) for column in zip(*rows, strict=True)]


def swap_day_month(day: dt.date) -> dt.date | None:
    """The date with day and month exchanged, when that is another valid date."""
    if day.day > 12 or day.day == day.month:
        return None
    return day.replace(month=day.day, day=day.month)


def candidate_statement(
    *,
    viewer: AnyUser,
    probes: Sequence[BlockProbe],
    area_ids: Collection[int],
    exclude_pk: int | None = None,
    blocks: tuple[str, ...] = tuple(BLOCK_CONDITIONS),
) -> tuple[str, list[Any]] | None:
    """The statement selecting (probe index, child id) pairs, with its parameters; None when
    the viewer reaches no personal data."""
    paths = scope_paths(viewer, personal=True)
    if not paths:
        return None
    patterns = [re.sub(r"([\\%_])", r"\\\1", path) + "%" for path in paths]
    params: list[Any] = [sorted(area_ids), patterns, exclude_pk, *_probe_arrays(probes)]
    return _statement(blocks), params


def candidate_ids(
    *,
    viewer: AnyUser,
    probes: Sequence[BlockProbe],
    area_ids: Collection[int],
    exclude_pk: int | None = None,
    blocks: tuple[str, ...] = tuple(BLOCK_CONDITIONS),
) -> dict[int, set[int]]:
    """For each probe (by its index in `probes`), the ids its blocks found among the children
    `viewer` reaches. `area_ids`: the probes' commune and the communes merged into or out of
    it (the same for every probe). One statement; `blocks` picks blocks for diagnostics.

    It runs on a cursor that binds parameters on the server: Django's cursors bind on the
    client, which writes the probe arrays out as SQL literals in Python and costs more than
    the query itself."""
    statement = (
        candidate_statement(
            viewer=viewer, probes=probes, area_ids=area_ids, exclude_pk=exclude_pk, blocks=blocks
        )
        if probes
        else None
    )
    if statement is None:
        return {}
    connection.ensure_connection()
    found: dict[int, set[int]] = {}
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(statement[0], statement[1])
        for index, pk in cursor.fetchall():
            found.setdefault(index, set()).add(pk)
    return found
