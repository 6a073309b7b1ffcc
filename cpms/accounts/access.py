"""Fetch one object for a user, or refuse: 404 when out of scope (existence is not leaked),
403 when in scope but the role lacks the permission. Every refusal writes an audit row."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.geography.models import AdminUnit

from .models import Agency
from .permissions import Perm
from .scope import perms_at


def refuse(
    request: HttpRequest, *, found: bool, subject_type: str, subject_id: object, need: Perm
) -> None:
    """Record the refusal, then raise 403 (in scope) or 404 (out of scope or missing)."""
    audit_record(
        event=AuditEvent.DENIED if found else AuditEvent.OUT_OF_SCOPE,
        actor=request.user,
        request=request,
        subject_type=subject_type,
        subject_id=subject_id,
        extra={"need": str(need)},
    )
    if found:
        raise PermissionDenied
    raise Http404


def access_unit(request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.UNIT_VIEW) -> AdminUnit:
    unit = AdminUnit.objects.select_related("parent").filter(uid=uid).first()
    perms = perms_at(request.user, unit.path, personal=False) if unit else None
    if unit is None or perms is None:
        refuse(request, found=False, subject_type="geography.adminunit", subject_id=uid, need=need)
    assert unit is not None and perms is not None
    if need not in perms:
        refuse(request, found=True, subject_type="geography.adminunit", subject_id=uid, need=need)
    return unit


def access_agency(request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.AGENCY_VIEW) -> Agency:
    agency = Agency.objects.select_related("admin_unit", "parent").filter(uid=uid).first()
    perms = perms_at(request.user, agency.admin_unit.path, personal=False) if agency else None
    if agency is None or perms is None:
        refuse(request, found=False, subject_type="accounts.agency", subject_id=uid, need=need)
    assert agency is not None and perms is not None
    if need not in perms:
        refuse(request, found=True, subject_type="accounts.agency", subject_id=uid, need=need)
    return agency
