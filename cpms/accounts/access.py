"""Fetch one object for a user, or refuse: 404 when out of scope (existence is not leaked),
403 when in scope but the role lacks the permission. Every refusal writes an audit row."""

from __future__ import annotations

import uuid
from typing import NoReturn

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
) -> NoReturn:
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


def check_reach(
    request: HttpRequest,
    obj: object | None,
    *,
    path: str,
    subject_type: str,
    subject_id: object,
    need: Perm,
    personal: bool,
) -> None:
    """Refuse unless `obj` exists, lies in the user's scope (by its unit `path`) and the user's
    roles there include `need`. Personal records are reached through area scope only."""
    perms = perms_at(request.user, path, personal=personal) if obj is not None else None
    if perms is None:
        refuse(request, found=False, subject_type=subject_type, subject_id=subject_id, need=need)
    elif need not in perms:
        refuse(request, found=True, subject_type=subject_type, subject_id=subject_id, need=need)


def access_unit(request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.UNIT_VIEW) -> AdminUnit:
    unit = AdminUnit.objects.select_related("parent").filter(uid=uid).first()
    check_reach(
        request,
        unit,
        path=unit.path if unit else "",
        subject_type="geography.adminunit",
        subject_id=uid,
        need=need,
        personal=False,
    )
    assert unit is not None
    return unit


def access_agency(request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.AGENCY_VIEW) -> Agency:
    agency = Agency.objects.select_related("admin_unit", "parent").filter(uid=uid).first()
    check_reach(
        request,
        agency,
        path=agency.admin_unit.path if agency else "",
        subject_type="accounts.agency",
        subject_id=uid,
        need=need,
        personal=False,
    )
    assert agency is not None
    return agency
