"""Reads of the audit log: who saw or changed a record, and when."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AuditEvent, AuditLog

# What "saw" means for "who saw this child": the record was shown or exported (refusals
# showed nothing and are listed by `audit_trail_for`).
SEEN_EVENTS = (AuditEvent.READ, AuditEvent.EXPORT)


def audit_trail_for(*, subject_type: str, subject_id: object) -> QuerySet[AuditLog]:
    return (
        AuditLog.objects.filter(subject_type=subject_type, subject_id=str(subject_id))
        .select_related("actor")
        .order_by("-event_time", "-id")
    )


def who_saw(*, subject_type: str, subject_id: object) -> QuerySet[AuditLog]:
    """Every read and export of one record, newest first, with the actor. Served by
    audit_subject_idx (subject_type, subject_id, event_time) in each monthly partition."""
    return audit_trail_for(subject_type=subject_type, subject_id=subject_id).filter(
        event_type__in=SEEN_EVENTS
    )
