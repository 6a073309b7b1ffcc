"""Placements of a child in alternative care, their periodic reviews, and the review clock."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.geography.models import AdminUnit

from ..choices import (
    OPEN_STATUSES,
    DurationUnit,
    EndReason,
    PlacementKind,
    PlacementStatus,
    ReviewOutcome,
)
from .providers import CareProvider


@pghistory.track()
class ReviewRule(BaseModel):
    """How often a placement is reviewed (seeded; editable in the admin)."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    note = models.TextField(_("ghi chú"), blank=True)
    amount = models.PositiveIntegerField(_("thời hạn"))
    unit = models.CharField(_("đơn vị"), max_length=20, choices=DurationUnit.choices)
    remind_before_days = models.PositiveIntegerField(_("nhắc trước hạn (ngày)"), default=14)

    class Meta:
        verbose_name = _("quy định rà soát chăm sóc thay thế")
        verbose_name_plural = _("quy định rà soát chăm sóc thay thế")
        constraints = [choices_constraint("unit", DurationUnit, "reviewrule_unit_valid")]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Placement(BaseModel):
    child = models.ForeignKey(
        "children.Child", verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("trường hợp"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    commune = models.ForeignKey(
        AdminUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=400, editable=False)
    kind = models.CharField(_("hình thức"), max_length=20, choices=PlacementKind.choices)
    provider = models.ForeignKey(
        CareProvider,
        verbose_name=_("người nhận chăm sóc thay thế"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=20,
        choices=PlacementStatus.choices,
        default=PlacementStatus.PROPOSED,
    )
    guardian_consent = models.BooleanField(
        _("có văn bản đồng ý của cha mẹ / người giám hộ"), default=False
    )
    consent_exception = models.CharField(
        _("trường hợp không cần sự đồng ý (căn cứ)"), max_length=300, blank=True
    )
    reason = models.TextField(_("lý do cần chăm sóc thay thế"))
    planned_start_on = models.DateField(_("dự kiến bắt đầu"))
    planned_end_on = models.DateField(_("dự kiến kết thúc"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_issuer = models.CharField(
        _("cơ quan, người ký quyết định"), max_length=200, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    ended_on = models.DateField(_("ngày chấm dứt"), null=True, blank=True)
    end_reason = models.CharField(
        _("lý do chấm dứt"), max_length=30, choices=EndReason.choices, blank=True
    )
    end_note = models.TextField(_("ghi chú chấm dứt"), blank=True)
    end_decision_number = models.CharField(_("số quyết định chấm dứt"), max_length=50, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("chăm sóc thay thế")
        verbose_name_plural = _("chăm sóc thay thế")
        indexes = [
            models.Index(
                fields=["unit_path", "status"],
                name="placement_scope_idx",
                opclasses=["varchar_pattern_ops", ""],
            )
        ]
        constraints = [
            choices_constraint("kind", PlacementKind, "placement_kind_valid"),
            choices_constraint("status", PlacementStatus, "placement_status_valid"),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(status__in=OPEN_STATUSES),
                name="placement_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(planned_end_on__isnull=True)
                | Q(planned_end_on__gte=F("planned_start_on")),
                name="placement_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(ended_on__gte=F("start_on")),
                name="placement_ended_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=PlacementStatus.ACTIVE)
                | (Q(start_on__isnull=False) & ~Q(decision_number="")),
                name="placement_active_has_decision",
            ),
            models.CheckConstraint(
                condition=Q(guardian_consent=True) | ~Q(consent_exception=""),
                name="placement_consent_or_exception",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PlacementReview(BaseModel):
    """A periodic review of the child in care (Decree 56: the commune worker monitors)."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("ngày rà soát"))
    reviewer = models.CharField(_("người rà soát"), max_length=200)
    findings = models.TextField(_("kết quả theo dõi, đánh giá"))
    child_opinion = models.TextField(_("ý kiến của trẻ"), blank=True)
    outcome = models.CharField(_("đề xuất"), max_length=20, choices=ReviewOutcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("rà soát chăm sóc thay thế")
        verbose_name_plural = _("rà soát chăm sóc thay thế")
        ordering = ["-reviewed_on", "-pk"]
        constraints = [choices_constraint("outcome", ReviewOutcome, "placementreview_outcome")]

    def __str__(self) -> str:
        return f"{self.placement} · {self.reviewed_on:%d/%m/%Y}"
