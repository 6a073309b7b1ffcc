"""What every programme service shares: the area check, text tidying and the audit row."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import ForeignKey, Model
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.exceptions import StaleEditError
from cpms.core.text import normalize_text

from ..access import SUBJECTS, perms_over

M = TypeVar("M", bound=Model)


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


def lock_version(model: type[M], obj: M, expected_version: int, *related: str) -> M:
    """The record locked for the rest of the transaction, unless someone saved it since
    `expected_version` was read (StaleEditError, which the page answers with 409)."""
    locked = (
        model._default_manager.select_for_update(of=("self",))
        .select_related(*related)
        .get(pk=obj.pk)
    )
    if getattr(locked, "version") != expected_version:  # noqa: B009 - every edited model has one
        raise StaleEditError
    return locked


def save_changes(
    *, actor: User, obj: Model, values: dict[str, Any], admin_unit_id: int | None
) -> list[str]:
    """Set the changed values, validate, bump the version and audit which fields changed.
    Nothing is written when nothing changed."""
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if not changed:
        return changed
    for name in changed:
        setattr(obj, name, values[name])
    relations = [f.name for f in obj._meta.get_fields() if isinstance(f, ForeignKey)]
    obj.full_clean(exclude=relations)
    obj.version = getattr(obj, "version") + 1  # type: ignore[attr-defined]  # noqa: B009
    fields = [f"{c}_id" if c in relations else c for c in changed]
    obj.save(update_fields=[*fields, "version", "updated_at"])
    audit(
        event=AuditEvent.UPDATE,
        actor=actor,
        obj=obj,
        admin_unit_id=admin_unit_id,
        extra={"fields": sorted(changed)},
    )
    return changed
