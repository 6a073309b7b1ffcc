"""The registry of alternative caregivers and the Law Art. 63 eligibility checklist as data."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.geography.models import AdminUnit

from ..choices import ItemAppliesTo, ProviderKind


@pghistory.track()
class EligibilityItem(BaseModel):
    """One condition a caregiver must meet (seeded from Law on Children Art. 63; wording
    partly UNVERIFIED, editable in the admin)."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    text = models.CharField(_("điều kiện"), max_length=400)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200)
    note = models.TextField(_("ghi chú"), blank=True)
    applies_to = models.CharField(_("áp dụng cho"), max_length=20, choices=ItemAppliesTo.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("điều kiện nhận chăm sóc thay thế")
        verbose_name_plural = _("điều kiện nhận chăm sóc thay thế")
        ordering = ["applies_to", "order", "code"]
        constraints = [choices_constraint("applies_to", ItemAppliesTo, "eligibility_applies_valid")]

    def __str__(self) -> str:
        return self.text


@pghistory.track()
class CareProvider(BaseModel):
    """An individual, a family or a social-assistance facility registered to give care."""

    kind = models.CharField(_("loại"), max_length=20, choices=ProviderKind.choices)
    name = models.CharField(_("họ tên / tên cơ sở"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    representative = models.CharField(_("người đại diện"), max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    commune = models.ForeignKey(
        AdminUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        AdminUnit,
        verbose_name=_("thôn, tổ dân phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_path = models.CharField(max_length=400, editable=False)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField(_("số trẻ có thể nhận"), default=1)
    registered_on = models.DateField(_("ngày đăng ký"))
    notes = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    archived_at = models.DateTimeField(_("ngừng nhận lúc"), null=True, blank=True)
    archive_reason = models.CharField(_("lý do ngừng"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("người nhận chăm sóc thay thế")
        verbose_name_plural = _("người nhận chăm sóc thay thế")
        indexes = [
            models.Index(
                fields=["unit_path", "name_key"],
                name="careprovider_scope_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            )
        ]
        constraints = [
            choices_constraint("kind", ProviderKind, "careprovider_kind_valid"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="careprovider_capacity"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def applies_to(self) -> str:
        if self.kind == ProviderKind.FACILITY:
            return ItemAppliesTo.FACILITY
        return ItemAppliesTo.PERSON


class ProviderVerification(BaseModel):
    """One verification of the checklist (Mẫu 11); the latest one decides eligibility."""

    provider = models.ForeignKey(
        CareProvider, on_delete=models.PROTECT, related_name="verifications"
    )
    verified_on = models.DateField(_("ngày xác minh"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác minh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    eligible = models.BooleanField(_("đủ điều kiện"))
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("xác minh điều kiện")
        verbose_name_plural = _("xác minh điều kiện")
        ordering = ["-verified_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.provider} · {self.verified_on:%d/%m/%Y}"


class VerificationResult(models.Model):
    verification = models.ForeignKey(
        ProviderVerification, on_delete=models.PROTECT, related_name="results"
    )
    item = models.ForeignKey(EligibilityItem, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(_("đáp ứng"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kết quả từng điều kiện")
        verbose_name_plural = _("kết quả từng điều kiện")
        constraints = [
            models.UniqueConstraint(fields=["verification", "item"], name="verification_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.met}"
