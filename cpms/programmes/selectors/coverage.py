"""Training coverage: per commune, the share of its workers and collaborators trained in the
last 12 months, and who has never been trained."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from cpms.accounts.models import Membership, User
from cpms.core.models import valid_on
from cpms.geography.models import AdminUnit

from ..models import Participation
from .figures import STAFF_ROLES, activity_figures


@dataclass(frozen=True)
class CoverageRow:
    commune: AdminUnit
    staff_total: int
    staff_trained_12m: int

    @property
    def percent(self) -> int | None:
        if not self.staff_total:
            return None
        return round(100 * self.staff_trained_12m / self.staff_total)


def coverage_rows(communes: QuerySet[AdminUnit], *, day: dt.date) -> list[CoverageRow]:
    units = list(communes)
    figures = activity_figures(commune_ids=[u.pk for u in units], start=day, end=day)
    return [
        CoverageRow(
            commune=unit,
            staff_total=figures[unit.pk].staff_total,
            staff_trained_12m=figures[unit.pk].staff_trained_12m,
        )
        for unit in units
    ]


def never_trained(commune: AdminUnit, *, day: dt.date) -> QuerySet[User]:
    """Workers and collaborators of the commune active on `day` who were never present at
    any training session."""
    staff = Membership.objects.filter(
        valid_on(day),
        user=OuterRef("pk"),
        role__in=STAFF_ROLES,
        scope_unit__path__startswith=commune.path,
    )
    trained = Participation.objects.filter(user=OuterRef("pk"), present=True)
    return User.objects.filter(Exists(staff), ~Exists(trained), is_active=True).order_by(
        "full_name", "username"
    )
