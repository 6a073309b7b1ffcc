from __future__ import annotations

from django import template

from ..tables import StatTable

register = template.Library()


@register.filter
def table_rows(table: StatTable) -> list[tuple[str, tuple[int | None, ...], int | None]]:
    return list(zip(table.rows, table.cells, table.row_totals, strict=True))


@register.filter
def cell(value: int | None) -> str:
    """A hidden cell shows as "–"; a figure without a meaningful total shows as empty."""
    return "–" if value is None else f"{value:,}".replace(",", ".")
