from __future__ import annotations

from procrastinate.contrib.django import app

from .services import heartbeat_record


@app.periodic(cron="* * * * *", periodic_id="worker-heartbeat")
@app.task(queue="default", name="ops.heartbeat", queueing_lock="ops.heartbeat")
def heartbeat(timestamp: int) -> None:
    heartbeat_record()
