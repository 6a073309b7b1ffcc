"""The former commune's read-only reach to a case it transferred away.

Called from cpms.cases.access.case_perms when the viewer's area scope does not cover the case:
users whose area covered the case before a transfer keep `case.view` (nothing more) until that
transfer's `from_access_until`, then the case is out of their reach (404)."""

from __future__ import annotations

from django.utils import timezone

from cpms.accounts.permissions import Perm
from cpms.accounts.scope import AnyUser, perms_at, scope_paths

from .models import CaseTransfer

READ_ONLY = frozenset({Perm.CASE_VIEW})


def former_commune_perms(user: AnyUser, case_id: int) -> frozenset[Perm] | None:
    """`{case.view}` ∩ the user's permissions there, while a transfer's window is open;
    None when no open window covers the user (one query, none without an area grant)."""
    if not scope_paths(user, personal=True):
        return None
    paths = CaseTransfer.objects.filter(
        case_id=case_id, from_access_until__gt=timezone.now()
    ).values_list("from_path", flat=True)
    reach: frozenset[Perm] | None = None
    for path in paths:
        perms = perms_at(user, path, personal=True)
        if perms is not None:
            reach = (reach or frozenset()) | (perms & READ_ONLY)
    return reach
