"""In-app notifications, their deliveries on each channel, preferences and digest runs.

The unique (notification, channel) row of Delivery is the claim: whoever inserts it sends,
so a retried or duplicated delivery task sends nothing more. The unique (user, day) row of
DigestRun does the same for the daily digest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from .choices import DeliveryState, EmailMode, KindGroup, NotificationKind


class Notification(BaseModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=40, choices=NotificationKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    subject_type = models.CharField(_("loại đối tượng"), max_length=60, blank=True)
    subject_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    dedupe_key = models.CharField(_("khóa chống trùng"), max_length=200, blank=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_dedupe_once",
            ),
            choices_constraint("kind", NotificationKind, "notification_kind_valid"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.title}"


class DigestRun(models.Model):
    """One daily digest e-mail per user and day: the unique row is the claim."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    day = models.DateField(_("ngày"))
    claimed_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    count = models.PositiveIntegerField(_("số thông báo"), default=0)

    class Meta:
        verbose_name = _("thư tổng hợp")
        verbose_name_plural = _("thư tổng hợp")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digestrun_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.day:%d/%m/%Y}"


class Delivery(models.Model):
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("thông báo"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    channel = models.CharField(_("kênh"), max_length=30)
    address = models.CharField(_("địa chỉ nhận"), max_length=254)
    state = models.CharField(_("trạng thái"), max_length=20, choices=DeliveryState.choices)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=1)
    claimed_at = models.DateTimeField(_("nhận gửi lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    digest = models.ForeignKey(
        DigestRun,
        verbose_name=_("thư tổng hợp"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliveries",
    )

    class Meta:
        verbose_name = _("lượt gửi")
        verbose_name_plural = _("lượt gửi")
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once"),
            choices_constraint("state", DeliveryState, "delivery_state_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} · {self.channel} · {self.state}"


class NotificationPreference(models.Model):
    """How one user wants one group of kinds (or, for group "all", everything by default).

    email_mode "" and a channel missing from `channels` mean: as the "all" row says."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.PROTECT,
        related_name="notification_preferences",
    )
    group = models.CharField(_("nhóm thông báo"), max_length=20, choices=KindGroup.choices)
    email_mode = models.CharField(
        _("thư điện tử"), max_length=20, choices=EmailMode.choices, blank=True
    )
    channels = models.JSONField(_("kênh khác"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cài đặt thông báo")
        verbose_name_plural = _("cài đặt thông báo")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="notificationpref_once"),
            choices_constraint("group", KindGroup, "notificationpref_group_valid"),
            choices_constraint("email_mode", EmailMode, "notificationpref_email_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_group_display()}"
