"""Scoped reads of the caregiver registry and placements, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from cpms.accounts.scope import AnyUser, unit_scope_q
from cpms.core.text import search_key
from cpms.workdays.calendar import WorkingCalendar

from .access import provider_scope_q
from .choices import OPEN_STATUSES, PlacementStatus
from .clock import ReviewDue, review_due, review_rule
from .models import CareProvider, Placement, ProviderVerification, VerificationResult


@dataclass(frozen=True)
class ProviderFilters:
    query: str = ""
    kind: str = ""
    archived: bool = False


def provider_list(*, viewer: AnyUser, filters: ProviderFilters) -> QuerySet[CareProvider]:
    providers = (
        CareProvider.objects.filter(provider_scope_q(viewer))
        .select_related("commune", "village")
        .annotate(
            placed=Count("placements", filter=Q(placements__status=PlacementStatus.ACTIVE)),
            proposed=Count("placements", filter=Q(placements__status=PlacementStatus.PROPOSED)),
            last_verified=Max("verifications__verified_on"),
        )
    )
    if not filters.archived:
        providers = providers.filter(archived_at=None)
    if filters.kind:
        providers = providers.filter(kind=filters.kind)
    if filters.query:
        providers = providers.filter(name_key__contains=search_key(filters.query))
    return providers.order_by("name_key", "pk")


def latest_verifications(provider_ids: list[int]) -> dict[int, ProviderVerification]:
    rows = (
        ProviderVerification.objects.filter(provider_id__in=provider_ids)
        .select_related("verified_by")
        .order_by("provider_id", "-verified_on", "-pk")
        .distinct("provider_id")
    )
    return {v.provider_id: v for v in rows}


def provider_detail(provider: CareProvider, viewer: AnyUser) -> dict[str, object]:
    """The caregiver's checklist history and, of its placements, those the viewer reaches
    (a facility seen from another commune shows its count, not other communes' children)."""
    verifications = list(
        provider.verifications.select_related("verified_by")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=VerificationResult.objects.select_related("item").order_by(
                    "item__order", "item__code"
                ),
            )
        )
        .order_by("-verified_on", "-pk")
    )
    placements = list(
        placement_scope(viewer)
        .filter(provider=provider)
        .select_related("child")
        .order_by("-planned_start_on", "-pk")
    )
    counts = provider.placements.aggregate(
        active=Count("pk", filter=Q(status=PlacementStatus.ACTIVE)),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
    )
    return {
        "verifications": verifications,
        "latest": verifications[0] if verifications else None,
        "placements": placements,
        "open_count": counts["open"],
        "active_count": counts["active"],
    }


def placement_scope(viewer: AnyUser) -> QuerySet[Placement]:
    return Placement.objects.filter(unit_scope_q(viewer, personal=True, field="unit_path"))


@dataclass(frozen=True)
class PlacementFilters:
    status: str = "open"
    kind: str = ""


def placement_list(*, viewer: AnyUser, filters: PlacementFilters) -> QuerySet[Placement]:
    placements = (
        placement_scope(viewer)
        .select_related("child", "provider", "commune")
        .annotate(last_review=Max("reviews__reviewed_on"))
    )
    if filters.status == "open":
        placements = placements.filter(status__in=OPEN_STATUSES)
    elif filters.status in PlacementStatus.values:
        placements = placements.filter(status=filters.status)
    if filters.kind:
        placements = placements.filter(kind=filters.kind)
    return placements.order_by("status", "-planned_start_on", "pk")


def with_review_due(
    placements: list[Placement], today: dt.date | None = None
) -> list[tuple[Placement, ReviewDue | None]]:
    """Pairs (placement, next review) with one query for the rule and one per calendar year
    range; each placement needs `last_review` annotated."""
    if not placements:
        return []
    today = today or timezone.localdate()
    rule = review_rule()
    workdays = WorkingCalendar()
    return [
        (p, review_due(p, getattr(p, "last_review", None), rule, today, workdays))
        for p in placements
    ]


def reviews_due(viewer: AnyUser, limit: int = 200) -> list[tuple[Placement, ReviewDue]]:
    """Active placements in the viewer's scope whose review is due soon or overdue."""
    active = list(
        placement_list(viewer=viewer, filters=PlacementFilters(status=PlacementStatus.ACTIVE))[
            :1000
        ]
    )
    due = [(p, d) for p, d in with_review_due(active) if d is not None and d.status != "due"]
    return sorted(due, key=lambda pair: pair[1].due_on)[:limit]
