"""Reads of the call log, always limited to the operator's own calls."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from cpms.accounts.scope import AnyUser

from .choices import CallType
from .models import Call, CallChild


@dataclass(frozen=True)
class CallFilters:
    call_type: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def call_scope(viewer: AnyUser) -> QuerySet[Call]:
    if not viewer.is_authenticated:
        return Call.objects.none()
    return Call.objects.filter(created_by_id=viewer.pk)


def _filtered(viewer: AnyUser, filters: CallFilters) -> QuerySet[Call]:
    calls = call_scope(viewer)
    if filters.date_from is not None:
        calls = calls.filter(received_at__date__gte=filters.date_from)
    if filters.date_to is not None:
        calls = calls.filter(received_at__date__lte=filters.date_to)
    return calls


def call_list(*, viewer: AnyUser, filters: CallFilters) -> QuerySet[Call]:
    calls = _filtered(viewer, filters)
    if filters.call_type in CallType.values:
        calls = calls.filter(call_type=filters.call_type)
    return (
        calls.select_related("report", "report__commune")
        .annotate(child_count=Count("children"))
        .order_by("-received_at", "-pk")
    )


def call_counts_by_type(*, viewer: AnyUser, filters: CallFilters) -> list[tuple[str, str, int]]:
    """(type, label, count) for every call type over the filtered dates (one query)."""
    rows = _filtered(viewer, filters).values("call_type").annotate(n=Count("pk"))
    counts = {row["call_type"]: row["n"] for row in rows}
    return [(value, str(label), counts.get(value, 0)) for value, label in CallType.choices]


def call_children(call: Call) -> list[CallChild]:
    return list(call.children.order_by("created_at", "pk"))
