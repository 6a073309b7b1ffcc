"""The daily digest: one e-mail per user and day for the notifications whose kind the user
wants by digest, not yet e-mailed and still unread, from the last seven days.

The unique (user, day) DigestRun row is the claim; the Delivery rows it creates (channel
"email") keep those notifications out of any later e-mail. The day is the local date
(Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cpms.accounts.models import User

from .choices import EMAIL, DeliveryState, EmailMode
from .delivery import absolute_link, external_context
from .models import Delivery, DigestRun, Notification, NotificationPreference
from .selectors import UserPreferences, preferences_of

logger = logging.getLogger(__name__)
WINDOW = dt.timedelta(days=7)
MAX_ITEMS = 200


def _pending(user: User, prefs: UserPreferences, now: dt.datetime) -> list[Notification]:
    rows = (
        Notification.objects.filter(recipient=user, read_at=None, created_at__gte=now - WINDOW)
        .exclude(deliveries__channel=EMAIL)
        .order_by("created_at", "id")[:MAX_ITEMS]
    )
    return [n for n in rows if prefs.for_kind(n.kind).email_mode == EmailMode.DIGEST]


def _claim(user: User, day: dt.date, now: dt.datetime) -> tuple[DigestRun, list[Notification]]:
    prefs = preferences_of([user.pk])[user.pk]
    with transaction.atomic():
        run = DigestRun.objects.create(user=user, day=day)
        Delivery.objects.bulk_create(
            [
                Delivery(
                    notification=n,
                    channel=EMAIL,
                    address=user.email,
                    state=DeliveryState.CLAIMED,
                    digest=run,
                )
                for n in _pending(user, prefs, now)
            ],
            ignore_conflicts=True,
        )
        included = list(
            Notification.objects.filter(deliveries__digest=run).order_by("created_at", "id")
        )
        run.count = len(included)
        run.save(update_fields=["count"])
    return run, included


def digest_send(*, user: User, now: dt.datetime | None = None) -> int:
    """Send today's digest to `user` unless already sent today; returns how many
    notifications it carried (0: nothing sent)."""
    now = now or timezone.now()
    if not user.is_active or not user.email:
        return 0
    if not _pending(user, preferences_of([user.pk])[user.pk], now):
        return 0  # no row: a notification later today can still go in today's digest
    try:
        run, included = _claim(user, timezone.localdate(now), now)
    except IntegrityError:
        return 0  # today's digest is already claimed
    if not included:
        return 0
    context = {
        "day": f"{run.day:%d/%m/%Y}",
        "items": [external_context(n) for n in included],
        "list_link": absolute_link(reverse("notifications:list")),
    }
    subject = render_to_string("notifications/emails/digest-subject.txt", context)
    body = render_to_string("notifications/emails/digest-body.txt", context)
    deliveries = Delivery.objects.filter(digest=run)
    try:
        send_mail(" ".join(subject.split()), body, None, [user.email])
    except Exception as exc:
        logger.exception("digest for user %s failed", user.pk)
        deliveries.update(state=DeliveryState.FAILED, error=str(exc)[:2000])
        return 0
    sent_at = timezone.now()
    deliveries.update(state=DeliveryState.SENT, sent_at=sent_at)
    DigestRun.objects.filter(pk=run.pk).update(sent_at=sent_at)
    return len(included)


def digest_sweep(now: dt.datetime | None = None) -> int:
    """Send the day's digest to every user who chose digest mode somewhere; returns how many
    e-mails went out."""
    now = now or timezone.now()
    user_ids = NotificationPreference.objects.filter(email_mode=EmailMode.DIGEST).values("user_id")
    users = User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").order_by("pk")
    return sum(1 for user in users if digest_send(user=user, now=now))
