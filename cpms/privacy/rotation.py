"""Key rotation: every protected value, in every table and history table, under the current
key. Values already under it are left alone, so a second run writes nothing."""

from __future__ import annotations

from collections.abc import Callable

from cryptography.fernet import Fernet
from django.apps import apps
from django.db import transaction

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record

from .fields import encrypted_fields
from .rewrite import rewrite_models, to_current_key


def protected_models() -> list[type]:
    return [m for m in apps.get_models() if encrypted_fields(m)]


def field_keys_rotate(
    *, batch_size: int = 500, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, tuple[int, int]]:
    """Re-encrypt with the current key (the first of CPMS_FIELD_KEYS); audited with the counts.
    Batches commit one by one: an interrupted run is finished by running it again."""
    done = rewrite_models(
        protected_models(), to_current_key, batch_size=batch_size, progress=progress
    )
    with transaction.atomic():
        audit_record(
            event=AuditEvent.UPDATE,
            actor=None,
            actor_label="rotate_field_keys",
            subject_type="privacy.field_keys",
            extra={"tables": {t: {"rows": s, "rewritten": w} for t, (s, w) in done.items()}},
        )
    return done


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")
