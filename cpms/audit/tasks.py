from __future__ import annotations

from procrastinate.contrib.django import app

from .partitions import ensure_partitions


@app.periodic(cron="17 1 * * *", periodic_id="audit-partitions")
@app.task(queue="default", name="audit.ensure_partitions", queueing_lock="audit.partitions")
def audit_partitions(timestamp: int) -> None:
    ensure_partitions()
