from __future__ import annotations

from procrastinate.contrib.django import app

from .proposals import propose_from_overdue_deadlines


@app.periodic(cron="7 * * * *", periodic_id="accountability-propose")
@app.task(
    queue="default",
    name="accountability.propose_from_overdue_deadlines",
    queueing_lock="accountability.propose_from_overdue_deadlines",
)
def propose_task(timestamp: int) -> None:
    propose_from_overdue_deadlines()
