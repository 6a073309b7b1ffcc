"""The child record: one row per child, found by normalised keys, never hard-deleted."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.geography.models import AdminUnit

from ..choices import DatePrecision, LivingSituation, ParentsMarital, Sex


@pghistory.track()
class Child(BaseModel):
    full_name = models.CharField(_("họ và tên"), max_length=200)
    # Search and matching keys, written only by services (cpms.children.names):
    name_key = models.CharField(_("khóa tìm kiếm tên"), max_length=200, editable=False)
    family_key = models.CharField(max_length=60, editable=False)  # "nguyen"
    family_canon = models.CharField(max_length=60, editable=False)  # Huỳnh→hoang, Võ→vu
    given_key = models.CharField(max_length=60, editable=False)  # "lan"
    birth_date = models.DateField(_("ngày sinh"))
    birth_precision = models.CharField(
        _("độ chính xác ngày sinh"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.EXACT,
    )
    birth_year = models.PositiveSmallIntegerField(editable=False)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=60, blank=True, default="Kinh")
    personal_id = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    birth_certificate_no = models.CharField(_("số giấy khai sinh"), max_length=50, blank=True)
    commune = models.ForeignKey(
        AdminUnit,
        verbose_name=_("xã, phường nơi cư trú"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    village = models.ForeignKey(
        AdminUnit,
        verbose_name=_("thôn, tổ dân phố"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # The unit path of the village (or commune): the scope filter is one indexed prefix match.
    unit_path = models.CharField(max_length=400, editable=False)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    school = models.CharField(_("trường"), max_length=200, blank=True)
    school_class = models.CharField(_("lớp"), max_length=30, blank=True)
    out_of_school = models.BooleanField(_("không đi học"), default=False)
    disability = models.CharField(_("khuyết tật"), max_length=200, blank=True)
    living_situation = models.CharField(
        _("hoàn cảnh sống"),
        max_length=20,
        choices=LivingSituation.choices,
        default=LivingSituation.BOTH_PARENTS,
    )
    parents_marital = models.CharField(
        _("tình trạng hôn nhân của cha mẹ"),
        max_length=20,
        choices=ParentsMarital.choices,
        default=ParentsMarital.UNKNOWN,
    )
    # Denormalised from the family links, for matching and search by parent name.
    mother_key = models.CharField(max_length=200, blank=True, editable=False)
    father_key = models.CharField(max_length=200, blank=True, editable=False)
    notes = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã gộp vào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )

    class Meta:
        verbose_name = _("trẻ em")
        verbose_name_plural = _("trẻ em")
        indexes = [
            models.Index(
                fields=["unit_path", "name_key"],
                name="child_scope_name_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["given_key", "birth_date"], name="child_given_birth_idx"),
            models.Index(fields=["birth_date", "commune"], name="child_birth_commune_idx"),
            models.Index(
                fields=["family_canon", "given_key", "birth_year"],
                name="child_family_given_year_idx",
            ),
            models.Index(fields=["mother_key", "birth_year"], name="child_mother_year_idx"),
            # Records whose birth date is known only by year or month (see dedup.py blocks).
            models.Index(
                fields=["family_canon", "given_key", "birth_year"],
                name="child_imprecise_birth_idx",
                condition=~Q(birth_precision="exact"),
            ),
            models.Index(
                fields=["personal_id"], name="child_pid_idx", condition=~Q(personal_id="")
            ),
            GinIndex(fields=["name_key"], name="child_name_trgm_idx", opclasses=["gin_trgm_ops"]),
            # The registry list (selectors.child_list): its order, with what its scope and
            # search filters read, so a page's ids come from the index alone.
            models.Index(
                fields=["given_key", "name_key", "birth_date", "id"],
                include=["unit_path", "mother_key", "father_key"],
                name="child_list_order_idx",
                condition=Q(archived_at__isnull=True),
            ),
            models.Index(
                fields=["village", "given_key", "name_key", "birth_date", "id"],
                include=["unit_path"],
                name="child_village_order_idx",
                condition=Q(archived_at__isnull=True),
            ),
            # Search by a parent's name: with child_name_trgm_idx, a rare name is found
            # through the trigrams of all three keys.
            GinIndex(
                fields=["mother_key"], name="child_mother_trgm_idx", opclasses=["gin_trgm_ops"]
            ),
            GinIndex(
                fields=["father_key"], name="child_father_trgm_idx", opclasses=["gin_trgm_ops"]
            ),
        ]
        constraints = [
            choices_constraint("sex", Sex, "child_sex_valid"),
            choices_constraint("birth_precision", DatePrecision, "child_birth_precision_valid"),
            choices_constraint("living_situation", LivingSituation, "child_living_valid"),
            choices_constraint("parents_marital", ParentsMarital, "child_marital_valid"),
            models.CheckConstraint(
                condition=Q(personal_id="") | Q(personal_id__regex=r"^[0-9]{12}$"),
                name="child_pid_12_digits",
            ),
            models.UniqueConstraint(
                fields=["personal_id"],
                condition=~Q(personal_id="") & Q(archived_at__isnull=True),
                name="child_pid_unique_active",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name
