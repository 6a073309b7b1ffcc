from __future__ import annotations

import uuid

from django.db.models import F, QuerySet

from .models import Attachment


def attachments_of(subject_type: str, subject_id: uuid.UUID) -> QuerySet[Attachment]:
    """A record's attachments, newest first, withdrawn ones included (shown struck out)."""
    return (
        Attachment.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .select_related("uploaded_by", "withdrawn_by")
        .order_by(F("withdrawn_at").asc(nulls_first=True), "-created_at", "-pk")
    )
