"""An emergency grant's reach, asked by cases.access and children.access only when the
viewer's area scope, a transfer and a referral have all said no.

Under a grant the holder may read the case and the child's file (`case.view`,
`child.view`, within their role), nothing more; every use writes an audit row naming the
grant. Grants are listed and revoked by users holding `audit.view` over the case's area.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from cpms.accounts.access import check_reach
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import user_perms
from cpms.audit.services import audit_read

from .models import EmergencyAccess

SUBJECT = "emergency.emergencyaccess"
CASE_READ = frozenset({Perm.CASE_VIEW})
CHILD_READ = frozenset({Perm.CHILD_VIEW})


def active_grants() -> QuerySet[EmergencyAccess]:
    return EmergencyAccess.objects.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def _record_use(request: HttpRequest, grant: EmergencyAccess, subject: str) -> None:
    """The request's one read row of the record, naming the grant; the page's own read of
    the same record (`audit_read`) then writes nothing more."""
    subject_type, _sep, subject_id = subject.partition(":")
    audit_read(
        request,
        subject_type=subject_type,
        subject_id=subject_id,
        admin_unit_id=grant.commune_id,
        extra={"emergency_grant": str(grant.uid)},
    )


def _grant_perms(
    request: HttpRequest, key: str, lookup: dict[str, Any], subject: str, perms: frozenset[Perm]
) -> frozenset[Perm] | None:
    """Perms under the user's active grant for one record (None: no grant), worked out and
    audited once per request and record."""
    user = request.user
    allowed = perms & user_perms(user)
    if not user.is_authenticated or Perm.EMERGENCY_ACCESS not in user_perms(user) or not allowed:
        return None
    cache: dict[str, frozenset[Perm] | None] = request.__dict__.setdefault("_cpms_emergency", {})
    if key not in cache:
        grant = active_grants().filter(user_id=user.pk, **lookup).order_by("-expires_at").first()
        cache[key] = None
        if grant is not None:
            _record_use(request, grant, subject)
            cache[key] = allowed
    return cache[key]


def emergency_case_perms(request: HttpRequest, case: Any) -> frozenset[Perm] | None:
    """Read-only perms over `case` under an active grant of the viewer; None without one."""
    subject = f"cases.case:{case.uid}"
    return _grant_perms(request, subject, {"case_id": case.pk}, subject, CASE_READ)


def emergency_child_perms(request: HttpRequest, child: Any) -> frozenset[Perm] | None:
    """`child.view` over a child whose case the viewer holds an active grant on."""
    subject = f"children.child:{child.uid}"
    return _grant_perms(request, subject, {"child_id": child.pk}, subject, CHILD_READ)


def access_emergency(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.AUDIT_VIEW
) -> EmergencyAccess:
    grant = (
        EmergencyAccess.objects.select_related("user", "commune", "revoked_by")
        .filter(uid=uid)
        .first()
    )
    check_reach(
        request,
        grant,
        path=grant.unit_path if grant else "",
        subject_type=SUBJECT,
        subject_id=uid,
        need=need,
        personal=True,
    )
    assert grant is not None
    return grant
