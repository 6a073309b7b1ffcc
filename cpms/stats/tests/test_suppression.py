from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cpms.stats.suppression import extended_grid, suppress
from cpms.stats.tables import StatTable, protect_table

from .recovery import pinned, pinned_by_search


def table_of(cells: list[list[int]]) -> StatTable:
    return StatTable(
        indicator_code="T",
        title="t",
        row_label="r",
        col_label="c",
        rows=tuple(f"r{i}" for i in range(len(cells))),
        cols=tuple(f"c{j}" for j in range(len(cells[0]))),
        cells=tuple(tuple(row) for row in cells),
        row_totals=tuple(sum(row) for row in cells),
        col_totals=tuple(sum(col) for col in zip(*cells, strict=True)),
        total=sum(map(sum, cells)),
        suppressed=False,
    )


def grid_of(cells: list[list[int]]) -> list[list[int]]:
    t = table_of(cells)
    return extended_grid(cells, t.row_totals, t.col_totals, t.total)  # type: ignore[arg-type]


def test_it_hides_small_cells_and_enough_others():
    table = protect_table(table_of([[3, 10, 12], [8, 9, 20], [15, 6, 7]]))
    assert table.suppressed
    assert table.cells[0][0] is None
    # its row and column each lose a second entry
    assert sum(v is None for v in table.cells[0]) + (table.row_totals[0] is None) >= 2
    assert sum(r[0] is None for r in table.cells) + (table.col_totals[0] is None) >= 2
    assert table.total == 90
    assert "được ẩn" in table.note


def test_it_shows_zeros_and_leaves_a_table_without_small_cells_alone():
    table = protect_table(table_of([[0, 10], [12, 0]]))
    assert table.cells == ((0, 10), (12, 0))
    assert table.total == 22
    assert table.suppressed


def test_it_hides_a_small_total():
    table = protect_table(table_of([[0, 0], [2, 1]]))
    assert table.total is None
    assert table.row_totals[1] is None


def test_it_protects_a_one_column_table():
    table = protect_table(table_of([[2], [10], [11], [0]]))
    assert table.cells[0] == (None,)
    assert table.row_totals[0] is None
    assert sum(r[0] is None for r in table.cells) + (table.col_totals[0] is None) >= 2
    assert table.cells[3] == (0,)


def test_it_is_idempotent():
    once = protect_table(table_of([[3, 10], [8, 9]]))
    assert protect_table(once) is once


def test_it_closes_a_bridge_between_two_blocks():
    # two 2x2 blocks of small cells joined by one small cell: the joining cell would be a
    # bridge after the per-line rule alone
    cells = [
        [1, 1, 0, 0, 9],
        [1, 1, 0, 0, 9],
        [0, 2, 2, 0, 9],
        [0, 0, 1, 1, 9],
        [0, 0, 1, 1, 9],
    ]
    grid = grid_of(cells)
    hidden = suppress(grid)
    assert (2, 2) in hidden
    assert pinned(grid, hidden) == set()


def test_the_intruder_pins_a_lone_hidden_cell():
    # the checker itself: one hidden cell per line is recovered, two per line are not
    grid = grid_of([[3, 10], [8, 9]])
    assert pinned(grid, {(0, 0)}) == {(0, 0)}
    assert pinned(grid, {(0, 0), (0, 1), (1, 0), (1, 1)}) == set()
    assert pinned_by_search(grid, {(0, 0), (0, 1), (1, 0), (1, 1)}, 31) == set()
    # a zero on the cycle can only go up: the cycle still moves one way
    zero = grid_of([[3, 0], [0, 9]])
    assert pinned(zero, {(0, 0), (0, 1), (1, 0), (1, 1)}) == set()
    # …but two zeros that must both go down pin everything
    assert pinned(zero, {(0, 0), (0, 1), (1, 0), (1, 1)}) == pinned_by_search(
        zero, {(0, 0), (0, 1), (1, 0), (1, 1)}, 13
    )


small_tables = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 6), st.sampled_from([0, 0, 1, 2, 3, 4])),
                min_size=cols,
                max_size=cols,
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_tables)
def test_no_hidden_entry_can_be_recovered_from_the_published_ones(cells):
    grid = grid_of(cells)
    hidden = suppress(grid)
    assert all(
        not 0 < grid[i][j] < 5
        for i in range(len(grid))
        for j in range(len(grid[0]))
        if (i, j) not in hidden
    )
    assert pinned(grid, hidden) == set()


tiny_tables = st.lists(st.lists(st.integers(0, 5), min_size=2, max_size=2), min_size=1, max_size=2)


@settings(max_examples=150, deadline=None)
@given(tiny_tables, st.data())
def test_the_cycle_intruder_agrees_with_brute_force(cells, data):
    grid = grid_of(cells)
    entries = [(i, j) for i in range(len(grid)) for j in range(len(grid[0]))]
    hidden = set(data.draw(st.lists(st.sampled_from(entries), max_size=4, unique=True)))
    bound = grid[-1][-1] + 1
    assume(bound <= 9)
    assert pinned(grid, hidden) == pinned_by_search(grid, hidden, bound)
