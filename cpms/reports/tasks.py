"""Background work of periodic reports: generating their files."""

from __future__ import annotations

from procrastinate.contrib.django import app

from .generation import export_fail, export_generate


@app.task(queue="default", name="reports.generate_export")
def generate_export(export_id: int) -> None:
    try:
        export_generate(export_id=export_id)
    except Exception:
        export_fail(export_id)
        raise
