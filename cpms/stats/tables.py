"""The statistics tables contract (shared with cpms/reports): StatTable, report_tables,
protect_table. See /docs/statistics.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from .suppression import THRESHOLD, extended_grid, suppress


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


def protect_note() -> str:
    return _(
        "Ô có giá trị từ 1 đến %(max)d được ẩn (ký hiệu “–”), cùng một số ô khác để không thể "
        "suy ra giá trị đã ẩn từ các tổng."
    ) % {"max": THRESHOLD - 1}


def protect_table(table: StatTable) -> StatTable:
    """Primary + complementary suppression (cells 1–4 hidden, plus enough others that no hidden
    cell can be recovered from row/column/grand totals). Idempotent: a table that is already
    suppressed is returned unchanged."""
    if table.suppressed:
        return table
    cells = [[_int(v) for v in row] for row in table.cells]
    grid = extended_grid(
        cells,
        [_int(v) for v in table.row_totals],
        [_int(v) for v in table.col_totals],
        _int(table.total),
    )
    hidden = suppress(grid)
    if not hidden:
        return replace(table, suppressed=True)
    n_rows, n_cols = len(table.rows), len(table.cols)

    def show(i: int, j: int) -> int | None:
        return None if (i, j) in hidden else grid[i][j]

    note = protect_note()
    return replace(
        table,
        cells=tuple(tuple(show(i, j) for j in range(n_cols)) for i in range(n_rows)),
        row_totals=tuple(show(i, n_cols) for i in range(n_rows)),
        col_totals=tuple(show(n_rows, j) for j in range(n_cols)),
        total=show(n_rows, n_cols),
        suppressed=True,
        note=f"{table.note} {note}".strip() if table.note else note,
    )


def _int(value: int | None) -> int:
    if value is None:
        raise ValueError("protect_table needs a table without hidden cells")
    return value


def report_tables(
    *, commune_ids: Collection[int], start: dt.date, end: dt.date, kind: str, protect: bool
) -> list[StatTable]:
    """Every table a periodic report of `kind` ("six_monthly", "yearly", "month_of_action",
    "ad_hoc") contains, for the union of the given communes (geography.AdminUnit ids of
    level commune) over [start, end]. protect=True applies small-cell protection (used for
    anything leaving a commune). A fixed number of queries per table."""
    from .indicators import compute_tables
    from .models import Indicator

    indicators = list(Indicator.objects.filter(active=True, report_kinds__contains=[kind]))
    return compute_tables(
        indicators, commune_ids=commune_ids, start=start, end=end, protect=protect
    )
