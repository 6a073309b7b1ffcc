"""Systems that send reports through the API, their tokens, and what each one submitted."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.intake.choices import Channel


class Scope(models.TextChoices):
    REPORTS_CREATE = "reports:create", _("Gửi thông tin tiếp nhận")
    REPORTS_READ = "reports:read", _("Xem trạng thái thông tin đã gửi")


@pghistory.track()
class IntegrationClient(BaseModel):
    """A connected system (the national 111 hotline, a provincial hotline's software…).
    Its reports are received on behalf of its agency, by its own service account, which
    has no password and no membership: it can never sign in to the web pages."""

    name = models.CharField(_("tên hệ thống"), max_length=200, unique=True)
    agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản dịch vụ"),
        on_delete=models.PROTECT,
        related_name="integration_client",
        editable=False,
    )
    channel = models.CharField(
        _("nguồn tiếp nhận ghi trên thông tin"),
        max_length=30,
        choices=Channel.choices,
        default=Channel.INTEGRATION,
    )
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("hệ thống kết nối")
        verbose_name_plural = _("hệ thống kết nối")
        ordering = ["name"]
        constraints = [choices_constraint("channel", Channel, "integrationclient_channel_valid")]

    def __str__(self) -> str:
        return self.name


@pghistory.track(exclude=["last_used_at"])
class ApiToken(BaseModel):
    """`<prefix>.<secret>`: the prefix finds the row, only a SHA-256 of the secret is kept."""

    client = models.ForeignKey(
        IntegrationClient,
        verbose_name=_("hệ thống"),
        on_delete=models.PROTECT,
        related_name="tokens",
    )
    label = models.CharField(_("ghi chú"), max_length=200, blank=True)
    prefix = models.CharField(_("tiền tố"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = ArrayField(
        models.CharField(max_length=30, choices=Scope.choices), verbose_name=_("quyền")
    )
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        constraints = [
            models.CheckConstraint(
                condition=Q(scopes__contained_by=Scope.values), name="apitoken_scopes_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} · {self.prefix}"


class ApiSubmission(BaseModel):
    """One report created through the API under one idempotency key. A retry with the same
    key and body gives back this report; the body hash tells a retry from a different
    request that reuses the key."""

    client = models.ForeignKey(IntegrationClient, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(max_length=100)
    body_hash = models.CharField(max_length=64)
    report = models.OneToOneField(
        "intake.Report", on_delete=models.PROTECT, related_name="api_submission"
    )
    # The commune may add children while handling; the API shows only those it was sent.
    children_sent = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("thông tin gửi qua API")
        verbose_name_plural = _("thông tin gửi qua API")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "idempotency_key"], name="apisubmission_client_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} · {self.idempotency_key}"
