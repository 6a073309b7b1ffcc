from __future__ import annotations

from procrastinate.contrib.django import app

from cpms.core.ratelimit import prune


@app.periodic(cron="*/30 * * * *", periodic_id="ratelimit-prune")
@app.task(queue="default", name="public.prune_rate_counters", queueing_lock="public.prune")
def prune_rate_counters(timestamp: int) -> None:
    prune()
