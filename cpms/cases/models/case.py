"""A case: one child, one episode of support and intervention (Decree 56 Chapter III)."""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.geography.models import AdminUnit
from cpms.intake.choices import Setting

from ..choices import CaseState, EventKind, ProtectionLevel

APPEND_ONLY = pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)


@pghistory.track(model_name="CaseHistoryEvent")
class Case(BaseModel):
    child = models.ForeignKey(
        "children.Child", verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        AdminUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=400, editable=False)
    protection_level = models.CharField(
        _("cấp độ bảo vệ"),
        max_length=20,
        choices=ProtectionLevel.choices,
        default=ProtectionLevel.SUPPORT,
    )
    state = models.CharField(
        _("bước xử lý"), max_length=30, choices=CaseState.choices, default=CaseState.RECEIVED
    )
    emergency = models.BooleanField(_("cần bảo vệ khẩn cấp"), default=False)
    # When the information was received: the 12-hour and working-day clocks start here.
    received_at = models.DateTimeField(_("tiếp nhận thông tin lúc"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phụ trách"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    close_reason = models.TextField(_("lý do kết thúc"), blank=True)
    concern_types = models.ManyToManyField(
        "intake.ConcernType", verbose_name=_("loại xâm hại"), related_name="+", blank=True
    )
    setting = models.CharField(
        _("môi trường xảy ra"), max_length=20, choices=Setting.choices, default=Setting.UNKNOWN
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("trường hợp")
        verbose_name_plural = _("trường hợp")
        indexes = [
            models.Index(
                fields=["unit_path", "state"],
                name="case_scope_state_idx",
                opclasses=["varchar_pattern_ops", ""],
            ),
            # Cases without an open clock, newest first (selectors_list.py).
            models.Index(fields=["-received_at", "id"], name="case_received_idx"),
        ]
        constraints = [
            choices_constraint("state", CaseState, "case_state_valid"),
            choices_constraint("protection_level", ProtectionLevel, "case_level_valid"),
            choices_constraint("setting", Setting, "case_setting_valid"),
            models.UniqueConstraint(
                fields=["child"],
                condition=~Q(state=CaseState.CLOSED),
                name="case_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} · {self.get_state_display()}"

    @property
    def is_open(self) -> bool:
        return self.state != CaseState.CLOSED


class CaseEvent(models.Model):
    """The case timeline, append-only (the database refuses UPDATE and DELETE)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="timeline")
    kind = models.CharField(_("loại"), max_length=30, choices=EventKind.choices)
    transition = models.CharField(_("bước"), max_length=40, blank=True)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("diễn biến")
        verbose_name_plural = _("diễn biến")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "at"], name="caseevent_case_at_idx")]
        constraints = [choices_constraint("kind", EventKind, "caseevent_kind_valid")]
        triggers = [APPEND_ONLY]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_kind_display()}"

    @property
    def to_state_label(self) -> str:
        return str(CaseState(self.to_state).label) if self.to_state in CaseState.values else ""


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    text = models.TextField(_("nội dung"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("ghi chú")
        verbose_name_plural = _("ghi chú")
        ordering = ["-created_at", "-pk"]
        triggers = [
            pgtrigger.Protect(
                name="note_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return self.text[:50]


@pghistory.track()
class CaseTask(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(_("việc cần làm"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("việc cần làm")
        verbose_name_plural = _("việc cần làm")
        ordering = ["done_at", "due_on", "pk"]
        indexes = [
            models.Index(
                fields=["owner", "due_on"], name="casetask_open_idx", condition=Q(done_at=None)
            )
        ]

    def __str__(self) -> str:
        return self.title
