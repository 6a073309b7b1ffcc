"""Retention: closed cases are archived CPMS_RETENTION_YEARS_AFTER_CLOSURE years after their
closure (default 5, UNVERIFIED against the records-retention rules). Archived cases leave the
case lists and can no longer be changed; statistics still count them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record_many
from cpms.cases.choices import CaseState
from cpms.cases.models import Case

from .models import CaseArchive


def years_before(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def cases_due(now: dt.datetime | None = None) -> QuerySet[Case]:
    cutoff = years_before(now or timezone.now(), settings.CPMS_RETENTION_YEARS_AFTER_CLOSURE)
    return Case.objects.filter(
        state=CaseState.CLOSED, closed_at__lte=cutoff, archive__isnull=True
    ).order_by("closed_at", "pk")


@transaction.atomic
def retention_apply(*, apply: bool, now: dt.datetime | None = None) -> list[Case]:
    """The closed cases past the period; archived (one audit row each) when `apply`. A case
    reopened after closure is not closed, so it is never archived."""
    now = now or timezone.now()
    due = list(cases_due(now).select_for_update(of=("self",)))
    if not apply or not due:
        return due
    years = settings.CPMS_RETENTION_YEARS_AFTER_CLOSURE
    CaseArchive.objects.bulk_create(
        [
            CaseArchive(case=c, archived_at=now, closed_at=c.closed_at, retention_years=years)
            for c in due
            if c.closed_at is not None
        ]
    )
    audit_record_many(
        event=AuditEvent.ARCHIVE,
        actor=None,
        actor_label="apply_retention",
        rows=[
            {
                "subject_type": "cases.case",
                "subject_id": c.uid,
                "admin_unit_id": c.commune_id,
                "extra": {"retention_years": years},
            }
            for c in due
        ],
    )
    return due
