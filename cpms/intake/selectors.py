"""Scoped reads of reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Func, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cpms.accounts.permissions import Perm, ScopeKind
from cpms.accounts.scope import AnyUser, unit_scope_q, user_grants
from cpms.geography.models import AdminUnit, UnitLevel

from .choices import ReportStatus
from .models import ConcernType, Report, ReportChild


@dataclass(frozen=True)
class ReportFilters:
    status: str = ""


def report_scope(viewer: AnyUser) -> QuerySet[Report]:
    """Reports in the viewer's area, plus those they created when their scope is own."""
    q = Q(pk__in=[])
    area_paths = [g for g in user_grants(viewer) if Perm.REPORT_VIEW in g.perms]
    if any(g.scope == ScopeKind.AREA for g in area_paths):
        q |= unit_scope_q(viewer, personal=True, field="unit_path")
    if any(g.scope == ScopeKind.OWN for g in area_paths):
        q |= Q(created_by_id=viewer.pk)
    return Report.objects.filter(q)


def _children_count(**filters: str) -> Func:
    rows = ReportChild.objects.filter(report=OuterRef("pk"), **filters).order_by()
    return Coalesce(Subquery(rows.values("report").annotate(n=Count("pk")).values("n")), 0)


def with_row_details(reports: QuerySet[Report]) -> QuerySet[Report]:
    # Counted per shown row (subqueries), not by grouping every report of the scope: the page
    # is then read in report_list_order_idx order and stops after its 25 rows.
    return (
        reports.select_related("commune")
        .prefetch_related(
            Prefetch("concern_types", queryset=ConcernType.objects.order_by("position")),
        )
        .annotate(child_count=_children_count(), untriaged=_children_count(outcome=""))
    )


REPORT_ORDER = ("status", "-immediate_danger", "-received_at", "-pk")


def report_list_rows(*, viewer: AnyUser, filters: ReportFilters) -> QuerySet[Report]:
    """The reports of the list, in its order, without what only a shown row needs."""
    reports = report_scope(viewer)
    if filters.status in ReportStatus.values:
        reports = reports.filter(status=filters.status)
    return reports.order_by(*REPORT_ORDER)


def report_list(*, viewer: AnyUser, filters: ReportFilters) -> QuerySet[Report]:
    return with_row_details(report_list_rows(viewer=viewer, filters=filters))


def reports_sent_by(viewer: AnyUser) -> QuerySet[Report]:
    """What the viewer reported (status only: collaborators and partner agencies)."""
    return (
        Report.objects.filter(created_by_id=viewer.pk)
        .select_related("commune")
        .order_by("-received_at", "-pk")
    )


def report_children(report: Report) -> list[ReportChild]:
    return list(
        report.children.select_related("child", "child__commune", "case").order_by(
            "created_at", "pk"
        )
    )


def report_communes_for(viewer: AnyUser) -> QuerySet[AdminUnit]:
    """Communes whose inbox the viewer may send a report to: those in (or above, for a
    village collaborator) the units of their grants that allow creating reports."""
    today = timezone.localdate()
    current = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    q = Q(pk__in=[])
    for grant in user_grants(viewer):
        if Perm.REPORT_CREATE not in grant.perms:
            continue
        q |= Q(path__startswith=grant.unit_path) | Q(
            pk__in=AdminUnit.objects.filter(pk=grant.unit_id).values("parent_id")
        )
    return AdminUnit.objects.filter(q, current, level=UnitLevel.COMMUNE).order_by("name")
