"""Who reaches a periodic report, and at which level.

A report is not personal data: area and aggregate grants reach it. A grant at the report's
own unit acts at the **own** level (prepares, submits, sees a commune's unprotected tables);
a grant above the unit acts at the **upper** level (reviews, approves, sees protected tables
only, and only once the report has been submitted). A unit with no parent in the system is
its own upper level. Refusals: 404 out of reach, 403 in reach without the permission, audited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import NON_PERSONAL_SCOPES, AnyUser, user_grants
from cpms.geography.models import UnitLevel

from .choices import Level
from .models import PeriodicReport, ReportExport

SUBJECT = "reports.periodicreport"
EXPORT_SUBJECT = "reports.reportexport"


@dataclass(frozen=True)
class Reach:
    own: frozenset[Perm]
    upper: frozenset[Perm]

    def at(self, level: Level) -> frozenset[Perm]:
        return self.own if level == Level.OWN else self.upper

    @property
    def perms(self) -> frozenset[Perm]:
        return self.own | self.upper


def report_reach(user: AnyUser, report: PeriodicReport) -> Reach:
    path = report.unit.path
    own: set[Perm] = set()
    upper: set[Perm] = set()
    for grant in user_grants(user):
        if grant.scope not in NON_PERSONAL_SCOPES or not grant.covers(path):
            continue
        if grant.unit_path == path:
            own |= grant.perms
        else:
            upper |= grant.perms
    if report.unit.parent_id is None:
        upper |= own
    elif report.submitted_at is None:
        upper.clear()  # a report the unit never sent is still its own work
    return Reach(frozenset(own), frozenset(upper))


def sees_unprotected(reach: Reach, report: PeriodicReport) -> bool:
    """Only a commune's own users see its tables unprotected; everything above is protected."""
    return report.unit.level == UnitLevel.COMMUNE and Perm.STAT_REPORT_VIEW in reach.own


def shown_figures(reach: Reach, report: PeriodicReport) -> list[dict[str, Any]]:
    tables = report.figures if sees_unprotected(reach, report) else report.figures_protected
    return list(tables)


def access_report(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.STAT_REPORT_VIEW
) -> tuple[PeriodicReport, Reach]:
    report = PeriodicReport.objects.select_related("unit", "unit__parent").filter(uid=uid).first()
    reach = (
        report_reach(request.user, report)
        if report is not None
        else Reach(frozenset(), frozenset())
    )
    if report is None or Perm.STAT_REPORT_VIEW not in reach.perms:
        refuse(request, found=False, subject_type=SUBJECT, subject_id=uid, need=need)
    if need not in reach.perms:
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=need)
    assert report is not None
    return report, reach


def access_export(request: HttpRequest, uid: uuid.UUID) -> ReportExport:
    """A generated file, for the person who asked for it while they still reach the report."""
    export = ReportExport.objects.select_related("report", "report__unit").filter(uid=uid).first()
    reachable = (
        export is not None
        and export.created_by_id == request.user.pk
        and Perm.STAT_REPORT_VIEW in report_reach(request.user, export.report).perms
    )
    if not reachable:
        refuse(
            request,
            found=False,
            subject_type=EXPORT_SUBJECT,
            subject_id=uid,
            need=Perm.STAT_REPORT_VIEW,
        )
    assert export is not None
    return export
