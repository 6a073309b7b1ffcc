"""Delivery outside the app: once per (notification, channel), whatever the retries.

Inserting the Delivery row is the claim, committed before anything is sent: a second run of
the same task, or two workers at once, find the row and send nothing. A failed send marks the
row failed; only a failed row may be claimed again (the next retry). A crash between the send
and marking it sent leaves the row claimed: that message is not sent twice (at most once).

What leaves the app is the kind, the title and a link (the privacy rule in services.py).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .channels import Channel, extra_channels
from .choices import EMAIL, DeliveryState, EmailMode
from .models import Delivery, Notification
from .selectors import Effective, preferences_of

logger = logging.getLogger(__name__)


def absolute_link(url: str) -> str:
    base: str = settings.SITE_URL
    return base.rstrip("/") + (url or reverse("notifications:list"))


def external_context(notification: Notification) -> dict[str, str]:
    return {
        "kind": str(notification.get_kind_display()),
        "title": notification.title,
        "link": absolute_link(notification.url),
    }


def email_message(notification: Notification) -> tuple[str, str]:
    context = external_context(notification)
    subject = render_to_string("notifications/emails/notification-subject.txt", context)
    body = render_to_string("notifications/emails/notification-body.txt", context)
    return " ".join(subject.split()), body


def short_text(notification: Notification) -> str:
    context = external_context(notification)
    return f"{context['kind']}: {context['title']} {context['link']}"


def targets(
    notification: Notification, effective: Effective, channels: dict[str, Channel]
) -> list[tuple[str, str]]:
    """(channel, address) pairs the recipient chose and can be reached on."""
    user = notification.recipient
    found = []
    if effective.email_mode == EmailMode.IMMEDIATE and user.email:
        found.append((EMAIL, user.email))
    if user.phone:
        found += [(name, user.phone) for name in sorted(effective.channels) if name in channels]
    return found


def claim(notification: Notification, channel: str, address: str) -> Delivery | None:
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                notification=notification,
                channel=channel,
                address=address,
                state=DeliveryState.CLAIMED,
            )
    except IntegrityError:
        pass
    retaken = Delivery.objects.filter(
        notification=notification, channel=channel, state=DeliveryState.FAILED
    ).update(state=DeliveryState.CLAIMED, attempts=F("attempts") + 1, error="")
    if not retaken:
        return None  # sent, or being sent, by another run
    return Delivery.objects.get(notification=notification, channel=channel)


def send_one(notification: Notification, delivery: Delivery, channels: dict[str, Channel]) -> bool:
    try:
        if delivery.channel == EMAIL:
            subject, body = email_message(notification)
            send_mail(subject, body, None, [delivery.address])
        else:
            channels[delivery.channel].send(delivery.address, short_text(notification))
    except Exception as exc:
        logger.exception("notification %s: %s delivery failed", notification.pk, delivery.channel)
        Delivery.objects.filter(pk=delivery.pk).update(
            state=DeliveryState.FAILED, error=str(exc)[:2000]
        )
        return False
    Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.SENT, sent_at=timezone.now())
    return True


def deliver_notifications(notification_ids: list[int]) -> int:
    """Send each notification on every channel its recipient chose for its kind (digest-mode
    e-mail waits for the digest). Returns the number of failed sends."""
    rows = list(
        Notification.objects.filter(pk__in=notification_ids)
        .select_related("recipient")
        .order_by("pk")
    )
    prefs = preferences_of(n.recipient_id for n in rows)
    channels = extra_channels()
    failures = 0
    for notification in rows:
        effective = prefs[notification.recipient_id].for_kind(notification.kind)
        for channel, address in targets(notification, effective, channels):
            delivery = claim(notification, channel, address)
            if delivery is not None and not send_one(notification, delivery, channels):
                failures += 1
    return failures
