"""The audit log: who read, changed, exported or was refused what, and when.

Rows are written only by `audit_record()`, in the same transaction as the action, and the
database refuses UPDATE and DELETE on the table (trigger), so the application cannot rewrite
history. `audit` imports nothing from the domain apps: subjects are (type, id) strings.
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.TextChoices):
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOCKED_OUT = "locked_out", _("Bị khóa do đăng nhập sai nhiều lần")
    LOGOUT = "logout", _("Đăng xuất")
    READ = "read", _("Xem")
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Cập nhật")
    ARCHIVE = "archive", _("Lưu trữ")
    EXPORT = "export", _("Xuất dữ liệu")
    DENIED = "denied", _("Bị từ chối (không có quyền)")
    OUT_OF_SCOPE = "out_of_scope", _("Bị từ chối (ngoài phạm vi)")


class AuditLog(models.Model):
    event_time = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        # audit_actor_idx (actor, event_time) serves every lookup by actor; a second index
        # on the actor alone only cost a write on every insert.
        db_index=False,
    )
    actor_label = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    event_type = models.CharField(_("sự kiện"), max_length=30, choices=AuditEvent.choices)
    subject_type = models.CharField(_("loại đối tượng"), max_length=60, blank=True)
    subject_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    admin_unit_id = models.BigIntegerField(_("đơn vị hành chính"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    extra_data = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập")
        verbose_name_plural = _("nhật ký truy cập")
        ordering = ["-event_time", "-id"]
        indexes = [
            models.Index(
                fields=["subject_type", "subject_id", "event_time"], name="audit_subject_idx"
            ),
            models.Index(fields=["actor", "event_time"], name="audit_actor_idx"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="auditlog_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_time:%d/%m/%Y %H:%M} {self.actor_label} {self.event_type}"
