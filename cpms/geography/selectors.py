"""Reads over the administrative-unit tree and its succession links."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .models import AdminUnit, AdminUnitSuccession


def unit_subtree(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """The unit and every unit below it (one indexed prefix match on the materialised path)."""
    if not unit.path:
        raise ValueError(f"AdminUnit {unit.pk} has no path; create units with unit_create().")
    return AdminUnit.objects.filter(path__startswith=unit.path)


def unit_successors_at(unit: AdminUnit, day: dt.date) -> list[AdminUnit]:
    """The unit(s) valid on `day` that hold the area of `unit` on that day.

    - `unit` valid on `day`: `[unit]`.
    - `unit` ended before `day`: follow succession links dated on or before `day`, transitively
      (Xã Nghĩa An → Xã An Phú of 2025-01-01 → Xã An Phú of 2025-07-01), stopping at the first
      unit on each branch that is valid on `day`. A split yields several units; branches that
      meet are returned once. Sorted by tree path.
    - No valid unit reachable (no link recorded yet, or the links date from after `day`): `[]`.
      Legacy districts have no links of their own: their area is reached through their communes.
    - `day` before `unit.valid_from`: `[]`. Links only run forwards in time; a unit's
      predecessors are not its "successors" and a split predecessor would be ambiguous anyway.

    Costs one query per hop of the longest chain (two or three in practice).
    """
    if unit.is_valid_on(day):
        return [unit]
    if unit.valid_from is not None and day < unit.valid_from:
        return []
    found: dict[int, AdminUnit] = {}
    seen: set[int] = {unit.pk}
    frontier: set[int] = {unit.pk}
    while frontier:
        links = AdminUnitSuccession.objects.filter(
            predecessor_id__in=frontier, date__lte=day
        ).select_related("successor")
        frontier = set()
        for link in links:
            successor = link.successor
            if successor.pk in seen:
                continue
            seen.add(successor.pk)
            if successor.is_valid_on(day):
                found[successor.pk] = successor
            else:
                frontier.add(successor.pk)
    return sorted(found.values(), key=lambda u: (u.path, u.pk))


def rollup_sql(start: str = "%s::bigint") -> str:
    """The ids of the units rolling up into the unit `start` (by default a query parameter;
    a column of an outer query makes the walk correlated)."""
    unit_table = connection.ops.quote_name(AdminUnit._meta.db_table)
    link_table = connection.ops.quote_name(AdminUnitSuccession._meta.db_table)
    # Walk "down" edges from the unit: to its children and to its predecessors. UNION (not
    # UNION ALL) discards rows already found, so the walk ends even if links form a cycle.
    return (
        "WITH RECURSIVE rollup(id) AS ("  # noqa: S608 - table names come from model metadata
        f" SELECT {start}"
        " UNION"
        " SELECT edge.down_id FROM rollup JOIN ("
        f"  SELECT parent_id AS up_id, id AS down_id FROM {unit_table}"
        "   WHERE parent_id IS NOT NULL"
        "  UNION ALL"
        f"  SELECT successor_id, predecessor_id FROM {link_table}"
        " ) AS edge ON edge.up_id = rollup.id"
        ") SELECT id FROM rollup"
    )


def units_rolling_up_to(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """Every unit, past or present, whose records roll up into `unit`.

    That is the unit's subtree, plus every predecessor of any unit found (transitively through
    succession links), plus those predecessors' subtrees, until nothing new is found. For the
    2025 Xã An Phú this is its villages, Nghĩa Dũng, Nghĩa Dõng, Nghĩa Hà, the 2024 Xã An Phú
    and, through it, Nghĩa An and Nghĩa Phú. Link dates are ignored: this is about area, not
    about what was valid when.

    A predecessor that passed only part of its area on (split, transfer) rolls up whole into
    each of its successors, so sums over sibling units can count such a predecessor twice.

    Returns a lazy QuerySet (one recursive-CTE subquery), so callers can chain filters.
    """
    sql = RawSQL(rollup_sql(), (unit.pk,))  # noqa: S611 - fixed SQL, the key is a parameter
    return AdminUnit.objects.filter(pk__in=sql)
