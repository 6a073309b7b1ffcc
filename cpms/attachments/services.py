"""Writes and downloads of attachments. Each is atomic with its audit row; the owner's
change callback (its timeline) runs in the same transaction."""

from __future__ import annotations

import hashlib
import uuid
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.text import normalize_text

from .models import Attachment
from .registry import Change, Subject, owner_of
from .storage import new_stored_name, private_storage
from .validation import check_upload

SUBJECT = "attachments.attachment"


def audit_attachment(
    *,
    event: AuditEvent,
    actor: User,
    attachment: Attachment,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    audit_record(
        event=event,
        actor=actor,
        request=request,
        subject_type=SUBJECT,
        subject_id=attachment.uid,
        admin_unit_id=attachment.admin_unit_id,
        extra={"subject": f"{attachment.subject_type}:{attachment.subject_id}", **(extra or {})},
    )


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _clean_name(name: str) -> str:
    # Kept as text only: never a path. Drop folders a browser may send and control characters.
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return normalize_text("".join(c for c in base if c.isprintable()))[:255] or "tep"


def attachment_add(
    *,
    actor: User,
    subject: Subject,
    upload: UploadedFile,
    description: str = "",
    idempotency_key: uuid.UUID | None = None,
) -> Attachment:
    """Check, store and record one file. The same idempotency key (one rendered form) gives
    back the attachment already stored instead of a second one."""
    if idempotency_key is not None:
        existing = Attachment.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    kind = check_upload(upload)
    if subject.extensions is not None and kind.extension not in subject.extensions:
        allowed = ", ".join(sorted(e.upper() for e in subject.extensions))
        raise ValidationError(
            _("Hồ sơ này chỉ nhận tệp: %(allowed)s.") % {"allowed": allowed}, code="type"
        )
    storage = private_storage()
    stored_name = storage.save(new_stored_name(kind.extension), upload)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                subject_type=subject.subject_type,
                subject_id=subject.subject_id,
                admin_unit_id=subject.admin_unit_id,
                stored_name=stored_name,
                original_name=_clean_name(upload.name or ""),
                description=normalize_text(description)[:300],
                content_type=kind.content_type,
                extension=kind.extension,
                size=upload.size or 0,
                sha256=_sha256(upload),
                uploaded_by=actor,
                idempotency_key=idempotency_key,
            )
            audit_attachment(
                event=AuditEvent.CREATE,
                actor=actor,
                attachment=attachment,
                extra={"sha256": attachment.sha256, "size": attachment.size},
            )
            _notify(actor, subject, attachment, Change.ADDED)
    except BaseException as exc:
        # Nothing refers to the file: remove it so no unrecorded file stays on disk.
        storage.delete(stored_name)
        if isinstance(exc, IntegrityError) and idempotency_key is not None:
            return Attachment.objects.get(idempotency_key=idempotency_key)
        raise
    return attachment


@transaction.atomic
def attachment_withdraw(
    *, actor: User, subject: Subject, attachment: Attachment, reason: str
) -> Attachment:
    """Take a file out of use. The row and the file stay (no hard delete)."""
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do rút tệp.")})
    locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if locked.withdrawn_at is None:
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = actor
        locked.withdrawn_reason = reason
        locked.save(
            update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason", "updated_at"]
        )
        audit_attachment(
            event=AuditEvent.ARCHIVE, actor=actor, attachment=locked, extra={"reason": reason}
        )
        _notify(actor, subject, locked, Change.WITHDRAWN)
    return locked


def attachment_open(*, actor: User, request: HttpRequest, attachment: Attachment) -> IO[bytes]:
    """The file, for a viewer the owner's access helper let through; every download is audited."""
    handle = private_storage().open(attachment.stored_name, "rb")
    audit_attachment(
        event=AuditEvent.READ,
        actor=actor,
        request=request,
        attachment=attachment,
        extra={"download": True},
    )
    return handle


def _notify(actor: User, subject: Subject, attachment: Attachment, change: Change) -> None:
    on_change = owner_of(subject.subject_type).on_change
    if on_change is not None:
        on_change(actor, subject, attachment, change)
