"""Scope filters and choice lists shared by the programme pages."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from cpms.accounts.models import User
from cpms.accounts.scope import AnyUser, unit_scope_q
from cpms.core.models import valid_on
from cpms.geography.models import AdminUnit, UnitLevel


def in_scope(viewer: AnyUser, field: str) -> Q:
    """Records whose unit path field lies in the viewer's area. Programme records are not
    about children, so aggregate grants pass here; the permissions keep them off the pages."""
    return unit_scope_q(viewer, personal=False, field=field)


def units_for(viewer: AnyUser, *, day: dt.date | None = None) -> QuerySet[AdminUnit]:
    """Units above village level in the viewer's area, in force today (form choices)."""
    return (
        AdminUnit.objects.filter(in_scope(viewer, "path"), valid_on(day or timezone.localdate()))
        .exclude(level=UnitLevel.VILLAGE)
        .order_by("path")
    )


def communes_for(viewer: AnyUser, *, day: dt.date | None = None) -> QuerySet[AdminUnit]:
    return units_for(viewer, day=day).filter(level=UnitLevel.COMMUNE).order_by("name", "pk")


def people_for(viewer: AnyUser) -> QuerySet[User]:
    """Users who hold an active role in the viewer's area (others are named in free text)."""
    today = timezone.localdate()
    q = in_scope(viewer, "memberships__scope_unit__path")
    validity = Q(memberships__valid_from__isnull=True) | Q(memberships__valid_from__lte=today)
    validity &= Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today)
    return (
        User.objects.filter(q & validity, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )
