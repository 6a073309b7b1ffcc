"""The one way a view fetches a child: in the viewer's area scope, or referred to their agency."""

from __future__ import annotations

import uuid

from django.http import HttpRequest

from cpms.accounts.access import check_reach, refuse
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import perms_at, referral_grant, user_perms
from cpms.emergency.access import emergency_child_perms

from .models import Child

SUBJECT = "children.child"


def child_perms(request: HttpRequest, child: Child) -> frozenset[Perm]:
    """What the viewer may do with this child (area roles; else a referral grant's roles)."""
    perms = perms_at(request.user, child.unit_path, personal=True)
    if perms is not None:
        return perms
    if referral_grant(request.user, subject_type=SUBJECT, subject_id=child.uid):
        return user_perms(request.user) & {Perm.CHILD_VIEW}
    return emergency_child_perms(request, child) or frozenset()


def access_child(request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.CHILD_VIEW) -> Child:
    child = (
        Child.objects.select_related("commune", "village", "merged_into").filter(uid=uid).first()
    )
    if child is not None and perms_at(request.user, child.unit_path, personal=True) is None:
        # Out of area scope: only a referral or emergency grant brings the child within reach.
        if need in child_perms(request, child):
            return child
        # Under an emergency grant the child is within reach, read-only: other needs are 403.
        found = emergency_child_perms(request, child) is not None
        refuse(request, found=found, subject_type=SUBJECT, subject_id=uid, need=need)
    check_reach(
        request,
        child,
        path=child.unit_path if child else "",
        subject_type=SUBJECT,
        subject_id=uid,
        need=need,
        personal=True,
    )
    assert child is not None
    return child
