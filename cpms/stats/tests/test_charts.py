"""Server-drawn charts: an inline SVG without a <style> element, its axis starting at 0."""

from __future__ import annotations

import re

from cpms.stats.charts import _draw
from cpms.stats.tables import StatTable


def _table(cells: tuple[tuple[int | None, ...], ...]) -> StatTable:
    return StatTable(
        indicator_code="0101",
        title="Số trẻ em bị xâm hại",
        row_label="Nhóm tuổi",
        col_label="Giới tính",
        rows=("Từ 0 đến dưới 6 tuổi", "Từ 6 đến dưới 11 tuổi"),
        cols=("Nam", "Nữ"),
        cells=cells,
        row_totals=tuple(sum(v or 0 for v in row) for row in cells),
        col_totals=tuple(sum(row[j] or 0 for row in cells) for j in range(2)),
        total=sum(v or 0 for row in cells for v in row),
        suppressed=False,
    )


def _tick_labels(svg: str) -> list[str]:
    """The x axis's labels (svg.fonttype none keeps them as text)."""
    block = svg[svg.index('id="matplotlib.axis_1"') : svg.index('id="matplotlib.axis_2"')]
    return re.findall(r"<text[^>]*>([^<]*)</text>", block)


def test_a_table_of_zeros_has_an_axis_from_zero_not_below():
    labels = _tick_labels(_draw(_table(((0, 0), (0, 0)))))
    assert labels and labels[0] == "0"
    assert not any(label.startswith(("−", "-")) for label in labels)


def test_counts_are_drawn_from_zero_inline_and_without_a_style_element():
    svg = _draw(_table(((12, 7), (3, None))))
    assert svg.startswith("<svg") and "<style" not in svg
    labels = _tick_labels(svg)
    assert labels[0] == "0" and not any(label.startswith(("−", "-")) for label in labels)
