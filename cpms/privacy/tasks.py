from __future__ import annotations

from procrastinate.contrib.django import app

from .retention import retention_apply


@app.periodic(cron="30 2 * * *", periodic_id="privacy-retention")
@app.task(queue="default", name="privacy.apply_retention", queueing_lock="privacy.retention")
def apply_retention_task(timestamp: int) -> None:
    retention_apply(apply=True)
