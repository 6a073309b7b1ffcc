"""What every programme service shares: the area check, text tidying and the audit row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.text import normalize_text

from ..access import SUBJECTS, perms_over


def require(actor: User, paths: list[str], perm: Perm) -> None:
    """Services refuse work outside the actor's area even if a view forgot to check."""
    perms = perms_over(actor, paths)
    if perms is None or perm not in perms:
        raise ValidationError(_("Việc này không thuộc địa bàn hoặc quyền hạn của bạn."))


def long_text(value: str) -> str:
    """normalize_text line by line: NFC and tidy spaces, with the line breaks kept."""
    return "\n".join(normalize_text(line) for line in value.splitlines()).strip()


def audit(
    *,
    event: AuditEvent,
    actor: User | None,
    obj: Model,
    admin_unit_id: int | None,
    extra: dict[str, Any] | None = None,
) -> None:
    audit_record(
        event=event,
        actor=actor,
        subject_type=SUBJECTS.get(type(obj), f"programmes.{obj._meta.model_name}"),
        subject_id=getattr(obj, "uid", obj.pk),
        admin_unit_id=admin_unit_id,
        extra=extra,
    )
