"""Shared pieces of the care services: audit rows, scope and version checks."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import perms_at
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.children.services import StaleEditError
from cpms.geography.models import AdminUnit

from ..access import PLACEMENT, PROVIDER
from ..models import CareProvider, Placement

__all__ = ["StaleEditError", "audit_placement", "audit_provider", "check_version", "require"]


def audit_provider(
    *, event: AuditEvent, actor: User, provider: CareProvider, extra: dict[str, Any] | None = None
) -> None:
    audit_record(
        event=event,
        actor=actor,
        subject_type=PROVIDER,
        subject_id=provider.uid,
        admin_unit_id=provider.commune_id,
        extra=extra,
    )


def audit_placement(
    *, event: AuditEvent, actor: User, placement: Placement, extra: dict[str, Any] | None = None
) -> None:
    audit_record(
        event=event,
        actor=actor,
        subject_type=PLACEMENT,
        subject_id=placement.uid,
        admin_unit_id=placement.commune_id,
        extra={"child": str(placement.child.uid), **(extra or {})},
    )


def require(actor: User, unit: AdminUnit, perm: Perm) -> None:
    """Services refuse work outside the actor's area even if a view forgot to check."""
    perms = perms_at(actor, unit.path, personal=True)
    if perms is None or perm not in perms:
        raise ValidationError(_("Đơn vị này không thuộc địa bàn hoặc quyền hạn của bạn."))


def check_version(current: int, expected: int | None) -> None:
    if expected is not None and current != expected:
        raise StaleEditError
