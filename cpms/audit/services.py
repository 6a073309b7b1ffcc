"""The only writer of audit rows."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from cpms.core.bulk import copy_insert

from .models import AuditEvent, AuditLog


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    event: AuditEvent,
    actor: AbstractBaseUser | AnonymousUser | None,
    request: HttpRequest | None = None,
    subject_type: str = "",
    subject_id: object = "",
    admin_unit_id: int | None = None,
    actor_label: str = "",
    extra: dict[str, Any] | None = None,
) -> AuditLog:
    """Write one audit row on the caller's connection, inside the caller's transaction.

    If the insert fails, the exception propagates and the action it records fails with it:
    there is no action without its audit row.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditLog.objects.create(
        actor_id=user.pk if user else None,
        actor_label=actor_label or (user.get_username() if user else ""),
        event_type=event,
        subject_type=subject_type,
        subject_id=str(subject_id),
        admin_unit_id=admin_unit_id,
        ip=client_ip(request),
        path=request.path[:500] if request is not None else "",
        extra_data=extra or {},
    )


def audit_read(
    request: HttpRequest,
    *,
    subject_type: str,
    subject_id: object,
    admin_unit_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditLog:
    """The read row of one record in this request, written once: a plain read of a record
    already recorded in the same request (for example by the emergency grant that let the
    viewer in, which names the grant) returns that row instead of writing a second one."""
    seen: dict[tuple[str, str], AuditLog] = request.__dict__.setdefault("_cpms_audit_reads", {})
    key = (subject_type, str(subject_id))
    if key in seen and not extra:
        return seen[key]
    row = audit_record(
        event=AuditEvent.READ,
        actor=request.user,
        request=request,
        subject_type=subject_type,
        subject_id=subject_id,
        admin_unit_id=admin_unit_id,
        extra=extra,
    )
    seen.setdefault(key, row)
    return row


def audit_record_many(
    *,
    event: AuditEvent,
    actor: AbstractBaseUser | AnonymousUser | None,
    rows: list[dict[str, Any]],
    request: HttpRequest | None = None,
    actor_label: str = "",
) -> list[AuditLog]:
    """Write one audit row per entry of `rows` with a single INSERT, inside the caller's
    transaction (same rules as `audit_record`). Each entry may hold `subject_type`,
    `subject_id`, `admin_unit_id` and `extra`."""
    user = actor if actor is not None and actor.is_authenticated else None
    label = actor_label or (user.get_username() if user else "")
    ip = client_ip(request)
    path = request.path[:500] if request is not None else ""
    return list(
        copy_insert(
            [
                AuditLog(
                    actor_id=user.pk if user else None,
                    actor_label=label,
                    event_type=event,
                    subject_type=row.get("subject_type", ""),
                    subject_id=str(row.get("subject_id", "")),
                    admin_unit_id=row.get("admin_unit_id"),
                    ip=ip,
                    path=path,
                    extra_data=row.get("extra") or {},
                )
                for row in rows
            ]
        )
    )
