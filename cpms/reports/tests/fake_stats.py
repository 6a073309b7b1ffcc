"""A stand-in for cpms.stats.tables with the contract's shapes, for the workflow tests.

Counts come from COUNTS (commune id → (boys, girls) per age group); the acceptance tests use
the real module instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

COUNTS: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
ROWS = ("Dưới 6 tuổi", "Từ 6 đến dưới 16 tuổi")
COLS = ("Nam", "Nữ")


@dataclass(frozen=True)
class StatTable:
    indicator_code: str
    title: str
    row_label: str
    col_label: str
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    col_totals: tuple[int | None, ...]
    total: int | None
    suppressed: bool
    note: str = ""


def report_tables(
    *, commune_ids: Collection[int], start: dt.date, end: dt.date, kind: str, protect: bool
) -> list[StatTable]:
    cells = [[0, 0], [0, 0]]
    for commune_id in commune_ids:
        for i, row in enumerate(COUNTS.get(commune_id, ((0, 0), (0, 0)))):
            for j, value in enumerate(row):
                cells[i][j] += value
    table = StatTable(
        indicator_code="0101",
        title="Số trẻ em bị xâm hại, chia theo giới tính và nhóm tuổi",
        row_label="Nhóm tuổi",
        col_label="Giới tính",
        rows=ROWS,
        cols=COLS,
        cells=tuple(tuple(r) for r in cells),
        row_totals=tuple(sum(r) for r in cells),
        col_totals=tuple(sum(r[j] for r in cells) for j in range(2)),
        total=sum(map(sum, cells)),
        suppressed=False,
    )
    return [protect_table(table) if protect else table]


def protect_table(table: StatTable) -> StatTable:
    """Hides every cell under 5 and every total under 5 (enough for a 2 × 2 fake)."""

    def hide(value: int | None) -> int | None:
        return None if value is not None and 0 < value < 5 else value

    return dataclasses.replace(
        table,
        cells=tuple(tuple(hide(v) for v in row) for row in table.cells),
        row_totals=tuple(hide(v) for v in table.row_totals),
        col_totals=tuple(hide(v) for v in table.col_totals),
        suppressed=True,
        note="Ô có giá trị dưới 5 được ẩn.",
    )
