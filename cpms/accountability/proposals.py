"""Overdue legal clocks become proposed register entries, one per clock, for an officer to
confirm or dismiss.

A clock counts when it is open (neither met nor cancelled), its rule cites a legal basis,
and its escalation time (the due time plus the rule's configured grace, `escalate_at`) has
passed. The claim is the unique `deadline` of the entry, inserted in its own transaction:
when several workers sweep at once, one insert wins and the others fail on the constraint
and skip, so running the sweep twice never makes two entries for one clock.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import Agency, AgencyKind, Membership
from cpms.accounts.permissions import ROLE_PERMS, Perm
from cpms.audit.models import AuditEvent
from cpms.cases.alerts import area_members
from cpms.cases.models import Case, CaseDeadline
from cpms.notifications.choices import NotificationKind
from cpms.notifications.services import notify

from .choices import EntryKind, EntrySource
from .models import AccountabilityEntry, LegalReference
from .services import audit_entry

BATCH = 500


def overdue_legal_deadlines(now: dt.datetime) -> QuerySet[CaseDeadline]:
    """Open legal clocks past their escalation time that have no entry yet."""
    has_entry = AccountabilityEntry.objects.filter(deadline=OuterRef("pk"))
    return (
        CaseDeadline.objects.filter(met_at=None, cancelled_at=None, escalate_at__lte=now)
        .exclude(Q(rule__legal_basis=""))
        .exclude(Exists(has_entry))
        .order_by("due_at", "pk")
    )


def responsible_agency(case: Case) -> Agency | None:
    """The agency through which the assigned person works on the case, else the commune's
    People's Committee (it leads the handling of a case, Law on Children Art. 52)."""
    if case.assigned_to_id is not None:
        today = timezone.localdate()
        memberships = Membership.objects.filter(user_id=case.assigned_to_id).select_related(
            "agency", "scope_unit"
        )
        for membership in memberships.order_by("pk"):
            if membership.is_active_on(today) and case.unit_path.startswith(
                membership.scope_unit.path
            ):
                return membership.agency
    return (
        Agency.objects.filter(admin_unit_id=case.commune_id, kind=AgencyKind.PEOPLES_COMMITTEE)
        .order_by("pk")
        .first()
    )


def _description(deadline: CaseDeadline) -> str:
    due = timezone.localtime(deadline.due_at)
    return _("Quá thời hạn: %(rule)s. Hạn: %(due)s. Căn cứ: %(basis)s.") % {
        "rule": deadline.rule.name,
        "due": f"{due:%d/%m/%Y %H:%M}",
        "basis": deadline.rule.legal_basis,
    }


def _propose(deadline_id: int, now: dt.datetime, references: list[LegalReference]) -> bool:
    try:
        with transaction.atomic():
            deadline = (
                CaseDeadline.objects.select_related("case__commune", "case__assigned_to", "rule")
                .filter(pk=deadline_id, met_at=None, cancelled_at=None)
                .first()
            )
            if deadline is None:
                return False  # met or cancelled since the list was read
            case = deadline.case
            entry = AccountabilityEntry.objects.create(
                kind=EntryKind.LATE_HANDLING,
                case=case,
                commune=case.commune,
                unit_path=case.commune.path,
                agency=responsible_agency(case),
                person=case.assigned_to,
                occurred_on=timezone.localtime(deadline.due_at).date(),
                description=_description(deadline),
                source=EntrySource.DEADLINE,
                deadline=deadline,
                proposed_at=now,
            )
            entry.legal_references.set(references)
            audit_entry(
                event=AuditEvent.CREATE,
                actor=None,
                entry=entry,
                extra={"source": EntrySource.DEADLINE, "rule": deadline.rule.code},
            )
            _notify_deciders(entry, case)
    except IntegrityError:
        return False  # another worker proposed it
    return True


def _notify_deciders(entry: AccountabilityEntry, case: Case) -> None:
    """Those who confirm or dismiss (accountability.edit) hear of the proposal; no names in
    the title (cpms/notifications privacy rule)."""
    roles = [role for role, perms in ROLE_PERMS.items() if Perm.ACCOUNTABILITY_EDIT in perms]
    notify(
        recipients=[u for u in area_members(case, roles) if u.pk != case.assigned_to_id],
        kind=NotificationKind.ACCOUNTABILITY_PROPOSED,
        title=_("Đề xuất xử lý trách nhiệm: chậm xử lý tại %(commune)s")
        % {"commune": case.commune.name},
        url=reverse("accountability:detail", kwargs={"uid": entry.uid}),
        subject_type="accountability.entry",
        subject_id=str(entry.uid),
        dedupe_key=f"accountability-proposed:{entry.uid}",
    )


def propose_from_overdue_deadlines(now: dt.datetime | None = None) -> int:
    """Propose one late-handling entry per overdue legal clock; returns how many this call
    proposed. Safe to run at any time and from several workers."""
    now = now or timezone.now()
    ids = list(overdue_legal_deadlines(now).values_list("pk", flat=True)[:BATCH])
    if not ids:
        return 0
    references = list(
        LegalReference.objects.filter(
            active=True, applies_to_kinds__contains=[EntryKind.LATE_HANDLING]
        ).order_by("order", "code")
    )
    return sum(_propose(pk, now, references) for pk in ids)
