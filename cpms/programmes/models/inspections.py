"""Annual inspection plans, the inspections carried out and their recommendations."""

from __future__ import annotations

import datetime as dt

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from ..choices import RecommendationStatus
from .common import NO_DELETE, created_by, unit_fk, user_fk


@pghistory.track()
class InspectionPlan(BaseModel):
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    unit = unit_fk(_("cấp ban hành (địa bàn)"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by()

    class Meta:
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="inspectionplan_year_range"
            )
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


@pghistory.track()
class Inspection(BaseModel):
    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("kế hoạch"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    unit = unit_fk(_("địa bàn được kiểm tra"))
    inspected_body = models.CharField(_("cơ quan, đơn vị được kiểm tra"), max_length=300)
    date = models.DateField(_("ngày kiểm tra"))
    team = models.TextField(_("thành phần đoàn kiểm tra"))
    findings = models.TextField(_("kết quả kiểm tra"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by()

    class Meta:
        verbose_name = _("cuộc kiểm tra")
        verbose_name_plural = _("cuộc kiểm tra")
        indexes = [models.Index(fields=["date"], name="inspection_date_idx")]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.inspected_body} · {self.date:%d/%m/%Y}"


@pghistory.track()
class Recommendation(BaseModel):
    """A recommendation is followed until closed; it is overdue while open past its deadline."""

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("cuộc kiểm tra"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    text = models.TextField(_("nội dung kiến nghị"))
    owner_agency = models.CharField(_("cơ quan thực hiện"), max_length=300)
    owner_person = models.CharField(_("người chịu trách nhiệm"), max_length=200, blank=True)
    issued_on = models.DateField(_("ngày kiến nghị"))
    deadline = models.DateField(_("hạn thực hiện"))
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    closed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    closing_note = models.TextField(_("kết quả thực hiện"), blank=True)
    closed_by = user_fk(_("người xác nhận hoàn thành"))
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by()

    class Meta:
        verbose_name = _("kiến nghị sau kiểm tra")
        verbose_name_plural = _("kiến nghị sau kiểm tra")
        indexes = [models.Index(fields=["status", "deadline"], name="recommendation_open_idx")]
        constraints = [
            choices_constraint("status", RecommendationStatus, "recommendation_status_valid"),
            models.CheckConstraint(
                condition=Q(status=RecommendationStatus.OPEN, closed_on__isnull=True)
                | Q(status=RecommendationStatus.CLOSED, closed_on__isnull=False),
                name="recommendation_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("issued_on")),
                name="recommendation_deadline_after_issue",
            ),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return self.text[:80]

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == RecommendationStatus.OPEN and self.deadline < today
