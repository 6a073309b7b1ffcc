"""Indicators as data: what is counted, how it is broken down, where the definition comes from.

The counting itself is code (cpms/stats/indicators/), named by `calculator`; everything a
ministry may change by circular (codes, names, breakdowns, age bands, periods) is a row here.
"""

from __future__ import annotations

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from .choices import PublicationPeriod

DEFAULT_AGE_BOUNDS = [0, 6, 11, 16, 18]


def default_age_bounds() -> list[int]:
    return list(DEFAULT_AGE_BOUNDS)


@pghistory.track()
class Indicator(BaseModel):
    code = models.CharField(_("mã chỉ tiêu"), max_length=20, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    definition = models.TextField(_("khái niệm, phương pháp tính"))
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=60)
    breakdowns = ArrayField(
        models.CharField(max_length=40), verbose_name=_("phân tổ"), default=list, blank=True
    )
    age_bounds = ArrayField(
        models.PositiveSmallIntegerField(),
        verbose_name=_("mốc nhóm tuổi"),
        default=default_age_bounds,
        blank=True,
        help_text=_("Ví dụ 0, 6, 11, 16, 18: các nhóm 0 – dưới 6, 6 – dưới 11, …"),
    )
    publication_period = models.CharField(
        _("kỳ công bố"), max_length=20, choices=PublicationPeriod.choices
    )
    report_kinds = ArrayField(
        models.CharField(max_length=30),
        verbose_name=_("có trong báo cáo"),
        default=list,
        blank=True,
    )
    data_source = models.CharField(_("nguồn số liệu"), max_length=300)
    legal_source = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản chính thức"),
        default=False,
        help_text=_("Bỏ chọn khi định nghĩa, phân tổ chưa được đối chiếu với văn bản gốc."),
    )
    calculator = models.CharField(_("hàm tính"), max_length=60)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chỉ tiêu thống kê")
        verbose_name_plural = _("chỉ tiêu thống kê")
        ordering = ["order", "code"]
        constraints = [
            choices_constraint("publication_period", PublicationPeriod, "indicator_period_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CubeBuildQuerySet(models.QuerySet["CubeBuild"]):
    def finished(self) -> CubeBuildQuerySet:
        """Finished builds, newest first: the first is the one the dashboard reads."""
        return self.filter(finished_at__isnull=False).order_by("-as_of")


class CubeBuild(models.Model):
    """One build of the dashboard cube (cpms/stats/cube/): the figures as they stood at
    `as_of`. Only the newest finished build is read; a build replaces the rows of the last."""

    as_of = models.DateTimeField(_("số liệu tính đến"))
    finished_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    seconds = models.FloatField(_("thời gian tổng hợp (giây)"), default=0)
    fingerprint = models.BigIntegerField(_("dấu hiệu thay đổi dữ liệu"), default=0)
    keys = ArrayField(models.CharField(max_length=120), verbose_name=_("chỉ tiêu"), default=list)
    points = models.PositiveIntegerField(_("số điểm"), default=0)

    objects = CubeBuildQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần tổng hợp số liệu")
        verbose_name_plural = _("lần tổng hợp số liệu")
        ordering = ["-as_of"]

    def __str__(self) -> str:
        return f"{self.as_of:%d/%m/%Y %H:%M}"


class CubeGroup(models.Model):
    """One cell series of an indicator's cube: a breakdown (`dim`, "" for the counted units
    themselves), a commune as it was filed, a row value and a column value."""

    key = models.CharField(max_length=120)
    dim = models.CharField(max_length=40)
    commune_id = models.BigIntegerField()
    row_value = models.TextField()
    col_value = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["key", "dim"], name="stats_cubegroup_key")]

    def __str__(self) -> str:
        return f"{self.key} {self.dim} {self.commune_id} {self.row_value} {self.col_value}"


class CubePoint(models.Model):
    """Running totals of a group up to and including `day`: units that started counting
    (received, due, entered a circumstance) and units that stopped (closed, left)."""

    group = models.ForeignKey(CubeGroup, on_delete=models.CASCADE, db_index=False)
    day = models.DateField()
    starts = models.IntegerField()
    ends = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "day"], name="stats_cubepoint_group_day")
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.starts} − {self.ends}"


class CubeChild(models.Model):
    """Children whose count depends on the period in ways running totals cannot express (two
    abuse cases, several cases, a circumstance and a case): counted live, never in the cube."""

    key = models.CharField(max_length=120)
    child_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "child_id"], name="stats_cubechild_key_child")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.child_id}"


class CubeValue(models.Model):
    """Single values kept for medians (days from receipt to the first approved plan)."""

    key = models.CharField(max_length=120)
    commune_id = models.BigIntegerField()
    day = models.DateField()
    value = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["key", "day"], name="stats_cubevalue_key_day")]

    def __str__(self) -> str:
        return f"{self.key} {self.day:%d/%m/%Y} {self.value}"
