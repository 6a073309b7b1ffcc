"""The figures of a report: statistics tables as JSON, for one commune or summed upward.

A commune's tables come from cpms.stats.tables.report_tables over the commune and every unit
that merged into it; its protected copy (cpms.stats.tables.protect_table) is what leaves the
commune. A higher unit's tables are the sum of its lower units' approved snapshots, then
protected: higher levels only ever hold aggregates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from types import ModuleType
from typing import Any, TypedDict

from cpms.geography.models import AdminUnit, UnitLevel
from cpms.geography.selectors import units_rolling_up_to


class TableDict(TypedDict):
    indicator_code: str
    title: str
    row_label: str
    col_label: str
    rows: list[str]
    cols: list[str]
    cells: list[list[int | None]]
    row_totals: list[int | None]
    col_totals: list[int | None]
    total: int | None
    suppressed: bool
    note: str


def _stats() -> ModuleType:
    """cpms.stats.tables, imported on first use (the stats app is built beside this one)."""
    from cpms.stats import tables

    return tables


def to_dict(table: Any) -> TableDict:
    data = dataclasses.asdict(table)
    return TableDict(
        indicator_code=data["indicator_code"],
        title=data["title"],
        row_label=data["row_label"],
        col_label=data["col_label"],
        rows=list(data["rows"]),
        cols=list(data["cols"]),
        cells=[list(row) for row in data["cells"]],
        row_totals=list(data["row_totals"]),
        col_totals=list(data["col_totals"]),
        total=data["total"],
        suppressed=bool(data["suppressed"]),
        note=data.get("note", ""),
    )


def from_dict(data: TableDict) -> Any:
    return _stats().StatTable(
        indicator_code=data["indicator_code"],
        title=data["title"],
        row_label=data["row_label"],
        col_label=data["col_label"],
        rows=tuple(data["rows"]),
        cols=tuple(data["cols"]),
        cells=tuple(tuple(row) for row in data["cells"]),
        row_totals=tuple(data["row_totals"]),
        col_totals=tuple(data["col_totals"]),
        total=data["total"],
        suppressed=data["suppressed"],
        note=data["note"],
    )


def _protectable(table: TableDict) -> bool:
    """Tables of counts with every total known. Tables that count no children (programme
    activity) leave their totals empty and are published unprotected (cpms.stats)."""
    values = [table["total"], *table["row_totals"], *table["col_totals"]]
    values += [v for row in table["cells"] for v in row]
    return None not in values


def protect(tables: Iterable[TableDict]) -> list[TableDict]:
    stats = _stats()
    return [to_dict(stats.protect_table(from_dict(t))) if _protectable(t) else t for t in tables]


def rolled_up_commune_ids(unit: AdminUnit) -> list[int]:
    """The commune and every former commune whose records it now holds."""
    ids = set(
        units_rolling_up_to(unit).filter(level=UnitLevel.COMMUNE).values_list("pk", flat=True)
    )
    return sorted(ids | {unit.pk})


def commune_figures(
    unit: AdminUnit, *, kind: str, start: dt.date, end: dt.date
) -> tuple[list[TableDict], list[TableDict]]:
    """(the commune's own tables, the same tables protected for anyone above it)."""
    tables = _stats().report_tables(
        commune_ids=rolled_up_commune_ids(unit), start=start, end=end, kind=kind, protect=False
    )
    own = [to_dict(t) for t in tables]
    return own, protect(own)


def _add(a: int | None, b: int | None) -> int | None:
    return (a or 0) + (b or 0) if a is not None or b is not None else None


def _merge(target: dict[str, Any], table: TableDict) -> None:
    for name, values in (("rows", table["rows"]), ("cols", table["cols"])):
        for value in values:
            if value not in target[name]:
                target[name].append(value)
    for i, row in enumerate(table["rows"]):
        target["row_totals"][row] = _add(target["row_totals"].get(row), table["row_totals"][i])
        for j, col in enumerate(table["cols"]):
            key = (row, col)
            target["cells"][key] = _add(target["cells"].get(key), table["cells"][i][j])
    for j, col in enumerate(table["cols"]):
        target["col_totals"][col] = _add(target["col_totals"].get(col), table["col_totals"][j])
    target["total"] = _add(target["total"], table["total"])


def sum_tables(snapshots: Iterable[list[TableDict]]) -> list[TableDict]:
    """Add up tables with the same indicator and title, cell by cell and total by total.

    The lower units' own (unprotected) snapshots are summed, so no hidden cell is lost; the
    caller protects the sum. Rows and columns are the union, in order of first appearance
    (a table by commune gets one row per commune). Totals are summed rather than recomputed,
    because a child can count in several cells of a row (several forms of abuse).
    """
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for tables in snapshots:
        for table in tables:
            key = (table["indicator_code"], table["title"])
            if key not in merged:
                merged[key] = {
                    "head": table,
                    "rows": [],
                    "cols": [],
                    "cells": {},
                    "row_totals": {},
                    "col_totals": {},
                    "total": None,
                }
            _merge(merged[key], table)
    result = []
    for item in merged.values():
        head: TableDict = item["head"]
        rows, cols = item["rows"], item["cols"]
        result.append(
            TableDict(
                indicator_code=head["indicator_code"],
                title=head["title"],
                row_label=head["row_label"],
                col_label=head["col_label"],
                rows=rows,
                cols=cols,
                cells=[[item["cells"].get((r, c), 0) for c in cols] for r in rows],
                row_totals=[item["row_totals"].get(r, 0) for r in rows],
                col_totals=[item["col_totals"].get(c, 0) for c in cols],
                total=item["total"],
                suppressed=False,
                note="",
            )
        )
    return result
