"""Emergency access ("break the glass"): a staff user outside a case's area reads it, and
its child's file, for a few hours after stating why. Rows are never deleted; a grant ends
by expiry or revocation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel
from cpms.geography.models import AdminUnit

REASON_MIN_LENGTH = 30


class EmergencyAccess(BaseModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người truy cập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("trường hợp"), on_delete=models.PROTECT, related_name="+"
    )
    child = models.ForeignKey(
        "children.Child", verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        AdminUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    # The case's unit path when the grant was given: who may list and revoke it.
    unit_path = models.CharField(max_length=400, editable=False)
    reason = models.TextField(_("lý do"))
    granted_at = models.DateTimeField(_("cấp lúc"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("truy cập khẩn cấp")
        verbose_name_plural = _("truy cập khẩn cấp")
        ordering = ["-granted_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "case", "expires_at"], name="emergency_user_case_idx"),
            models.Index(fields=["user", "child", "expires_at"], name="emergency_user_child_idx"),
            models.Index(
                fields=["unit_path", "granted_at"],
                name="emergency_scope_idx",
                opclasses=["varchar_pattern_ops", ""],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("granted_at")), name="emergency_expires_after_grant"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_by__isnull=False),
                name="emergency_revoked_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.granted_at:%d/%m/%Y %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
