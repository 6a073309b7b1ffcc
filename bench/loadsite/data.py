"""Data, viewers and signed-in sessions for the load benchmarks (Django must be set up).

- `prepare(scale, seed)`: SCALE generated children (bench.generate) and 20 % of SCALE cases
  and reports (bench.stats_data), both no-ops when already there.
- `viewers()`: a commune worker of the 2025 commune with the most cases, and an area officer
  of the province (the 2025 unit and the one that ended on 30/06/2025, so cases of ended
  communes are in scope). Created once through the account services.
- `signed_in_session(user)`: a server-side session marked exactly as a password login
  followed by the second factor leaves it (docs/security.md, "Session marks").
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

WORKER = "bench-load-worker"
OFFICER = "bench-load-officer"
DATA_USER = "bench-load-data"
DEVICE_LABEL = "bench-load"  # stands for the authenticator's persistent id in the session


@dataclass(frozen=True)
class Viewers:
    worker: Any
    officer: Any
    commune: Any  # the worker's commune

    def by_name(self) -> dict[str, Any]:
        return {"worker": self.worker, "officer": self.officer}


def prepare(scale: int, seed: int) -> dict[str, int]:
    from bench.generate import generate
    from bench.stats_data import generate_cases
    from cpms.accounts.models import Agency, AgencyKind, User
    from cpms.accounts.services import agency_create, user_create
    from cpms.geography.demo import seed_demo_geography

    generate(scale, seed)
    geo = seed_demo_geography()
    user = User.objects.filter(username=DATA_USER).first() or user_create(
        actor=None, username=DATA_USER, password=None, full_name="Dữ liệu đo tải"
    )
    name = "Công an (đo tải)"
    agency = Agency.objects.filter(name=name).first() or agency_create(
        actor=None, name=name, kind=AgencyKind.POLICE, admin_unit=geo.province
    )
    return generate_cases(scale, seed, user_id=user.pk, agency_id=agency.pk)


def _member(username: str, full_name: str, grants: list[tuple[Any, str, str, Any]]) -> Any:
    from cpms.accounts.models import Agency, User
    from cpms.accounts.services import agency_create, membership_grant, user_create

    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = user_create(actor=None, username=username, password=None, full_name=full_name)
    for unit, agency_name, kind, role in grants:
        agency = Agency.objects.filter(name=agency_name, admin_unit=unit).first() or (
            agency_create(actor=None, name=agency_name, kind=kind, admin_unit=unit)
        )
        membership_grant(actor=None, user=user, agency=agency, role=role)
    return user


def viewers() -> Viewers:
    from django.db.models import Count

    from cpms.accounts.models import AgencyKind, Membership
    from cpms.accounts.permissions import Role
    from cpms.cases.models import Case
    from cpms.geography.demo import seed_demo_geography

    geo = seed_demo_geography()
    existing = Membership.objects.filter(user__username=WORKER).select_related("scope_unit")
    commune = existing[0].scope_unit if existing else None
    if commune is None:
        busiest = (
            Case.objects.filter(commune__in=list(geo.communes.values()))
            .values("commune")
            .annotate(n=Count("id"))
            .order_by("-n", "commune")
            .first()
        )
        commune = next(iter(geo.communes.values()))
        if busiest is not None:
            commune = next(c for c in geo.communes.values() if c.pk == busiest["commune"])
    worker = _member(
        WORKER,
        "Cán bộ xã (đo tải)",
        [(commune, f"UBND {commune.name} (đo tải)", AgencyKind.PEOPLES_COMMITTEE,
          Role.COMMUNE_WORKER)],
    )  # fmt: skip
    officer = _member(
        OFFICER,
        "Cán bộ tỉnh (đo tải)",
        [
            (geo.province, "Sở Y tế (đo tải)", AgencyKind.AREA_OFFICE, Role.AREA_OFFICER),
            (geo.province_legacy, "Sở LĐTBXH cũ (đo tải)", AgencyKind.AREA_OFFICE,
             Role.AREA_OFFICER),
        ],
    )  # fmt: skip
    return Viewers(worker=worker, officer=officer, commune=commune)


def signed_in_session(user: Any) -> str:
    """A new session row as django.contrib.auth.login and the code page leave it; its key."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from cpms.accounts.twofactor import mark_login, mark_verified

    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    mark_login(session)  # user_logged_in: start of the absolute lifetime
    mark_verified(session, DEVICE_LABEL)  # the code page: second factor, full authentication
    session.create()
    assert session.session_key is not None
    return session.session_key


def in_scope_case_uids(user: Any, limit: int, seed: int) -> list[str]:
    """Up to `limit` cases the user reaches by area, through the app's own scope filter."""
    from cpms.cases.selectors import case_scope

    uids = [str(u) for u in case_scope(user).order_by("pk").values_list("uid", flat=True)]
    random.Random(seed).shuffle(uids)
    return uids[:limit]
