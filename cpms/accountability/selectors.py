"""Scoped reads of the register, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from cpms.accounts.models import Agency, User
from cpms.accounts.scope import AnyUser, scope_paths, unit_scope_q
from cpms.geography.models import AdminUnit, UnitLevel

from .choices import EntryKind, EntryStatus
from .models import AccountabilityEntry, LegalReference


@dataclass(frozen=True)
class EntryFilters:
    status: str = ""
    kind: str = ""
    commune_id: int | None = None

    @classmethod
    def from_query(cls, params: dict[str, str]) -> EntryFilters:
        status, kind, commune = (params.get(k, "") for k in ("status", "kind", "commune"))
        return cls(
            status=status if status in EntryStatus.values else "",
            kind=kind if kind in EntryKind.values else "",
            commune_id=int(commune) if commune.isdigit() else None,
        )


def entry_scope(viewer: AnyUser) -> QuerySet[AccountabilityEntry]:
    return AccountabilityEntry.objects.filter(
        unit_scope_q(viewer, personal=True, field="unit_path")
    )


def entry_list(*, viewer: AnyUser, filters: EntryFilters) -> QuerySet[AccountabilityEntry]:
    """Entries in the viewer's area, proposals waiting for a decision first, newest first."""
    entries = entry_scope(viewer).select_related(
        "commune", "case", "case__child", "report", "agency", "person"
    )
    if filters.status:
        entries = entries.filter(status=filters.status)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.commune_id is not None:
        entries = entries.filter(commune_id=filters.commune_id)
    waiting = Case(
        When(status=EntryStatus.PROPOSED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return entries.annotate(waiting=waiting).order_by("waiting", "-proposed_at", "-pk")


def communes_for(viewer: AnyUser) -> QuerySet[AdminUnit]:
    """Communes of the viewer's area (the list filter)."""
    return AdminUnit.objects.filter(
        unit_scope_q(viewer, personal=True), level=UnitLevel.COMMUNE
    ).order_by("name")


def _with_ancestors(paths: list[str]) -> set[str]:
    prefixes: set[str] = set()
    for path in paths:
        parts = [p for p in path.split("/") if p]
        prefixes |= {"".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))}
    return prefixes


def agencies_for(viewer: AnyUser) -> QuerySet[Agency]:
    """Agencies of the viewer's area and of the units above it (a provincial agency can be
    the one that failed to act on a commune's case)."""
    paths = scope_paths(viewer, personal=True)
    q = unit_scope_q(viewer, personal=True, field="admin_unit__path")
    q |= Q(admin_unit__path__in=_with_ancestors(paths))
    return Agency.objects.filter(q).select_related("admin_unit").order_by("name", "pk")


def people_for(viewer: AnyUser) -> QuerySet[User]:
    """Users who hold a role in the viewer's area (others are named in free text)."""
    q = unit_scope_q(viewer, personal=True, field="memberships__scope_unit__path")
    return User.objects.filter(q, is_active=True).distinct().order_by("full_name", "username")


def active_references() -> QuerySet[LegalReference]:
    return LegalReference.objects.filter(active=True).order_by("order", "code")


def entry_references(entry: AccountabilityEntry) -> list[LegalReference]:
    return list(entry.legal_references.order_by("order", "code"))
