"""Adults around a child: parents, caregivers, household members, and restricted facts."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from ..choices import Relationship
from .child import Child


@pghistory.track()
class Person(BaseModel):
    full_name = models.CharField(_("họ và tên"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    occupation = models.CharField(_("nghề nghiệp"), max_length=100, blank=True)
    works_far_away = models.BooleanField(_("đi làm ăn xa"), default=False)

    class Meta:
        verbose_name = _("người thân")
        verbose_name_plural = _("người thân")

    def __str__(self) -> str:
        return self.full_name


@pghistory.track()
class FamilyLink(BaseModel):
    child = models.ForeignKey(
        Child, verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="family_links"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("người thân"), on_delete=models.PROTECT, related_name="child_links"
    )
    relationship = models.CharField(_("quan hệ"), max_length=20, choices=Relationship.choices)
    is_guardian = models.BooleanField(_("người giám hộ / chăm sóc chính"), default=False)
    lives_with_child = models.BooleanField(_("sống cùng trẻ"), default=True)
    ended_at = models.DateField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("quan hệ gia đình")
        verbose_name_plural = _("quan hệ gia đình")
        constraints = [
            choices_constraint("relationship", Relationship, "familylink_relationship_valid"),
            models.UniqueConstraint(
                fields=["child", "person", "relationship"], name="familylink_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()}) → {self.child}"


class SensitiveFactKind(models.TextChoices):
    DRUGS = "drugs", _("Liên quan đến ma túy")
    GAMBLING = "gambling", _("Liên quan đến cờ bạc")
    PROSTITUTION = "prostitution", _("Liên quan đến mại dâm")
    CRIMINAL_RECORD = "criminal_record", _("Có tiền án, tiền sự")
    VIOLENCE = "violence", _("Có hành vi bạo lực")


@pghistory.track()
class PersonSensitiveFact(BaseModel):
    """Facts about an adult seen only by roles with Perm.CHILD_SENSITIVE_VIEW."""

    person = models.ForeignKey(
        Person, verbose_name=_("người thân"), on_delete=models.PROTECT, related_name="facts"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=SensitiveFactKind.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_on = models.DateField(_("ngày ghi nhận"))
    ended_on = models.DateField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông tin nhạy cảm về người thân")
        verbose_name_plural = _("thông tin nhạy cảm về người thân")
        constraints = [choices_constraint("kind", SensitiveFactKind, "sensitivefact_kind_valid")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"
