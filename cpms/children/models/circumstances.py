"""The 14 groups of children in special circumstances (Law on Children Art. 10) as data."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel

from .child import Child


class SpecialCircumstanceGroup(BaseModel):
    """A group (parent is null, code "a".."o") or a sub-group of Decree 56/2017."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên nhóm"), max_length=300)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("nhóm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subgroups",
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhóm trẻ em có hoàn cảnh đặc biệt")
        verbose_name_plural = _("nhóm trẻ em có hoàn cảnh đặc biệt")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


@pghistory.track()
class ChildCircumstance(BaseModel):
    child = models.ForeignKey(
        Child, verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="circumstances"
    )
    group = models.ForeignKey(
        SpecialCircumstanceGroup,
        verbose_name=_("nhóm hoàn cảnh đặc biệt"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_date = models.DateField(_("từ ngày"))
    to_date = models.DateField(_("đến ngày"), null=True, blank=True)
    evidence = models.CharField(_("căn cứ xác định"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("hoàn cảnh đặc biệt của trẻ")
        verbose_name_plural = _("hoàn cảnh đặc biệt của trẻ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_date__isnull=True)
                | models.Q(to_date__gte=models.F("from_date")),
                name="childcircumstance_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child}: {self.group}"
