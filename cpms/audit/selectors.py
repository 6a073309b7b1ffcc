"""Reads of the audit log: who saw or changed a record, and when."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AuditLog


def audit_trail_for(*, subject_type: str, subject_id: object) -> QuerySet[AuditLog]:
    return (
        AuditLog.objects.filter(subject_type=subject_type, subject_id=str(subject_id))
        .select_related("actor")
        .order_by("-event_time", "-id")
    )
