"""Who reaches what: a user's active grants, their permissions, and their area scope.

A grant is one active membership. Area-scoped grants reach the subtree of their unit;
aggregate grants reach the area's non-personal data only; referral-scoped grants (police,
partner agencies) reach only what is referred to their agency; own-scoped grants (hotline)
reach only what the user recorded. Grants are loaded once per request and cached on the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from cpms.core.models import valid_on
from cpms.geography.models import AdminUnit
from cpms.geography.selectors import units_rolling_up_to

from .models import AgencyAccessGrant, Membership
from .permissions import ROLE_PERMS, ROLE_SCOPE, Perm, Role, ScopeKind

AnyUser = AbstractBaseUser | AnonymousUser

# Which scope kinds reach an object, by whether the object holds personal data.
PERSONAL_SCOPES = frozenset({ScopeKind.AREA})
NON_PERSONAL_SCOPES = frozenset({ScopeKind.AREA, ScopeKind.AGGREGATE})


@dataclass(frozen=True)
class Grant:
    membership_id: int
    role: Role
    scope: ScopeKind
    agency_id: int
    agency_name: str
    unit_id: int
    unit_name: str
    unit_path: str
    # The unit's subtree plus the subtrees of units that merged into it (records of a commune
    # that ended on 30/06/2025 stay filed under it and are reached from its successor).
    paths: tuple[str, ...] = ()

    @property
    def perms(self) -> frozenset[Perm]:
        return ROLE_PERMS[self.role]

    def covers(self, path: str) -> bool:
        return any(path.startswith(p) for p in self.paths or (self.unit_path,))


def user_grants(user: AnyUser) -> tuple[Grant, ...]:
    """The user's active memberships, loaded with one query and cached on the user object."""
    if not user.is_authenticated or not user.is_active:
        return ()
    cached: tuple[Grant, ...] | None = getattr(user, "_cpms_grants", None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    memberships = (
        Membership.objects.filter(valid_on(today), user_id=user.pk)
        .filter(Q(agency__valid_to__isnull=True) | Q(agency__valid_to__gte=today))
        .select_related("agency", "scope_unit")
        .order_by("pk")
    )
    grants = tuple(
        Grant(
            membership_id=m.pk,
            role=Role(m.role),
            scope=ROLE_SCOPE[Role(m.role)],
            agency_id=m.agency_id,
            agency_name=m.agency.name,
            unit_id=m.scope_unit_id,
            unit_name=m.scope_unit.name,
            unit_path=m.scope_unit.path,
            paths=_rolled_up_paths(m.scope_unit) if ROLE_SCOPE[Role(m.role)] in AREA_LIKE else (),
        )
        for m in memberships
    )
    vars(user)["_cpms_grants"] = grants
    return grants


AREA_LIKE = frozenset({ScopeKind.AREA, ScopeKind.AGGREGATE})


def _rolled_up_paths(unit: AdminUnit) -> tuple[str, ...]:
    """Minimal path prefixes covering the unit and every unit that rolls up into it."""
    paths = sorted(set(units_rolling_up_to(unit).values_list("path", flat=True)) | {unit.path})
    minimal: list[str] = []
    for path in paths:
        if not any(path.startswith(prefix) for prefix in minimal):
            minimal.append(path)
    return tuple(minimal)


def user_perms(user: AnyUser) -> frozenset[Perm]:
    """Every permission the user holds somewhere (what the navigation may offer)."""
    perms: set[Perm] = set()
    for grant in user_grants(user):
        perms |= grant.perms
    return frozenset(perms)


def covering_grants(user: AnyUser, path: str, *, personal: bool) -> list[Grant]:
    scopes = PERSONAL_SCOPES if personal else NON_PERSONAL_SCOPES
    return [g for g in user_grants(user) if g.scope in scopes and g.covers(path)]


def perms_at(user: AnyUser, path: str, *, personal: bool) -> frozenset[Perm] | None:
    """Permissions the user holds over an object at unit `path`; None when out of scope."""
    grants = covering_grants(user, path, personal=personal)
    if not grants:
        return None
    perms: set[Perm] = set()
    for grant in grants:
        perms |= grant.perms
    return frozenset(perms)


def scope_paths(user: AnyUser, *, personal: bool) -> list[str]:
    """The unit paths whose subtrees the user reaches: a record is in scope when its unit
    path starts with one of them."""
    scopes = PERSONAL_SCOPES if personal else NON_PERSONAL_SCOPES
    return sorted({p for g in user_grants(user) if g.scope in scopes for p in g.paths})


def unit_scope_q(user: AnyUser, *, personal: bool, field: str = "path") -> Q:
    """A filter on a unit path field (e.g. "admin_unit__path") matching the user's scope."""
    paths = scope_paths(user, personal=personal)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def scope_units(user: AnyUser, *, personal: bool = True) -> QuerySet[AdminUnit]:
    """The administrative units (subtrees of the user's grants) the user reaches."""
    return AdminUnit.objects.filter(unit_scope_q(user, personal=personal))


def _active_referral_grants(user: AnyUser, subject_type: str) -> QuerySet[AgencyAccessGrant]:
    agencies = {g.agency_id for g in user_grants(user) if g.scope == ScopeKind.REFERRAL}
    now = timezone.now()
    return AgencyAccessGrant.objects.filter(
        agency_id__in=agencies,
        subject_type=subject_type,
        revoked_at__isnull=True,
        valid_from__lte=now,
        valid_until__gt=now,
    )


def referral_grant(
    user: AnyUser, *, subject_type: str, subject_id: object
) -> AgencyAccessGrant | None:
    """The active grant through which a referral-scoped user reaches one record, if any."""
    return (
        _active_referral_grants(user, subject_type)
        .filter(subject_id=str(subject_id))
        .order_by("-valid_until")
        .first()
    )


def referral_subject_ids(user: AnyUser, *, subject_type: str) -> QuerySet[AgencyAccessGrant, str]:
    """Ids (as strings) of the records of one type referred to the user's agencies, for lists."""
    return _active_referral_grants(user, subject_type).values_list("subject_id", flat=True)
