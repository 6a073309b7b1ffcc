"""Background delivery and the daily digest (procrastinate).

Cron times are UTC (procrastinate): 00:00 UTC is 07:00 in Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import logging

from django.conf import settings
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from .delivery import deliver_notifications
from .digest import digest_sweep

logger = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    pass


@app.task(
    queue="default",
    name="notifications.deliver",
    retry=RetryStrategy(max_attempts=5, exponential_wait=4),
)
def deliver_task(notification_ids: list[int]) -> None:
    failures = deliver_notifications(notification_ids)
    if failures:
        raise DeliveryFailed(f"{failures} send(s) failed; the retry sends only those")


@app.periodic(cron="0 0 * * *", periodic_id="notifications-daily-digest")
@app.task(queue="default", name="notifications.digest", queueing_lock="notifications.digest")
def digest_task(timestamp: int) -> None:
    digest_sweep()


def schedule_delivery(notification_ids: list[int]) -> None:
    """Run after commit: queue the delivery task (or deliver here when configured inline)."""
    if settings.CPMS_NOTIFICATIONS_INLINE:
        if deliver_notifications(notification_ids):
            logger.warning("notifications %s: some sends failed", notification_ids)
        return
    deliver_task.defer(notification_ids=notification_ids)
