"""Who may import where, and fetching one spreadsheet job for the person who started it."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm, ScopeKind
from cpms.accounts.scope import AnyUser, user_grants
from cpms.geography.models import AdminUnit, UnitLevel

from ..models import JobKind, SpreadsheetJob

SUBJECT = "children.spreadsheetjob"


def import_communes(user: AnyUser) -> QuerySet[AdminUnit]:
    """Current communes the user may import a book into: those wholly inside an area grant
    that carries CHILD_EDIT. A collaborator's grant covers one village, not a commune, so a
    collaborator fills in the template and hands it to the commune."""
    paths = sorted(
        {
            g.unit_path
            for g in user_grants(user)
            if g.scope == ScopeKind.AREA and Perm.CHILD_EDIT in g.perms
        }
    )
    if not paths:
        return AdminUnit.objects.none()
    within = Q()
    for path in paths:
        within |= Q(path__startswith=path)
    today = timezone.localdate()
    return (
        AdminUnit.objects.filter(within, level=UnitLevel.COMMUNE)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("name")
    )


def access_job(request: HttpRequest, uid: uuid.UUID, *, kind: str, need: Perm) -> SpreadsheetJob:
    """The job, if the signed-in user started it; otherwise 404 (audited), whoever asks.

    An import job also needs its commune to be still within the user's import communes.
    """
    job = (
        SpreadsheetJob.objects.select_related("commune", "created_by")
        .filter(uid=uid, kind=kind)
        .first()
    )
    reachable = job is not None and job.created_by_id == request.user.pk
    if reachable and job is not None and kind == JobKind.IMPORT:
        communes = import_communes(request.user)
        reachable = job.commune_id is not None and communes.filter(pk=job.commune_id).exists()
    if not reachable:
        refuse(request, found=False, subject_type=SUBJECT, subject_id=uid, need=need)
    assert job is not None
    return job


def my_jobs(user: AnyUser, *, kind: str, limit: int = 20) -> list[SpreadsheetJob]:
    return list(
        SpreadsheetJob.objects.filter(created_by_id=user.pk, kind=kind)
        .select_related("commune")
        .order_by("-created_at")[:limit]
    )
