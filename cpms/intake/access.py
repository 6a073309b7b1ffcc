"""The one way a view fetches a report: in the viewer's area scope, or created by them when
their role's scope is own (hotline operators see the calls they logged)."""

from __future__ import annotations

import uuid

from django.http import HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm, ScopeKind
from cpms.accounts.scope import perms_at, user_grants

from .models import Report

SUBJECT = "intake.report"


def own_perms(request: HttpRequest) -> frozenset[Perm]:
    perms: set[Perm] = set()
    for grant in user_grants(request.user):
        if grant.scope == ScopeKind.OWN:
            perms |= grant.perms
    return frozenset(perms)


def report_perms(request: HttpRequest, report: Report) -> frozenset[Perm] | None:
    """What the viewer may do with this report; None when it is out of their reach."""
    area = perms_at(request.user, report.unit_path, personal=True)
    own = own_perms(request) if report.created_by_id == request.user.pk else frozenset()
    if area is None and not own:
        return None
    return (area or frozenset()) | own


def access_report(request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.REPORT_VIEW) -> Report:
    report = (
        Report.objects.select_related("commune", "received_by", "triaged_by")
        .filter(uid=uid)
        .first()
    )
    perms = report_perms(request, report) if report is not None else None
    if perms is None:
        refuse(request, found=False, subject_type=SUBJECT, subject_id=uid, need=need)
    elif need not in perms:
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=need)
    assert report is not None
    return report
