"""Abuse details of a case: alleged perpetrators (restricted) and the police and court track.

Nothing here is deleted or rewritten: a record entered in error is withdrawn with a reason.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.privacy.fields import EncryptedCharField, EncryptedTextField

from ..choices import JusticeKind, PerpetratorRelation, PersonSex, ProsecutionDecision
from .case import Case

NO_DELETE = pgtrigger.Protect(name="no_delete", operation=pgtrigger.Delete)


class Withdrawable(BaseModel):
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("rút lúc"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(_("lý do rút"), blank=True)
    # A token rendered in the form: a double POST of the same form records one row.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        abstract = True


@pghistory.track()
class AllegedPerpetrator(Withdrawable):
    """A person alleged to have harmed the child. Seen only with Perm.CASE_PERPETRATOR_VIEW."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="perpetrators")
    person = models.ForeignKey(
        "children.Person",
        verbose_name=_("người thân trong hồ sơ trẻ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    full_name = EncryptedCharField(_("họ và tên"), max_length=200, blank=True)
    relationship = models.CharField(
        _("quan hệ với trẻ"),
        max_length=20,
        choices=PerpetratorRelation.choices,
        default=PerpetratorRelation.UNKNOWN,
    )
    sex = models.CharField(
        _("giới tính"), max_length=10, choices=PersonSex.choices, default=PersonSex.UNKNOWN
    )
    age = models.PositiveSmallIntegerField(_("tuổi (nếu biết)"), null=True, blank=True)
    lives_with_child = models.BooleanField(_("sống cùng trẻ"), null=True, blank=True)
    notes = EncryptedTextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("người bị cho là gây hại")
        verbose_name_plural = _("người bị cho là gây hại")
        ordering = ["created_at", "pk"]
        constraints = [
            choices_constraint("relationship", PerpetratorRelation, "perpetrator_relation_valid"),
            choices_constraint("sex", PersonSex, "perpetrator_sex_valid"),
            models.CheckConstraint(
                condition=Q(withdrawn_at=None) | ~Q(withdrawn_reason=""),
                name="perpetrator_withdrawn_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__lte=120), name="perpetrator_age_range"
            ),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return self.full_name or str(self.get_relationship_display())


@pghistory.track()
class JusticeMilestone(Withdrawable):
    """One step of the police and court track (reported, forensic, prosecution, trial,
    verdict). Which fields a kind needs is checked by the service."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="justice")
    kind = models.CharField(_("mốc"), max_length=20, choices=JusticeKind.choices)
    occurred_on = models.DateField(_("ngày"))
    unit = models.CharField(_("cơ quan, đơn vị"), max_length=300, blank=True)
    reported_by = models.CharField(_("người trình báo"), max_length=200, blank=True)
    decision = models.CharField(
        _("quyết định"), max_length=20, choices=ProsecutionDecision.choices, blank=True
    )
    number = models.CharField(_("số quyết định, bản án"), max_length=100, blank=True)
    summary = models.TextField(_("tóm tắt kết quả"), blank=True)

    class Meta:
        verbose_name = _("mốc tố tụng")
        verbose_name_plural = _("mốc tố tụng")
        ordering = ["occurred_on", "pk"]
        constraints = [
            choices_constraint("kind", JusticeKind, "justice_kind_valid"),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=ProsecutionDecision.values),
                name="justice_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind=JusticeKind.PROSECUTION) | Q(decision=""),
                name="justice_decision_only_for_prosecution",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at=None) | ~Q(withdrawn_reason=""),
                name="justice_withdrawn_has_reason",
            ),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}"
