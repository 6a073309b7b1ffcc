"""Reads of referrals and of the sharing table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from cpms.accounts.models import Agency, Membership, User
from cpms.accounts.permissions import ROLE_PERMS, Perm
from cpms.accounts.scope import AnyUser, unit_scope_q, user_grants
from cpms.cases.models import Case
from cpms.core.models import valid_on

from .choices import OPEN_STATES, FieldGroup
from .models import Referral, SharedFieldGroups

# Product choice, not law: a receiving agency keeps reading the case for 30 days after the
# referral is completed (to write its report back). Editable per agency kind in the admin.
DEFAULT_DAYS_AFTER_END = 30
DEFAULT_GROUPS = (FieldGroup.IDENTITY.value,)


@dataclass(frozen=True)
class Sharing:
    field_groups: tuple[str, ...]
    days_after_end: int


def sharing_for(agency_kind: str) -> Sharing:
    """The row for the agency's kind, else the default row, else the built-in default."""
    rows = {
        r.agency_kind: r
        for r in SharedFieldGroups.objects.filter(agency_kind__in=[agency_kind, ""])
    }
    row = rows.get(agency_kind) or rows.get("")
    if row is None:
        return Sharing(DEFAULT_GROUPS, DEFAULT_DAYS_AFTER_END)
    return Sharing(tuple(row.field_groups), row.days_after_end)


def receiving_agency_ids(user: AnyUser) -> set[int]:
    """Agencies in whose name the user may accept and carry out referrals."""
    return {g.agency_id for g in user_grants(user) if Perm.REFERRAL_RECEIVE in g.perms}


def _receiving_roles() -> list[str]:
    return [role.value for role, perms in ROLE_PERMS.items() if Perm.REFERRAL_RECEIVE in perms]


def receiving_members(agency: Agency) -> QuerySet[User]:
    """Users who may take referrals in the agency's name today."""
    today = timezone.localdate()
    members = Membership.objects.filter(valid_on(today), agency=agency, role__in=_receiving_roles())
    return User.objects.filter(is_active=True, pk__in=members.values("user_id")).order_by(
        "full_name", "pk"
    )


def answers_in_app(agency: Agency) -> bool:
    """False for an agency nobody answers for in the app: it is sent a letter, and the sending
    commune records its answer."""
    return receiving_members(agency).exists()


def agency_inbox(user: AnyUser, *, box: str = "open") -> QuerySet[Referral]:
    """The queue of the user's agencies: open referrals oldest due first ("open"), those no one
    has taken ("unassigned"), the user's own ("mine") or the ended ones ("closed")."""
    referrals = Referral.objects.filter(agency_id__in=receiving_agency_ids(user))
    if box == "closed":
        referrals = referrals.exclude(state__in=OPEN_STATES).order_by("-updated_at", "-pk")
    else:
        referrals = referrals.filter(state__in=OPEN_STATES).order_by("due_on", "pk")
    if box == "unassigned":
        referrals = referrals.filter(assigned_to__isnull=True)
    elif box == "mine":
        referrals = referrals.filter(assigned_to_id=user.pk)
    return referrals.select_related("agency", "case__commune", "assigned_to")


def referrals_sent(user: AnyUser, *, box: str = "open") -> QuerySet[Referral]:
    """Referrals of cases in the user's area (the sending side), overdue first."""
    referrals = Referral.objects.filter(unit_scope_q(user, personal=True, field="case__unit_path"))
    if box == "closed":
        referrals = referrals.exclude(state__in=OPEN_STATES).order_by("-updated_at", "-pk")
    else:
        referrals = referrals.filter(state__in=OPEN_STATES).order_by("due_on", "pk")
    return referrals.select_related("agency", "case__commune", "case__child", "assigned_to")


def referrals_of_case(case: Case) -> QuerySet[Referral]:
    """A case's referrals for a viewer who already reached the case (access_case)."""
    return Referral.objects.filter(case=case).select_related("agency").order_by("-sent_at", "-pk")


def referrals_overdue(today: dt.date | None = None) -> QuerySet[Referral]:
    """Referrals still open after their due date."""
    today = today or timezone.localdate()
    return Referral.objects.filter(state__in=OPEN_STATES, due_on__lt=today).order_by("due_on", "pk")
