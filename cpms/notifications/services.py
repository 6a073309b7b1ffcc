"""Notifications: the one way to tell users something happened.

API (for other apps)::

    from cpms.notifications.choices import NotificationKind
    from cpms.notifications.services import notify

    notify(
        recipients=[user, ...],              # Users; duplicates and inactive users are dropped
        kind=NotificationKind.REFERRAL_SENT,
        title=_("Có chuyển gửi mới"),        # neutral: see the privacy rule below
        body=_("Dịch vụ: …"),                # in-app only, never sent outside the app
        url=reverse("cases:detail", args=[case.uid]),   # path inside the app (scoped page)
        subject_type="cases.case", subject_id=case.uid,
        dedupe_key=f"referral-sent:{referral.uid}",     # optional: once per recipient
    )

Call it inside the transaction of the change it reports. It writes the in-app rows in that
transaction and schedules delivery with `transaction.on_commit`: a rolled-back change
notifies nobody, and nothing leaves the app before the change is committed. Delivery runs in
the background (procrastinate task `notifications.deliver`; inline when
`CPMS_NOTIFICATIONS_INLINE` is on, as in tests), once per (notification, channel) whatever
the number of retries (see delivery.py).

Privacy rule: e-mail, SMS and Zalo carry only the kind, the title and a link into the app,
never the body. Titles and bodies must hold NO child name and no other personal data (name,
birth date, address, phone, description of harm): at most the step, the agency, the commune
and the due date. The link leads to a page that checks the reader's scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.text import normalize_text

from .choices import EmailMode, KindGroup, NotificationKind
from .models import Notification, NotificationPreference
from .tasks import schedule_delivery

SUBJECT = "notifications.preference"


def notify(
    *,
    recipients: Iterable[User],
    kind: NotificationKind | str,
    title: str | Promise,
    body: str | Promise = "",
    url: str = "",
    subject_type: str = "",
    subject_id: object = "",
    dedupe_key: str | None = None,
) -> list[Notification]:
    """Create one in-app notification per recipient and deliver them after commit.

    With a `dedupe_key`, a recipient who already has a notification with that key gets no
    second one (the database refuses it), so a repeated call is harmless. Returns the rows
    this call created."""
    NotificationKind(kind)  # refuse unknown kinds before anything is written
    users = {u.pk: u for u in recipients if u.is_active}
    if not users:
        return []
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            title=normalize_text(str(title))[:200],
            body=normalize_text(str(body)),
            url=url,
            subject_type=subject_type,
            subject_id=str(subject_id),
            dedupe_key=dedupe_key or "",
        )
        for pk in sorted(users)
    ]
    if not dedupe_key:
        created = Notification.objects.bulk_create(rows)
    else:
        existing = set(
            Notification.objects.filter(
                recipient_id__in=list(users), dedupe_key=dedupe_key
            ).values_list("recipient_id", flat=True)
        )
        rows = [r for r in rows if r.recipient_id not in existing]
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        created = list(
            Notification.objects.filter(
                recipient_id__in=[r.recipient_id for r in rows], dedupe_key=dedupe_key
            )
        )
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(partial(schedule_delivery, ids))
    return created


def notification_open(*, notification: Notification) -> Notification:
    """Mark read (once: a second open keeps the first time)."""
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(
            read_at=now, updated_at=now
        )
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    now = timezone.now()
    return Notification.objects.filter(recipient=user, read_at=None).update(
        read_at=now, updated_at=now
    )


@transaction.atomic
def preferences_update(
    *,
    actor: User,
    values: dict[str, tuple[str, dict[str, bool]]],
    request: HttpRequest | None = None,
) -> list[NotificationPreference]:
    """Save the user's own preferences: group → (email mode, {channel: on}). The "all" row
    cannot inherit; other groups inherit what they leave empty. Audited (old and new)."""
    current = {p.group: p for p in NotificationPreference.objects.filter(user=actor)}
    old = {g: [p.email_mode, p.channels] for g, p in current.items()}
    saved: list[NotificationPreference] = []
    for group, (email_mode, channels) in values.items():
        KindGroup(group)
        EmailMode(email_mode)
        if group == KindGroup.ALL and email_mode == EmailMode.INHERIT:
            email_mode = EmailMode.IMMEDIATE
        row = current.get(group)
        if row is None and group != KindGroup.ALL and not email_mode and not channels:
            continue  # nothing of its own: no row needed
        fresh = row is None
        if row is None:
            row = NotificationPreference(user=actor, group=group)
        row.email_mode = email_mode
        row.channels = channels
        row.full_clean()
        if fresh:
            row.save()
        else:
            row.save(update_fields=["email_mode", "channels", "updated_at"])
        current[group] = row
        saved.append(row)
    new = {g: [p.email_mode, p.channels] for g, p in current.items()}
    if old != new:
        audit_record(
            event=AuditEvent.UPDATE,
            actor=actor,
            request=request,
            subject_type=SUBJECT,
            subject_id=actor.uid,
            extra={"old": old, "new": new},
        )
    return saved
