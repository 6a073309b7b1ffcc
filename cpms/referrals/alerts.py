"""Escalation of overdue referrals, once per referral, in the deadline sweep's way
(cpms/cases/alerts.py): the unique ReferralEscalation row is the claim, inserted in its own
transaction; delivery runs after the claim commits."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.alerts import alert_recipients
from cpms.cases.choices import AlertKind

from .access import SUBJECT
from .models import ReferralEscalation
from .selectors import referrals_overdue

BATCH = 500


def deliver_escalation(escalation_id: int) -> None:
    escalation = ReferralEscalation.objects.select_related(
        "referral__agency", "referral__case__commune"
    ).get(pk=escalation_id)
    referral = escalation.referral
    emails = [r["email"] for r in escalation.recipients if r.get("email")]
    if not emails:
        return
    subject = _("Chuyển gửi quá hạn: %(agency)s") % {"agency": referral.agency.name}
    body = _("Dịch vụ: %(kind)s\nCơ quan nhận: %(agency)s\nHạn: %(due)s\nTrạng thái: %(state)s") % {
        "kind": referral.get_kind_display(),
        "agency": referral.agency.name,
        "due": f"{referral.due_on:%d/%m/%Y}",
        "state": referral.get_state_display(),
    }
    send_mail(subject, body, None, emails)


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
            transaction.on_commit(partial(deliver_escalation, escalation.pk))
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
