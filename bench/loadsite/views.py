"""The bare reference view: session → user → one indexed row → one audit insert.

Served by the same server, middleware and database as the case page, so the ratio of their
throughputs in one run shows what the case page itself costs (quality-targets.md).
"""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.models import Case


@login_required
@require_GET
def reference(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    row = Case.objects.filter(uid=uid).values("uid", "commune_id").first()
    if row is None:
        raise Http404
    # the row the case page writes for a read (actor, address, path, subject, unit)
    audit_record(
        event=AuditEvent.READ,
        actor=request.user,
        request=request,
        subject_type="cases.case",
        subject_id=row["uid"],
        admin_unit_id=row["commune_id"],
    )
    return HttpResponse(f"{row['uid']}\n", content_type="text/plain; charset=utf-8")
