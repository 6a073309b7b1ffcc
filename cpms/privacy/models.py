"""Consent and legal basis per (child, processing purpose), and restriction of processing.

Nothing is deleted: a basis is withdrawn (and a new one recorded), a restriction is lifted.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from .choices import BasisKind, ConsentMethod


class ProcessingPurpose(models.Model):
    """Why a child's data is processed (reference data, seeded by a migration)."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("mục đích xử lý"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mục đích xử lý dữ liệu")
        verbose_name_plural = _("mục đích xử lý dữ liệu")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class ProcessingBasis(BaseModel):
    child = models.ForeignKey(
        "children.Child", verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.ForeignKey(
        ProcessingPurpose, verbose_name=_("mục đích"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("căn cứ"), max_length=20, choices=BasisKind.choices)
    legal_reference = models.CharField(_("điều khoản, văn bản"), max_length=300, blank=True)
    # The child's age in whole years when the basis was recorded (the 7-year rule).
    child_age = models.PositiveSmallIntegerField(_("tuổi của trẻ khi ghi nhận"))
    child_consent_on = models.DateField(_("ngày trẻ đồng ý"), null=True, blank=True)
    child_consent_method = models.CharField(
        _("hình thức trẻ đồng ý"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    representative = models.ForeignKey(
        "children.Person",
        verbose_name=_("người đại diện theo pháp luật"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    representative_consent_on = models.DateField(
        _("ngày người đại diện đồng ý"), null=True, blank=True
    )
    representative_consent_method = models.CharField(
        _("hình thức người đại diện đồng ý"),
        max_length=20,
        choices=ConsentMethod.choices,
        blank=True,
    )
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("rút lúc"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(_("lý do rút"), blank=True)

    class Meta:
        verbose_name = _("căn cứ xử lý dữ liệu")
        verbose_name_plural = _("căn cứ xử lý dữ liệu")
        ordering = ["-created_at", "-pk"]
        constraints = [
            choices_constraint("kind", BasisKind, "basis_kind_valid"),
            models.UniqueConstraint(
                fields=["child", "purpose"],
                condition=Q(withdrawn_at=None),
                name="basis_one_in_force_per_purpose",
            ),
            models.CheckConstraint(
                condition=~Q(kind=BasisKind.CONSENT)
                | (Q(representative__isnull=False) & Q(representative_consent_on__isnull=False)),
                name="basis_consent_has_representative",
            ),
            models.CheckConstraint(
                condition=~Q(kind=BasisKind.CONSENT)
                | Q(child_age__lt=7)
                | Q(child_consent_on__isnull=False),
                name="basis_consent_of_child_from_7",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at=None) | ~Q(withdrawn_reason=""),
                name="basis_withdrawn_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} · {self.get_kind_display()}"


@pghistory.track()
class ProcessingRestriction(BaseModel):
    """While in force, the child's data is kept but not shared (no new referral) or exported."""

    child = models.ForeignKey(
        "children.Child", verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("lý do hạn chế"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(_("bỏ hạn chế lúc"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lift_reason = models.TextField(_("lý do bỏ hạn chế"), blank=True)

    class Meta:
        verbose_name = _("hạn chế xử lý dữ liệu")
        verbose_name_plural = _("hạn chế xử lý dữ liệu")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(lifted_at=None), name="restriction_one_in_force"
            ),
            models.CheckConstraint(
                condition=Q(lifted_at=None) | ~Q(lift_reason=""),
                name="restriction_lifted_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return str(self.reason)[:60]


class CaseArchive(models.Model):
    """A closed case past its retention period: hidden from the case lists and read-only,
    still counted in statistics. Written only by `retention_apply`."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("trường hợp"), on_delete=models.PROTECT, related_name="archive"
    )
    archived_at = models.DateTimeField(_("lưu trữ lúc"))
    closed_at = models.DateTimeField(_("kết thúc lúc"))
    retention_years = models.PositiveSmallIntegerField(_("thời hạn lưu giữ (năm)"))

    class Meta:
        verbose_name = _("trường hợp đã lưu trữ")
        verbose_name_plural = _("trường hợp đã lưu trữ")

    def __str__(self) -> str:
        return f"{self.case_id} · {self.archived_at:%d/%m/%Y}"
