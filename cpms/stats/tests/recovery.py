"""Intruders for the suppression tests: given the published entries of a protected table and
the knowledge that every count is ≥ 0, which hidden entries can they pin to one value?

`pinned` is exact for tables of any size: the published equations say that every line of the
extended grid sums to zero once totals are negated, so the ways to change hidden entries
without changing published ones are the circulations of the bipartite graph whose edges are
the hidden entries (row line — column line). Such a change decomposes into simple alternating
cycles that agree with it in sign, so a hidden entry can take another value exactly when some
simple cycle through it can be pushed one way without taking a zero entry below zero.

`pinned_by_search` is plain enumeration of every integer solution, for small tables only; the
tests use it to check `pinned` on the cases it can afford.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

Cell = tuple[int, int]


def _is_margin(cell: Cell, n_rows: int, n_cols: int) -> bool:
    """A row or column total (negated in the signed system); the grand total is negated twice."""
    return (cell[0] == n_rows - 1) != (cell[1] == n_cols - 1)


def _cycles_through(hidden: set[Cell], start: Cell) -> Iterator[list[Cell]]:
    """Simple cycles (as edge lists, alternating row/column turns) that use `start`."""
    by_row: dict[int, list[Cell]] = {}
    by_col: dict[int, list[Cell]] = {}
    for cell in hidden:
        by_row.setdefault(cell[0], []).append(cell)
        by_col.setdefault(cell[1], []).append(cell)
    target_row = start[0]

    def walk(path: list[Cell], rows: set[int], cols: set[int], at_col: int) -> Iterator[list[Cell]]:
        # at a column node: leave along another hidden entry of that column to a row
        for cell in by_col[at_col]:
            if cell in path:
                continue
            if cell[0] == target_row:
                yield [*path, cell]
                continue
            if cell[0] in rows:
                continue
            for nxt in by_row[cell[0]]:
                if nxt == cell or nxt[1] in cols:
                    continue
                yield from walk([*path, cell, nxt], rows | {cell[0]}, cols | {nxt[1]}, nxt[1])

    yield from walk([start], {target_row}, {start[1]}, start[1])


def pinned(grid: Sequence[Sequence[int]], hidden: set[Cell]) -> set[Cell]:
    n_rows, n_cols = len(grid), len(grid[0])

    def can_push(cycle: list[Cell], direction: int) -> bool:
        for k, cell in enumerate(cycle):
            step = direction * (1 if k % 2 == 0 else -1)  # signed (totals negated) change
            if _is_margin(cell, n_rows, n_cols):
                step = -step
            if step < 0 and grid[cell[0]][cell[1]] == 0:
                return False
        return True

    free: set[Cell] = set()
    for cell in hidden:
        for cycle in _cycles_through(hidden, cell):
            if can_push(cycle, 1) or can_push(cycle, -1):
                free.add(cell)
                break
    return hidden - free


def pinned_by_search(grid: Sequence[Sequence[int]], hidden: set[Cell], bound: int) -> set[Cell]:
    """Every assignment of 0..bound to the hidden entries that satisfies every published line.
    A bound one above the true grand total leaves room for every unit step a free entry has."""
    n_rows, n_cols = len(grid), len(grid[0])
    order = sorted(hidden)
    seen: dict[Cell, set[int]] = {cell: set() for cell in order}
    for values in itertools.product(range(bound + 1), repeat=len(order)):
        trial = [list(row) for row in grid]
        for cell, value in zip(order, values, strict=True):
            trial[cell[0]][cell[1]] = value
        rows_ok = all(sum(trial[i][:-1]) == trial[i][-1] for i in range(n_rows))
        cols_ok = all(
            sum(trial[i][j] for i in range(n_rows - 1)) == trial[-1][j] for j in range(n_cols)
        )
        if rows_ok and cols_ok:
            for cell, value in zip(order, values, strict=True):
                seen[cell].add(value)
    return {cell for cell, found in seen.items() if len(found) <= 1}
