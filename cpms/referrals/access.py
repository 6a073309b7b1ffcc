"""The one way a view fetches a referral.

The sending side reaches it through the case (area scope, Perm.CASE_EDIT to send or cancel);
the receiving side through membership of the receiving agency (Perm.REFERRAL_RECEIVE). Out of
reach → 404, reached but lacking the permission → 403; refusals audited (accounts/access.py).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import AnyUser, perms_at

from .models import Referral
from .selectors import receiving_agency_ids

SUBJECT = "referrals.referral"
RECEIVE_PERMS = frozenset({Perm.REFERRAL_RECEIVE, Perm.CASE_VIEW})


def referral_perms(user: AnyUser, referral: Referral) -> frozenset[Perm] | None:
    """What the user may do with the referral; None when it is out of their reach."""
    perms: set[Perm] = set()
    reached = False
    area = perms_at(user, referral.case.unit_path, personal=True)
    if area is not None:
        reached = True
        perms |= area - {Perm.REFERRAL_RECEIVE}
    if referral.agency_id in receiving_agency_ids(user):
        reached = True
        perms |= RECEIVE_PERMS
    return frozenset(perms) if reached else None


def require(user: AnyUser, referral: Referral, need: Perm) -> None:
    """Services' own check (the view has already audited through access_referral): 404 when
    out of reach, 403 when the permission is missing."""
    perms = referral_perms(user, referral)
    if perms is None:
        raise Http404
    if need not in perms:
        raise PermissionDenied


def access_referral(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.CASE_VIEW
) -> Referral:
    referral = (
        Referral.objects.select_related("case__commune", "case__child", "agency")
        .filter(uid=uid)
        .first()
    )
    perms = referral_perms(request.user, referral) if referral is not None else None
    if perms is None:
        refuse(request, found=False, subject_type=SUBJECT, subject_id=uid, need=need)
    elif need not in perms:
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=need)
    assert referral is not None
    return referral
