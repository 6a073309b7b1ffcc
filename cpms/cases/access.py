"""The one way a view fetches a case: in the viewer's area scope, or referred to their agency."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.http import HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import perms_at, referral_grant, user_perms
from cpms.emergency.access import emergency_case_perms
from cpms.transfers.access import former_commune_perms

from .choices import FieldGroup
from .models import Case

SUBJECT = "cases.case"
# What a referral (police) may do with a case referred to its agency, within its role's perms.
REFERRAL_PERMS = frozenset({Perm.CASE_VIEW, Perm.CASE_PERPETRATOR_VIEW, Perm.CASE_JUSTICE_EDIT})
# A referral permission holds only when the grant shares the field group it works on.
GROUP_OF_PERM = {
    Perm.CASE_PERPETRATOR_VIEW: FieldGroup.PERPETRATORS,
    Perm.CASE_JUSTICE_EDIT: FieldGroup.JUSTICE_TRACK,
}


def _granted(perms: frozenset[Perm], groups: list[str]) -> frozenset[Perm]:
    return frozenset(p for p in perms if p not in GROUP_OF_PERM or GROUP_OF_PERM[p] in groups)


@dataclass(frozen=True)
class Reach:
    """What the viewer may do with a case, and the field groups they may see of it (None:
    the whole case, as their permissions allow; a set: only what a referral shares)."""

    perms: frozenset[Perm]
    groups: frozenset[str] | None = None


def _reach(request: HttpRequest, case: Case) -> Reach | None:
    perms = perms_at(request.user, case.unit_path, personal=True)
    if perms is not None:
        return Reach(perms)
    former = former_commune_perms(request.user, case.pk)
    if former is not None:
        return Reach(former)
    grant = referral_grant(request.user, subject_type=SUBJECT, subject_id=case.uid)
    if grant is not None:
        # The grant itself lets the agency read what it shares; the rest follows the role.
        perms = (user_perms(request.user) & REFERRAL_PERMS) | {Perm.CASE_VIEW}
        return Reach(_granted(perms, grant.field_groups), frozenset(grant.field_groups))
    emergency = emergency_case_perms(request, case)
    if emergency is not None:
        return Reach(emergency)
    return None


def case_reach(request: HttpRequest, case: Case) -> Reach | None:
    """The viewer's reach to the case; None when it is out of reach. Worked out once per
    request and case (access_case and the page both ask)."""
    cache: dict[tuple[int, str], Reach | None] = request.__dict__.setdefault("_cpms_case_reach", {})
    key = (case.pk, case.unit_path)
    if key not in cache:
        cache[key] = _reach(request, case)
    return cache[key]


def case_perms(request: HttpRequest, case: Case) -> frozenset[Perm] | None:
    """What the viewer may do with this case; None when it is out of their reach."""
    reach = case_reach(request, case)
    return reach.perms if reach is not None else None


def access_case(request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.CASE_VIEW) -> Case:
    case = (
        Case.objects.select_related("child", "child__commune", "commune", "assigned_to")
        .filter(uid=uid)
        .first()
    )
    perms = case_perms(request, case) if case is not None else None
    if perms is None:
        refuse(request, found=False, subject_type=SUBJECT, subject_id=uid, need=need)
    elif need not in perms:
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=need)
    assert case is not None
    return case
