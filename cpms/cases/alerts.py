"""Reminders before and escalations after each legal deadline, each sent exactly once.

The claim is the unique (deadline, kind) row of DeadlineAlert, inserted in its own
transaction: when several workers sweep at once, one insert wins and the others fail on the
constraint and skip. Delivery runs after the claim commits. Issue 5 replaces `deliver_alert`
with the notification system; nothing else here needs to change.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import Membership, User
from cpms.accounts.permissions import Role
from cpms.audit.models import AuditEvent

from .choices import AlertKind
from .models import Case, CaseDeadline, DeadlineAlert
from .services import audit_case

BATCH = 500


def _path_prefixes(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]


def alert_recipients(case: Case, kind: str) -> list[User]:
    """Reminder: the worker(s) and the chairman; escalation: also the area officer(s)."""
    roles = [Role.COMMUNE_WORKER, Role.COMMUNE_LEADER]
    if kind == AlertKind.ESCALATION:
        roles.append(Role.AREA_OFFICER)
    today = timezone.localdate()
    memberships = (
        Membership.objects.filter(
            role__in=roles, scope_unit__path__in=_path_prefixes(case.unit_path)
        )
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("user")
        .order_by("user_id")
    )
    users = {m.user_id: m.user for m in memberships if m.user.is_active}
    if case.assigned_to_id and case.assigned_to is not None:
        users[case.assigned_to_id] = case.assigned_to
    return [users[k] for k in sorted(users)]


def deliver_alert(alert_id: int) -> None:
    """Send one alert by e-mail (the one delivery function)."""
    alert = DeadlineAlert.objects.select_related(
        "deadline__rule", "deadline__case__child", "deadline__case__commune"
    ).get(pk=alert_id)
    deadline = alert.deadline
    emails = [r["email"] for r in alert.recipients if r.get("email")]
    if not emails:
        return
    due = timezone.localtime(deadline.due_at)
    if alert.kind == AlertKind.REMINDER:
        subject = _("Sắp đến hạn: %(rule)s") % {"rule": deadline.rule.name}
    else:
        subject = _("Quá hạn: %(rule)s") % {"rule": deadline.rule.name}
    body = _(
        "Trường hợp của trẻ %(child)s (%(commune)s)\nBước: %(rule)s\nHạn: %(due)s\n"
        "Căn cứ: %(basis)s"
    ) % {
        "child": deadline.case.child.full_name,
        "commune": deadline.case.commune.name,
        "rule": deadline.rule.name,
        "due": f"{due:%d/%m/%Y %H:%M}",
        "basis": deadline.rule.legal_basis,
    }
    send_mail(subject, body, None, emails)


def _claim(deadline_id: int, kind: str, now: dt.datetime) -> bool:
    try:
        with transaction.atomic():
            deadline = (
                CaseDeadline.objects.select_related("case__assigned_to", "rule")
                .filter(pk=deadline_id, met_at=None, cancelled_at=None)
                .first()
            )
            if deadline is None:
                return False
            users = alert_recipients(deadline.case, kind)
            alert = DeadlineAlert.objects.create(
                deadline=deadline,
                kind=kind,
                claimed_at=now,
                recipients=[{"user": u.pk, "email": u.email} for u in users],
            )
            audit_case(
                event=AuditEvent.UPDATE,
                actor=None,
                case=deadline.case,
                extra={"alert": kind, "rule": deadline.rule.code, "recipients": len(users)},
            )
            transaction.on_commit(partial(deliver_alert, alert.pk))
    except IntegrityError:
        return False  # another worker claimed it
    return True


def deadline_sweep(now: dt.datetime | None = None) -> int:
    """Claim and send every due reminder and escalation; returns how many this call sent."""
    now = now or timezone.now()
    open_rows = CaseDeadline.objects.filter(met_at=None, cancelled_at=None)
    due = {
        AlertKind.REMINDER: open_rows.filter(remind_at__lte=now, due_at__gt=now),
        AlertKind.ESCALATION: open_rows.filter(escalate_at__lte=now),
    }
    sent = 0
    for kind, rows in due.items():
        ids = list(
            rows.exclude(alerts__kind=kind).order_by("due_at").values_list("pk", flat=True)[:BATCH]
        )
        sent += sum(_claim(pk, kind, now) for pk in ids)
    return sent
