"""Awareness-raising activities and the people they reached."""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from ..choices import ActivityKind, AudienceGroup, Sex
from .common import NO_DELETE, created_by, unit_fk


@pghistory.track()
class CampaignActivity(BaseModel):
    kind = models.CharField(_("hình thức"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("nội dung"), max_length=300)
    date = models.DateField(_("ngày thực hiện"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    unit = unit_fk(_("địa bàn"))
    description = models.TextField(_("mô tả"), blank=True)
    promoted_111 = models.BooleanField(_("có tuyên truyền Tổng đài 111"), default=False)
    promoted_provincial_hotline = models.BooleanField(
        _("có tuyên truyền đường dây nóng của tỉnh"), default=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by()

    class Meta:
        verbose_name = _("hoạt động truyền thông")
        verbose_name_plural = _("hoạt động truyền thông")
        indexes = [models.Index(fields=["date"], name="campaignactivity_date_idx")]
        constraints = [choices_constraint("kind", ActivityKind, "campaignactivity_kind_valid")]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.title} · {self.date:%d/%m/%Y}"


class AudienceCount(models.Model):
    """How many people of one group and sex an activity reached. An edit updates the row in
    place (a count set back to zero stays as a zero row: nothing is deleted)."""

    activity = models.ForeignKey(
        CampaignActivity,
        verbose_name=_("hoạt động"),
        on_delete=models.PROTECT,
        related_name="audience",
    )
    group = models.CharField(_("đối tượng"), max_length=20, choices=AudienceGroup.choices)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    count = models.PositiveIntegerField(_("số người"))

    class Meta:
        verbose_name = _("số người được tuyên truyền")
        verbose_name_plural = _("số người được tuyên truyền")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "group", "sex"], name="audiencecount_unique"
            ),
            choices_constraint("group", AudienceGroup, "audiencecount_group_valid"),
            choices_constraint("sex", Sex, "audiencecount_sex_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()} {self.get_sex_display()}: {self.count}"
