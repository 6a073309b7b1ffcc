"""Small-cell protection on a table with its margins (primary + complementary suppression).

The table is taken with its totals as one extended grid: rows 0..R-1 hold the cells and, in
the last column, the row totals; the last row holds the column totals and the grand total.
Every line (row or column) of the extended grid is one published equation "cells = total".
Flipping the sign of the totals turns these into "every line sums to zero", so the hidden
entries are the edges of a bipartite graph (line nodes) and a hidden entry can be solved for
exactly when its edge is a bridge of that graph (no alternating cycle through it). Hence:

1. primary: every entry (cell or total) from 1 to `THRESHOLD - 1` is hidden;
2. complementary, to a fixed point:
   - a line holding exactly one hidden entry gets a second one (the smallest positive
     visible entry, cells before totals);
   - a hidden entry that is a bridge gets a partner that closes a cycle through it.

Zeros are shown: a zero says that nobody has the attribute, which is the fact the table
exists to publish, and hiding zeros would hide most of a small commune's tables. Zeros are
not used as complements while a positive entry can do the job: with every hidden entry
positive, each one can move both ways along its cycle, so none is pinned by the bound ≥ 0.
"""

from __future__ import annotations

from collections.abc import Sequence

THRESHOLD = 5

Cell = tuple[int, int]


def extended_grid(
    cells: Sequence[Sequence[int]],
    row_totals: Sequence[int],
    col_totals: Sequence[int],
    total: int,
) -> list[list[int]]:
    grid = [[*row, row_total] for row, row_total in zip(cells, row_totals, strict=True)]
    grid.append([*col_totals, total])
    return grid


def suppress(grid: Sequence[Sequence[int]], threshold: int = THRESHOLD) -> set[Cell]:
    """The entries of the extended grid to hide."""
    n_rows, n_cols = len(grid), len(grid[0])
    hidden = {(i, j) for i in range(n_rows) for j in range(n_cols) if 0 < grid[i][j] < threshold}
    if not hidden:
        return hidden
    while True:
        if _complete_lines(grid, hidden):
            continue
        bridge = _find_bridge(hidden, n_rows, n_cols)
        if bridge is None:
            return hidden
        hidden.add(_cycle_partner(grid, hidden, bridge))


def _preference(grid: Sequence[Sequence[int]], cell: Cell) -> tuple[int, int, int, Cell]:
    i, j = cell
    value = grid[i][j]
    is_total = i == len(grid) - 1 or j == len(grid[0]) - 1
    return (value == 0, is_total, value, cell)


def _complete_lines(grid: Sequence[Sequence[int]], hidden: set[Cell]) -> bool:
    """Give every line with exactly one hidden entry a second one; True if anything changed."""
    n_rows, n_cols = len(grid), len(grid[0])
    changed = False
    lines = [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
    lines += [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
    for line in lines:
        if sum(cell in hidden for cell in line) == 1:
            visible = [cell for cell in line if cell not in hidden]
            if visible:
                hidden.add(min(visible, key=lambda c: _preference(grid, c)))
                changed = True
    return changed


def _find_bridge(hidden: set[Cell], n_rows: int, n_cols: int) -> Cell | None:
    """A hidden entry whose edge (row node i — column node j) is a bridge, or None (Tarjan)."""
    adjacency: dict[int, list[int]] = {}
    for i, j in hidden:
        adjacency.setdefault(i, []).append(n_rows + j)
        adjacency.setdefault(n_rows + j, []).append(i)
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    for root in sorted(adjacency):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[int, int, int]] = [(root, -1, 0)]
        while stack:
            node, parent, index = stack.pop()
            neighbours = adjacency[node]
            if index < len(neighbours):
                stack.append((node, parent, index + 1))
                nxt = neighbours[index]
                if nxt == parent:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = len(order)
                    stack.append((nxt, node, 0))
            elif parent >= 0:
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    row, col = (parent, node) if parent < n_rows else (node, parent)
                    return (row, col - n_rows)
    return None


def _component(hidden: set[Cell], start: int, n_rows: int, removed: Cell) -> set[int]:
    adjacency: dict[int, set[int]] = {}
    for cell in hidden - {removed}:
        i, j = cell
        adjacency.setdefault(i, set()).add(n_rows + j)
        adjacency.setdefault(n_rows + j, set()).add(i)
    seen = {start}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for nxt in adjacency.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def _cycle_partner(grid: Sequence[Sequence[int]], hidden: set[Cell], bridge: Cell) -> Cell:
    """A visible entry whose hiding puts the bridge on a cycle: (i, j') with column j' on the
    bridge's column side, or (i', j) with row i' on its row side."""
    n_rows = len(grid)
    i, j = bridge
    col_side = _component(hidden, n_rows + j, n_rows, bridge)
    row_side = _component(hidden, i, n_rows, bridge)
    candidates = [(i, node - n_rows) for node in col_side if node >= n_rows and node != n_rows + j]
    candidates += [(node, j) for node in row_side if node < n_rows and node != i]
    candidates = [cell for cell in candidates if cell not in hidden]
    return min(candidates, key=lambda c: _preference(grid, c))
