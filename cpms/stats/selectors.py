"""Reads behind the dashboard: which units a viewer may pick, whether figures leave the
commune (and so are protected), and the tables themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from cpms.accounts.permissions import Perm, ScopeKind
from cpms.accounts.scope import AnyUser, scope_units, user_grants
from cpms.core.models import valid_on
from cpms.core.replica import replica_reads
from cpms.geography.models import AdminUnit, UnitLevel

from .cube import CubeState, current_cube
from .indicators import compute_tables
from .models import Indicator
from .rollup import load_area
from .tables import StatTable

PICKABLE_LEVELS = (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE)


def stats_units(viewer: AnyUser) -> QuerySet[AdminUnit]:
    """Units the viewer may pick on the dashboard: in reach of a grant with Perm.STATS_VIEW,
    valid today, above village level."""
    paths = [g.paths or (g.unit_path,) for g in user_grants(viewer) if Perm.STATS_VIEW in g.perms]
    if not paths:
        return AdminUnit.objects.none()
    today = timezone.localdate()
    return (
        scope_units(viewer, personal=False)
        .filter(valid_on(today), level__in=PICKABLE_LEVELS)
        .order_by("path")
    )


def default_unit(viewer: AnyUser) -> AdminUnit | None:
    grant = next((g for g in user_grants(viewer) if Perm.STATS_VIEW in g.perms), None)
    return AdminUnit.objects.filter(pk=grant.unit_id).first() if grant else None


def figures_leave_commune(viewer: AnyUser, unit: AdminUnit) -> bool:
    """True unless the unit is a commune and the viewer works there (an area grant on that very
    commune): anything shown above commune level, or to an aggregate-only viewer, is protected."""
    if unit.level != UnitLevel.COMMUNE:
        return True
    return not any(
        g.scope == ScopeKind.AREA and g.unit_id == unit.pk and Perm.STATS_VIEW in g.perms
        for g in user_grants(viewer)
    )


def unit_communes(unit: AdminUnit) -> list[int]:
    """The communes of the unit's subtree, as they are on the last day the unit exists (today
    for a current unit); their predecessors are rolled in by rollup.load_area."""
    if unit.level == UnitLevel.COMMUNE:
        return [unit.pk]
    day = unit.valid_to or timezone.localdate()
    return list(
        AdminUnit.objects.filter(
            valid_on(day), path__startswith=unit.path, level=UnitLevel.COMMUNE
        ).values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class Dashboard:
    unit: AdminUnit
    start: dt.date
    end: dt.date
    protected: bool
    as_they_were: bool
    tables: list[StatTable]
    # When the figures come from the cube: the moment they stood at (None: live figures).
    as_of: dt.datetime | None = None


def dashboard_cube(unit: AdminUnit) -> CubeState | None:
    """The cube serves every unit above a commune; a commune's own figures stay live, so that
    the people entering the data see it counted at once."""
    if unit.level == UnitLevel.COMMUNE:
        return None
    return current_cube()


def dashboard_tables(
    *,
    unit: AdminUnit,
    start: dt.date,
    end: dt.date,
    protect: bool,
    as_they_were: bool = False,
    indicators: Iterable[Indicator] | None = None,
    cube: CubeState | None = None,
) -> list[StatTable]:
    """Every active indicator's tables for the unit (the dashboard's computation path),
    read from the streaming replica when one is configured (cpms/core/replica.py); from the
    cube where it has the indicator, when one is given."""
    with replica_reads():
        area = load_area(unit_communes(unit), as_they_were=as_they_were)
        if indicators is None:
            indicators = list(Indicator.objects.filter(active=True).exclude(calculator=""))
        return compute_tables(
            indicators,
            area=area,
            start=start,
            end=end,
            protect=protect,
            skip_single_commune=True,
            cube=cube,
        )


def dashboard(
    *, viewer: AnyUser, unit: AdminUnit, start: dt.date, end: dt.date, as_they_were: bool
) -> Dashboard:
    protect = figures_leave_commune(viewer, unit)
    with replica_reads():
        cube = dashboard_cube(unit)
    return Dashboard(
        unit=unit,
        start=start,
        end=end,
        protected=protect,
        as_they_were=as_they_were,
        tables=dashboard_tables(
            unit=unit,
            start=start,
            end=end,
            protect=protect,
            as_they_were=as_they_were,
            cube=cube,
        ),
        as_of=cube.as_of if cube else None,
    )
