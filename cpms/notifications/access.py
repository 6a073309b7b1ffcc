"""A notification is its recipient's alone: anyone else gets 404 (audited)."""

from __future__ import annotations

import uuid

from django.http import Http404

from cpms.accounts.http import AuthedRequest
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record

from .models import Notification

SUBJECT = "notifications.notification"


def access_notification(request: AuthedRequest, uid: uuid.UUID) -> Notification:
    notification = Notification.objects.filter(uid=uid, recipient=request.user).first()
    if notification is None:
        audit_record(
            event=AuditEvent.OUT_OF_SCOPE,
            actor=request.user,
            request=request,
            subject_type=SUBJECT,
            subject_id=uid,
        )
        raise Http404
    return notification
