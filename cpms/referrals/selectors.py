"""Reads of referrals and of the sharing table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from cpms.accounts.permissions import Perm
from cpms.accounts.scope import AnyUser, user_grants
from cpms.cases.models import Case

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


def agency_inbox(user: AnyUser) -> QuerySet[Referral]:
    """Open referrals to the user's agencies, oldest due first."""
    return (
        Referral.objects.filter(agency_id__in=receiving_agency_ids(user), state__in=OPEN_STATES)
        .select_related("agency", "case__commune")
        .order_by("due_on", "pk")
    )


def referrals_of_case(case: Case) -> QuerySet[Referral]:
    """A case's referrals for a viewer who already reached the case (access_case)."""
    return Referral.objects.filter(case=case).select_related("agency").order_by("-sent_at", "-pk")


def referrals_overdue(today: dt.date | None = None) -> QuerySet[Referral]:
    """Referrals still open after their due date."""
    today = today or timezone.localdate()
    return Referral.objects.filter(state__in=OPEN_STATES, due_on__lt=today).order_by("due_on", "pk")
