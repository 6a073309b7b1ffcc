from __future__ import annotations

from procrastinate.contrib.django import app

from .alerts import deadline_sweep


@app.periodic(cron="*/5 * * * *", periodic_id="case-deadline-sweep")
@app.task(queue="default", name="cases.deadline_sweep", queueing_lock="cases.deadline_sweep")
def deadline_sweep_task(timestamp: int) -> None:
    deadline_sweep()
