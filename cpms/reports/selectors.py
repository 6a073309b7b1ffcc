"""Reads of periodic reports, always by the viewer's grants: the reports of the units they
work at (own level), and the reports sent up to them from below (upper level)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from cpms.accounts.permissions import Perm
from cpms.accounts.scope import NON_PERSONAL_SCOPES, AnyUser, user_grants
from cpms.geography.models import AdminUnit, UnitLevel

from .choices import ReportStatus
from .models import PeriodicReport

AWAITING_UPPER = (ReportStatus.SUBMITTED, ReportStatus.REVIEWED, ReportStatus.APPROVED)


def _paths(user: AnyUser, perm: Perm) -> tuple[set[str], set[str]]:
    """(own unit paths, subtree path prefixes) of the grants holding `perm`."""
    own: set[str] = set()
    area: set[str] = set()
    for grant in user_grants(user):
        if grant.scope in NON_PERSONAL_SCOPES and perm in grant.perms:
            own.add(grant.unit_path)
            area |= set(grant.paths or (grant.unit_path,))
    return own, area


def own_reports(user: AnyUser) -> QuerySet[PeriodicReport]:
    own, _area = _paths(user, Perm.STAT_REPORT_VIEW)
    return (
        PeriodicReport.objects.filter(unit__path__in=own)
        .select_related("unit")
        .order_by("-period_end", "kind", "unit__name")
    )


def received_reports(user: AnyUser) -> QuerySet[PeriodicReport]:
    """Reports of units below the viewer's that have been sent up at least once."""
    own, area = _paths(user, Perm.STAT_REPORT_VIEW)
    if not area:
        return PeriodicReport.objects.none()
    within = Q()
    for path in area:
        within |= Q(unit__path__startswith=path)
    return (
        PeriodicReport.objects.filter(within, submitted_at__isnull=False)
        .exclude(unit__path__in=own)
        .select_related("unit")
        .order_by("-period_end", "kind", "unit__name")
    )


def preparable_units(user: AnyUser) -> QuerySet[AdminUnit]:
    """Units the user prepares reports for: where they hold a grant with the permission, a
    commune or a higher unit (a village does not report)."""
    ids = {
        g.unit_id
        for g in user_grants(user)
        if g.scope in NON_PERSONAL_SCOPES and Perm.STAT_REPORT_PREPARE in g.perms
    }
    today = timezone.localdate()
    return (
        AdminUnit.objects.filter(pk__in=ids)
        .exclude(level=UnitLevel.VILLAGE)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("path")
    )


def is_overdue(report: PeriodicReport) -> bool:
    return report.status == ReportStatus.DRAFT and report.due_on < timezone.localdate()
