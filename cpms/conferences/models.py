"""Case conferences: an inter-agency meeting on one case, who took part, and what was decided.

Each decision becomes a case task (cases.CaseTask) so it shows on the case page and in the
owner's "my work" list; the decision row keeps the link."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel


@pghistory.track()
class CaseConference(BaseModel):
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("trường hợp"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    held_at = models.DateTimeField(_("họp lúc"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chủ trì (tài khoản)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The chair is often someone without an account (a vice-chairman of the People's
    # Committee, a police officer), hence the free text next to the optional user.
    chair_name = models.CharField(_("người chủ trì"), max_length=200, blank=True)
    minutes = models.TextField(_("nội dung cuộc họp"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("cuộc họp liên ngành")
        verbose_name_plural = _("cuộc họp liên ngành")
        ordering = ["-held_at", "-pk"]
        indexes = [models.Index(fields=["case", "held_at"], name="conference_case_idx")]

    def __str__(self) -> str:
        return f"{self.held_at:%d/%m/%Y %H:%M} {self.place}".strip()

    @property
    def chair_label(self) -> str:
        if self.chair_name:
            return self.chair_name
        return str(self.chaired_by) if self.chaired_by is not None else ""


class ConferenceParticipant(models.Model):
    conference = models.ForeignKey(
        CaseConference, on_delete=models.PROTECT, related_name="participants"
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ, vai trò"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("người tham dự")
        verbose_name_plural = _("người tham dự")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ConferenceDecision(BaseModel):
    conference = models.ForeignKey(
        CaseConference, on_delete=models.PROTECT, related_name="decisions"
    )
    text = models.CharField(_("nội dung quyết định"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("hạn"))
    task = models.OneToOneField(
        "cases.CaseTask", on_delete=models.PROTECT, related_name="conference_decision"
    )

    class Meta:
        verbose_name = _("quyết định của cuộc họp")
        verbose_name_plural = _("quyết định của cuộc họp")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text
