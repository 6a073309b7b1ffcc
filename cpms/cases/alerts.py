"""Reminders before and escalations after each legal deadline, each sent exactly once.

The claim is the unique (deadline, kind) row of DeadlineAlert, inserted in its own
transaction: when several workers sweep at once, one insert wins and the others fail on the
constraint and skip. The claim's transaction also creates the notifications
(cpms.notifications): e-mail and messages leave only after it commits, once each.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import Membership, User
from cpms.accounts.permissions import Role
from cpms.audit.models import AuditEvent
from cpms.core.models import valid_on
from cpms.notifications.choices import NotificationKind
from cpms.notifications.services import notify

from .choices import AlertKind
from .models import Case, CaseDeadline, DeadlineAlert
from .services import SUBJECT, audit_case

BATCH = 500


def _path_prefixes(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]


def alert_recipients(case: Case, kind: str) -> list[User]:
    """Reminder: the worker(s) and the chairman; escalation: also the area officer(s)."""
    roles = [Role.COMMUNE_WORKER, Role.COMMUNE_LEADER]
    if kind == AlertKind.ESCALATION:
        roles.append(Role.AREA_OFFICER)
    return area_members(case, roles)


def area_members(case: Case, roles: list[Role]) -> list[User]:
    """Active users holding one of the roles over the case's area, and its assigned worker."""
    today = timezone.localdate()
    memberships = (
        Membership.objects.filter(
            role__in=roles, scope_unit__path__in=_path_prefixes(case.unit_path)
        )
        .filter(valid_on(today))
        .select_related("user")
        .order_by("user_id")
    )
    users = {m.user_id: m.user for m in memberships if m.user.is_active}
    if case.assigned_to_id and case.assigned_to is not None:
        users[case.assigned_to_id] = case.assigned_to
    return [users[k] for k in sorted(users)]


def deliver_alert(alert: DeadlineAlert, users: list[User]) -> None:
    """Notify the recipients inside the claim's transaction. No child name anywhere: the
    title names the step, and the link leads to the case page, which checks scope."""
    deadline = alert.deadline
    case = deadline.case
    if alert.kind == AlertKind.REMINDER:
        kind = NotificationKind.DEADLINE_ALERT
        title = _("Sắp đến hạn: %(rule)s") % {"rule": deadline.rule.name}
    else:
        kind = NotificationKind.DEADLINE_ESCALATION
        title = _("Quá hạn: %(rule)s") % {"rule": deadline.rule.name}
    body = _("Bước: %(rule)s\nHạn: %(due)s\nĐịa bàn: %(commune)s\nCăn cứ: %(basis)s") % {
        "rule": deadline.rule.name,
        "due": f"{timezone.localtime(deadline.due_at):%d/%m/%Y %H:%M}",
        "commune": case.commune.name,
        "basis": deadline.rule.legal_basis,
    }
    notify(
        recipients=users,
        kind=kind,
        title=title,
        body=body,
        url=reverse("cases:detail", args=[case.uid]),
        subject_type=SUBJECT,
        subject_id=case.uid,
        dedupe_key=f"deadline-alert:{alert.pk}",
    )


def _claim(deadline_id: int, kind: str, now: dt.datetime) -> bool:
    try:
        with transaction.atomic():
            deadline = (
                CaseDeadline.objects.select_related("case__assigned_to", "case__commune", "rule")
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
            deliver_alert(alert, users)
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
