"""Risk factors (configurable), screenings, the follow-up list and visits."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from ..choices import RiskLevel
from .child import Child


class RiskFactor(BaseModel):
    """A configurable risk sign. `weight` feeds the transparent screening score."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("yếu tố nguy cơ"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1)
    source = models.CharField(_("nguồn"), max_length=200, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("yếu tố nguy cơ")
        verbose_name_plural = _("yếu tố nguy cơ")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class ChildRiskFactor(BaseModel):
    child = models.ForeignKey(
        Child, verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="risk_factors"
    )
    factor = models.ForeignKey(
        RiskFactor, verbose_name=_("yếu tố nguy cơ"), on_delete=models.PROTECT, related_name="+"
    )
    observed_on = models.DateField(_("ngày ghi nhận"))
    resolved_on = models.DateField(_("ngày hết"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("yếu tố nguy cơ của trẻ")
        verbose_name_plural = _("yếu tố nguy cơ của trẻ")

    def __str__(self) -> str:
        return f"{self.child}: {self.factor}"


@pghistory.track()
class RiskScreening(BaseModel):
    """One screening: the level and the reasons that produced it, kept as they were."""

    child = models.ForeignKey(
        Child, verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="screenings"
    )
    level = models.CharField(_("mức nguy cơ"), max_length=10, choices=RiskLevel.choices)
    score = models.PositiveSmallIntegerField(_("điểm"))
    reasons = models.JSONField(_("lý do"), default=list)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    screened_at = models.DateTimeField(_("thời điểm sàng lọc"))

    class Meta:
        verbose_name = _("sàng lọc nguy cơ")
        verbose_name_plural = _("sàng lọc nguy cơ")
        get_latest_by = "screened_at"
        constraints = [choices_constraint("level", RiskLevel, "riskscreening_level_valid")]
        indexes = [models.Index(fields=["child", "-screened_at"], name="screening_child_idx")]

    def __str__(self) -> str:
        return f"{self.child}: {self.get_level_display()}"


@pghistory.track()
class FollowUp(BaseModel):
    """A child on a worker's follow-up list: a reason, a due date, done or not."""

    child = models.ForeignKey(
        Child, verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    reason = models.CharField(_("lý do"), max_length=300)
    due_on = models.DateField(_("hạn theo dõi"))
    screening = models.ForeignKey(
        RiskScreening, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("theo dõi")
        verbose_name_plural = _("theo dõi")
        indexes = [
            models.Index(
                fields=["due_on"],
                name="followup_open_due_idx",
                condition=models.Q(done_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.child}: {self.reason}"


@pghistory.track()
class Visit(BaseModel):
    """A home visit or an observation recorded (often by the village collaborator)."""

    child = models.ForeignKey(
        Child, verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("ngày thăm"))
    observation = models.TextField(_("ghi nhận"))
    concern = models.BooleanField(_("có dấu hiệu đáng lo ngại"), default=False)
    next_visit_on = models.DateField(_("lần thăm tiếp theo"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lần thăm")
        verbose_name_plural = _("lần thăm")
        indexes = [models.Index(fields=["child", "-visited_on"], name="visit_child_idx")]

    def __str__(self) -> str:
        return f"{self.child} {self.visited_on:%d/%m/%Y}"
