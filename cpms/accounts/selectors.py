"""Scoped reads of the directory: administrative units, agencies and their people."""

from __future__ import annotations

from django.db.models import CharField, Count, F, Func, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from cpms.core.text import search_key
from cpms.geography.models import AdminUnit, UnitLevel

from .models import Agency, Membership
from .scope import AnyUser, unit_scope_q


def unit_list(
    *, viewer: AnyUser, query: str = "", current_only: bool = True
) -> QuerySet[AdminUnit]:
    """Communes and villages in the viewer's scope, optionally matched on a name fragment."""
    units = AdminUnit.objects.filter(unit_scope_q(viewer, personal=False)).select_related("parent")
    if current_only:
        today = timezone.localdate()
        units = units.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    key = search_key(query)
    if key:
        # Search on an unaccented, lowercased key so "nghia lo" finds "Nghĩa Lộ".
        units = units.annotate(
            name_key=Lower(Func(F("name"), function="cpms_unaccent", output_field=CharField()))
        ).filter(name_key__contains=key)
    return units.order_by("path")


def unit_children(unit: AdminUnit) -> QuerySet[AdminUnit]:
    return unit.children.order_by("name")


def unit_agencies(unit: AdminUnit) -> QuerySet[Agency]:
    return Agency.objects.filter(admin_unit=unit).annotate(member_count=Count("memberships"))


def agency_members(agency: Agency) -> QuerySet[Membership]:
    return agency.memberships.select_related("user", "scope_unit").order_by("user__full_name")


def level_counts(*, viewer: AnyUser) -> dict[str, int]:
    """How many current units of each level the viewer reaches (for the home page)."""
    today = timezone.localdate()
    rows = (
        AdminUnit.objects.filter(unit_scope_q(viewer, personal=False))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .values("level")
        .annotate(n=Count("pk"))
    )
    counts = {level.value: 0 for level in UnitLevel}
    for row in rows:
        counts[row["level"]] = row["n"]
    return counts
