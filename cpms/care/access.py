"""The one way a view fetches a caregiver or a placement (404 out of scope, 403 without the
permission; refusals audited through cpms.accounts.access.refuse).

Individuals and families are personal records: area scope only. Facilities are public
institutions: every area-scoped user of the same province may read them (to place a child
there), while only users whose area covers the facility may change its record.
"""

from __future__ import annotations

import uuid

from django.db.models import Q
from django.http import HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import PERSONAL_SCOPES, AnyUser, perms_at, unit_scope_q, user_grants

from .choices import ProviderKind
from .models import CareProvider, Placement

PROVIDER = "care.careprovider"
PLACEMENT = "care.placement"
READ_ONLY = frozenset({Perm.CASE_VIEW})


def _provinces(user: AnyUser) -> list[tuple[str, frozenset[Perm]]]:
    return [
        (g.unit_path.split("/", 1)[0] + "/", g.perms)
        for g in user_grants(user)
        if g.scope in PERSONAL_SCOPES
    ]


def provider_scope_q(user: AnyUser) -> Q:
    q = unit_scope_q(user, personal=True, field="unit_path")
    for prefix, _perms in _provinces(user):
        q |= Q(kind=ProviderKind.FACILITY, unit_path__startswith=prefix)
    return q


def provider_perms(user: AnyUser, provider: CareProvider) -> frozenset[Perm] | None:
    perms = perms_at(user, provider.unit_path, personal=True)
    if perms is not None or provider.kind != ProviderKind.FACILITY:
        return perms
    reach = [
        p & READ_ONLY for prefix, p in _provinces(user) if provider.unit_path.startswith(prefix)
    ]
    return frozenset().union(*reach) if reach else None


def access_provider(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.CASE_VIEW
) -> CareProvider:
    provider = CareProvider.objects.select_related("commune", "village").filter(uid=uid).first()
    perms = provider_perms(request.user, provider) if provider is not None else None
    if perms is None:
        refuse(request, found=False, subject_type=PROVIDER, subject_id=uid, need=need)
    elif need not in perms:
        refuse(request, found=True, subject_type=PROVIDER, subject_id=uid, need=need)
    assert provider is not None
    return provider


def placement_perms(user: AnyUser, placement: Placement) -> frozenset[Perm] | None:
    return perms_at(user, placement.unit_path, personal=True)


def access_placement(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.CASE_VIEW
) -> Placement:
    placement = (
        Placement.objects.select_related(
            "child", "child__commune", "provider", "provider__commune", "commune", "case"
        )
        .filter(uid=uid)
        .first()
    )
    perms = placement_perms(request.user, placement) if placement is not None else None
    if perms is None:
        refuse(request, found=False, subject_type=PLACEMENT, subject_id=uid, need=need)
    elif need not in perms:
        refuse(request, found=True, subject_type=PLACEMENT, subject_id=uid, need=need)
    assert placement is not None
    return placement
