"""Reads for transfers: the communes a case may move to, and a case's transfer history."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from cpms.accounts.scope import AnyUser, unit_scope_q
from cpms.cases.models import Case
from cpms.core.models import valid_on
from cpms.geography.models import AdminUnit, UnitLevel

from .models import CaseTransfer


def destination_communes(case: Case) -> QuerySet[AdminUnit]:
    """Every commune in operation today except the case's own: a child may move anywhere in
    the country, outside the sender's scope."""
    today = timezone.localdate()
    return (
        AdminUnit.objects.filter(level=UnitLevel.COMMUNE)
        .filter(valid_on(today))
        .exclude(pk=case.commune_id)
        .select_related("parent")
        .order_by("parent__name", "name", "pk")
    )


def case_transfers(case: Case) -> list[CaseTransfer]:
    """The case's transfers, newest first (one query), for a viewer who reached the case."""
    return list(
        CaseTransfer.objects.filter(case=case)
        .select_related("from_commune", "to_commune", "transferred_by")
        .order_by("-transferred_at", "-pk")
    )


OUTGOING, INCOMING = "out", "in"


def transfer_list(*, viewer: AnyUser, direction: str) -> QuerySet[CaseTransfer]:
    """Outgoing: transfers out of the viewer's area whose read-only window is still open (after
    it, the case and the child's name are out of their reach). Incoming: transfers of the cases
    now in the viewer's area."""
    if direction == INCOMING:
        rows = CaseTransfer.objects.filter(
            unit_scope_q(viewer, personal=True, field="case__unit_path")
        )
    else:
        rows = CaseTransfer.objects.filter(
            unit_scope_q(viewer, personal=True, field="from_path"),
            from_access_until__gt=timezone.now(),
        )
    return rows.select_related(
        "case__child", "from_commune", "to_commune", "transferred_by"
    ).order_by("-transferred_at", "-pk")
