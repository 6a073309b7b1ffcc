"""Escalation of overdue referrals, once per referral, in the deadline sweep's way
(cpms/cases/alerts.py): the unique ReferralEscalation row is the claim, inserted in its own
transaction, with the notifications (cpms.notifications), whose e-mail and messages leave
only after it commits."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.alerts import alert_recipients
from cpms.cases.choices import AlertKind
from cpms.notifications.choices import NotificationKind
from cpms.notifications.services import notify

from .access import SUBJECT
from .models import ReferralEscalation
from .selectors import referrals_overdue

BATCH = 500


def deliver_escalation(escalation: ReferralEscalation, users: list[User]) -> None:
    """Notify the recipients inside the claim's transaction; no child name (privacy rule in
    cpms.notifications.services), the link leads to the case page, which checks scope."""
    referral = escalation.referral
    notify(
        recipients=users,
        kind=NotificationKind.REFERRAL_OVERDUE,
        title=_("Chuyển gửi quá hạn: %(agency)s") % {"agency": referral.agency.name},
        body=_("Dịch vụ: %(kind)s\nCơ quan nhận: %(agency)s\nHạn: %(due)s\nTrạng thái: %(state)s")
        % {
            "kind": referral.get_kind_display(),
            "agency": referral.agency.name,
            "due": f"{referral.due_on:%d/%m/%Y}",
            "state": referral.get_state_display(),
        },
        url=reverse("cases:detail", args=[referral.case.uid]),
        subject_type=SUBJECT,
        subject_id=referral.uid,
        dedupe_key=f"referral-escalation:{escalation.pk}",
    )


def _claim(referral_id: int, now: dt.datetime) -> bool:
    try:
        with transaction.atomic():
            referral = (
                referrals_overdue(timezone.localdate(now))
                .select_related("case__assigned_to", "agency")
                .filter(pk=referral_id)
                .first()
            )
            if referral is None:
                return False
            users = alert_recipients(referral.case, AlertKind.ESCALATION)
            escalation = ReferralEscalation.objects.create(
                referral=referral,
                claimed_at=now,
                recipients=[{"user": u.pk, "email": u.email} for u in users],
            )
            audit_record(
                event=AuditEvent.UPDATE,
                actor=None,
                subject_type=SUBJECT,
                subject_id=referral.uid,
                admin_unit_id=referral.case.commune_id,
                extra={"alert": "escalation", "recipients": len(users)},
            )
            deliver_escalation(escalation, users)
    except IntegrityError:
        return False  # another worker claimed it
    return True


def referral_escalation_sweep(now: dt.datetime | None = None) -> int:
    """Escalate every overdue referral not escalated yet; returns how many this call sent."""
    now = now or timezone.now()
    ids = list(
        referrals_overdue(timezone.localdate(now))
        .filter(escalation__isnull=True)
        .values_list("pk", flat=True)[:BATCH]
    )
    return sum(_claim(pk, now) for pk in ids)
