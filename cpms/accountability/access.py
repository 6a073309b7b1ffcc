"""The one way a view fetches a register entry: area scope by the entry's commune (404 out
of scope, 403 without the permission; refusals audited). Entries name people and agencies,
so only area-scoped grants reach them: never referral, aggregate or own scope."""

from __future__ import annotations

import uuid

from django.http import HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import AnyUser, perms_at

from .models import AccountabilityEntry

SUBJECT = "accountability.entry"


def entry_perms(user: AnyUser, entry: AccountabilityEntry) -> frozenset[Perm] | None:
    """What the user may do with this entry; None when it is out of their reach."""
    return perms_at(user, entry.unit_path, personal=True)


def access_entry(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.ACCOUNTABILITY_VIEW
) -> AccountabilityEntry:
    entry = (
        AccountabilityEntry.objects.select_related(
            "commune",
            "case",
            "case__child",
            "report",
            "agency",
            "person",
            "deadline",
            "deadline__rule",
            "proposed_by",
            "confirmed_by",
            "dismissed_by",
        )
        .filter(uid=uid)
        .first()
    )
    perms = entry_perms(request.user, entry) if entry is not None else None
    if perms is None:
        refuse(request, found=False, subject_type=SUBJECT, subject_id=uid, need=need)
    elif need not in perms:
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=need)
    assert entry is not None
    return entry
