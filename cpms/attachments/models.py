"""A file attached to a record of another app (a case, a report…), named by (type, id).

The owning app decides who may see or add files (registry.py). Rows are never deleted and
their file fields never change: an attachment is withdrawn with a reason and its file kept.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel


@pghistory.track()
class Attachment(BaseModel):
    subject_type = models.CharField(_("loại hồ sơ"), max_length=60)
    subject_id = models.UUIDField(_("mã hồ sơ"))
    admin_unit_id = models.BigIntegerField(_("đơn vị hành chính"), null=True, blank=True)
    stored_name = models.CharField(max_length=200, unique=True, editable=False)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    content_type = models.CharField(_("định dạng"), max_length=120)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("rút lúc"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(_("lý do rút"), blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["subject_type", "subject_id", "created_at"], name="attachment_subject_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_size_positive"),
            models.CheckConstraint(
                condition=Q(withdrawn_at=None) | ~Q(withdrawn_reason=""),
                name="attachment_withdrawn_has_reason",
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="attachment_no_delete", operation=pgtrigger.Delete),
            pgtrigger.ReadOnly(
                name="attachment_file_read_only",
                fields=[
                    "subject_type",
                    "subject_id",
                    "stored_name",
                    "original_name",
                    "content_type",
                    "size",
                    "sha256",
                    "uploaded_by",
                ],
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """The original name with the extension of the detected type."""
        stem = self.original_name.rsplit(".", 1)[0] or "tep"
        return f"{stem}.{self.extension}"
