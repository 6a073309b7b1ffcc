from __future__ import annotations

from procrastinate.contrib.django import app

from .alerts import referral_escalation_sweep


@app.periodic(cron="*/15 * * * *", periodic_id="referral-escalation-sweep")
@app.task(
    queue="default",
    name="referrals.escalation_sweep",
    queueing_lock="referrals.escalation_sweep",
)
def referral_escalation_sweep_task(timestamp: int) -> None:
    referral_escalation_sweep()
