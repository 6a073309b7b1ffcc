from __future__ import annotations

from procrastinate.contrib.django import app

from .cube.build import refresh_cube


@app.periodic(cron="*/5 * * * *", periodic_id="stats-cube-refresh")
@app.task(queue="default", name="stats.refresh_cube", queueing_lock="stats.refresh_cube")
def refresh_cube_task(timestamp: int) -> None:
    """Rebuild the dashboard cube when the case data changed since the last build."""
    refresh_cube()
