"""Server-side charts (matplotlib → SVG), one code path for the dashboard and the reports.

The SVG goes inline in the page. Its <style> element is dropped because the content security
policy allows no inline style elements (style attributes are allowed, and matplotlib puts
every drawing style in attributes). Charts are cached by their table's content, so a chart is
drawn again only when its figures change.
"""

from __future__ import annotations

import hashlib
import io
import re
import textwrap

from django.core.cache import cache

from .tables import StatTable

STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
PALETTE = ("#0d6efd", "#d63384", "#198754", "#fd7e14", "#6f42c1", "#20c997")


def _key(table: StatTable) -> str:
    digest = hashlib.sha256(repr(table).encode()).hexdigest()
    return f"stats-chart:{digest}"


def table_svg(table: StatTable) -> str:
    key = _key(table)
    svg: str | None = cache.get(key)
    if svg is None:
        svg = _draw(table)
        cache.set(key, svg, 3600)
    return svg


def _draw(table: StatTable) -> str:
    # Imported here, not at the top: matplotlib costs about 30 MB in every process that
    # loads the URLs (web, worker, imports), and only the dashboard and reports draw.
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cpms"}):
        return _render(table)


def _render(table: StatTable) -> str:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    n_rows, n_cols = len(table.rows), len(table.cols)
    height = 0.9 + 0.32 * n_rows * max(1, min(n_cols, 3))
    figure = Figure(figsize=(6.4, height), dpi=72)
    axes = figure.add_subplot()
    bar = 0.8 / n_cols
    for j, label in enumerate(table.cols):
        values = [row[j] or 0 for row in table.cells]
        positions = [i + j * bar for i in range(n_rows)]
        axes.barh(positions, values, height=bar, label=label, color=PALETTE[j % len(PALETTE)])
    axes.set_yticks([i + bar * (n_cols - 1) / 2 for i in range(n_rows)])
    axes.set_yticklabels([textwrap.shorten(r, 42, placeholder="…") for r in table.rows])
    axes.invert_yaxis()
    # Counts start at 0; a table of zeros (a new commune) still gets a 0–1 axis, not ±0.05.
    top = max((value or 0 for row in table.cells for value in row), default=0)
    axes.set_xlim(0, None if top else 1)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    if n_cols > 1:
        axes.legend(loc="lower right", fontsize="small", frameon=False)
    figure.tight_layout()
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    text = text[text.index("<svg") :]
    return STYLE_ELEMENT.sub("", text)
