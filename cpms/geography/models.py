"""Administrative units through time: a tree with validity dates and succession links."""

from __future__ import annotations

import datetime as dt

import pghistory
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint, validity_constraint


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh / thành phố trực thuộc trung ương")
    DISTRICT = "district", _("Huyện / quận / thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã / phường / đặc khu")
    VILLAGE = "village", _("Thôn / tổ dân phố")


LEVEL_DEPTH = {
    UnitLevel.PROVINCE: 0,
    UnitLevel.DISTRICT: 1,
    UnitLevel.COMMUNE: 2,
    UnitLevel.VILLAGE: 3,
}


@pghistory.track()
class AdminUnit(BaseModel):
    """One administrative unit during one period of existence.

    `code` is the official (GSO) code. A code can be reused by a successor unit after a
    reorganisation (1 July 2025), so a code alone does not identify a unit across time; the
    validity dates do. `path` is the materialised chain of primary keys from the root
    ("12/340/5671/"), which makes subtree filters a single indexed prefix match.
    """

    code = models.CharField(_("mã đơn vị hành chính"), max_length=20, blank=True)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn cây"), max_length=400, editable=False, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["code", "valid_from"], name="adminunit_code_from_idx"),
            models.Index(
                fields=["path"], name="adminunit_path_like_idx", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            validity_constraint("adminunit_valid_range"),
            choices_constraint("level", UnitLevel, "adminunit_level_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    TRANSFER = "transfer", _("Điều chỉnh địa giới")


@pghistory.track()
class AdminUnitSuccession(BaseModel):
    """`predecessor` ceased (in whole or in part) and its area passed to `successor` on `date`."""

    predecessor = models.ForeignKey(
        AdminUnit,
        verbose_name=_("đơn vị cũ"),
        on_delete=models.PROTECT,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        AdminUnit,
        verbose_name=_("đơn vị mới"),
        on_delete=models.PROTECT,
        related_name="successions_in",
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=SuccessionKind.choices)
    date = models.DateField(_("ngày có hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = _("kế thừa đơn vị hành chính")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "date"], name="succession_unique"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.date:%d/%m/%Y})"
