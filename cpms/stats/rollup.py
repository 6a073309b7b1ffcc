"""Which communes' records count for which requested commune (historical units rolled up).

Records keep the unit they were filed under: a case of Xã Nghĩa An (ended 30/06/2025) stays
under it. Rolled up, it counts for the commune that succeeded Nghĩa An; "as they were", it
counts for Nghĩa An itself.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db import connection, connections

from cpms.core.replica import read_alias
from cpms.geography.models import AdminUnit, AdminUnitSuccession, UnitLevel


@dataclass(frozen=True)
class Area:
    """(source commune, target commune) pairs and the targets' names in display order."""

    pairs: tuple[tuple[int, int], ...]
    targets: tuple[tuple[int, str], ...]

    @property
    def sources(self) -> list[int]:
        return sorted({source for source, _ in self.pairs})

    @property
    def target_ids(self) -> list[int]:
        return [pk for pk, _ in self.targets]


def _rollup_sql() -> str:
    unit = connection.ops.quote_name(AdminUnit._meta.db_table)
    link = connection.ops.quote_name(AdminUnitSuccession._meta.db_table)
    # Walk down from each requested commune to its predecessors (and their predecessors);
    # UNION drops repeats, so the walk ends even if links form a cycle.
    return (
        "WITH RECURSIVE walk(root, id) AS ("  # noqa: S608 - table names from model metadata
        " SELECT x, x FROM unnest(%s::bigint[]) AS x"
        " UNION"
        f" SELECT walk.root, l.predecessor_id FROM walk JOIN {link} l ON l.successor_id = walk.id"
        ")"
        " SELECT walk.root, walk.id, src.name, src.path, root.name, root.path"
        f" FROM walk JOIN {unit} src ON src.id = walk.id JOIN {unit} root ON root.id = walk.root"
        " WHERE src.level = %s"
    )


def load_area(commune_ids: Collection[int], *, as_they_were: bool = False) -> Area:
    """One query. Rolled up, every predecessor commune counts for each requested commune it
    passed area to; as they were, each commune (requested or predecessor) is its own target."""
    ids = sorted({int(pk) for pk in commune_ids})
    if not ids:
        return Area(pairs=(), targets=())
    with connections[read_alias()].cursor() as cursor:
        cursor.execute(_rollup_sql(), [ids, UnitLevel.COMMUNE.value])
        rows = cursor.fetchall()
    pairs: set[tuple[int, int]] = set()
    names: dict[int, tuple[str, str]] = {}
    for root, source, src_name, src_path, root_name, root_path in rows:
        if as_they_were:
            pairs.add((source, source))
            names[source] = (src_path, src_name)
        else:
            pairs.add((source, root))
            names[root] = (root_path, root_name)
    targets = tuple(
        (pk, name) for pk, (_path, name) in sorted(names.items(), key=lambda kv: (kv[1], kv[0]))
    )
    return Area(pairs=tuple(sorted(pairs)), targets=targets)
