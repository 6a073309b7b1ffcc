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
