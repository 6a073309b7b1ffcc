"""Who reaches what: a user's active grants, their permissions, and their area scope.

A grant is one active membership. Area-scoped grants reach the subtree of their unit;
aggregate grants reach the area's non-personal data only; referral-scoped grants (police,
partner agencies) reach only what is referred to their agency; own-scoped grants (hotline)
reach only what the user recorded.

Grants are kept on the user object for the request and in the cache across requests, under the
database's grants version (migration accounts 0004: replaced by any change to memberships,
agencies, units or successions) and today's date (memberships and agencies have validity
dates). Reading the version is one indexed row per request; see docs/security.md.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from cpms.core.models import valid_on
from cpms.core.replica import read_alias
from cpms.geography.models import AdminUnit
from cpms.geography.selectors import rollup_sql

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
    """The user's active memberships: cached on the user object for the request, and across
    requests under the grants version and today's date."""
    if not user.is_authenticated or not user.is_active:
        return ()
    cached: tuple[Grant, ...] | None = getattr(user, "_cpms_grants", None)
    if cached is not None:
        return cached
    grants = _cached_grants(user)
    vars(user)["_cpms_grants"] = grants
    return grants


def warm_grants_cache(user: AnyUser) -> None:
    """Put the user's grants in the cache now (at login), so that the first page costs the
    statements every later one does. Nothing is kept on the user object itself."""
    if user.is_authenticated and user.is_active:
        _cached_grants(user)


def _cached_grants(user: AnyUser) -> tuple[Grant, ...]:
    """The user's grants from the cache, loaded and stored there on a miss."""
    today = timezone.localdate()
    key = _cache_key(user, today, read_alias())
    grants: tuple[Grant, ...] | None = cache.get(key) if key else None
    if grants is None:
        grants = _load_grants(user, today)
        if key:
            cache.set(key, grants, GRANTS_CACHE_SECONDS)
    return grants


GRANTS_CACHE_SECONDS = 3600
_VERSION_SQL = "SELECT version FROM accounts_grants_version WHERE id = 1"


def _cache_key(user: AnyUser, today: dt.date, alias: str) -> str | None:
    """The cache key of the user's grants now.

    The version is read before the grants, so grants stored under a version are never older
    than it. Inside a transaction that changed what grants rest on, the version read is that
    transaction's own new one, which no other transaction sees unless it commits (and, being
    random, a rolled-back version never comes back)."""
    with connections[alias].cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        row = cursor.fetchone()
    if row is None:
        return None
    return f"cpms:grants:{user.pk}:{row[0]}:{today}"


def _load_grants(user: AnyUser, today: dt.date) -> tuple[Grant, ...]:
    user_id = user.pk
    assert user_id is not None  # an authenticated user
    memberships = (
        Membership.objects.filter(valid_on(today), user_id=user_id)
        .filter(Q(agency__valid_to__isnull=True) | Q(agency__valid_to__gte=today))
        .select_related("agency", "scope_unit")
        .annotate(rolled_up=RawSQL(_rolled_up_sql(), ()))  # noqa: S611 - fixed SQL
        .order_by("pk")
    )
    return tuple(
        Grant(
            membership_id=m.pk,
            role=Role(m.role),
            scope=ROLE_SCOPE[Role(m.role)],
            agency_id=m.agency_id,
            agency_name=m.agency.name,
            unit_id=m.scope_unit_id,
            unit_name=m.scope_unit.name,
            unit_path=m.scope_unit.path,
            paths=(
                _minimal_prefixes([*m.rolled_up, m.scope_unit.path])
                if ROLE_SCOPE[Role(m.role)] in AREA_LIKE
                else ()
            ),
        )
        for m in memberships
    )


@functools.cache
def _rolled_up_sql() -> str:
    """The paths of the units rolling up into the membership's scope unit, as an array in the
    membership's own row (units_rolling_up_to, correlated): a cache miss costs one statement
    however many memberships the user has, where each area membership cost one more."""
    unit = connection.ops.quote_name(AdminUnit._meta.db_table)
    membership = connection.ops.quote_name(Membership._meta.db_table)
    walk = rollup_sql(start=f"{membership}.{connection.ops.quote_name('scope_unit_id')}")
    return f"ARRAY(SELECT x.path FROM {unit} x WHERE x.id IN ({walk}))"  # noqa: S608


AREA_LIKE = frozenset({ScopeKind.AREA, ScopeKind.AGGREGATE})


def _minimal_prefixes(paths: list[str]) -> tuple[str, ...]:
    """The fewest path prefixes covering every path given."""
    minimal: list[str] = []
    for path in sorted(set(paths)):
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
