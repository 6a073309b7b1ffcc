"""Legal clocks as data: rules (seeded from legal-framework §2), per-case deadlines, alerts."""

from __future__ import annotations

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from ..choices import AlertKind, AppliesWhen, DurationUnit, StartEvent
from .case import Case


@pghistory.track()
class DeadlineRule(BaseModel):
    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    note = models.TextField(_("ghi chú"), blank=True)
    start_event = models.CharField(_("bắt đầu tính từ"), max_length=30, choices=StartEvent.choices)
    applies_when = models.CharField(
        _("áp dụng khi"), max_length=20, choices=AppliesWhen.choices, default=AppliesWhen.ALWAYS
    )
    amount = models.PositiveIntegerField(_("thời hạn"))
    unit = models.CharField(_("đơn vị"), max_length=20, choices=DurationUnit.choices)
    stop_steps = ArrayField(
        models.CharField(max_length=40),
        verbose_name=_("bước hoàn thành (mã bước)"),
        help_text=_("Mã các bước làm dừng đồng hồ, ví dụ: draft_plan."),
    )
    remind_before_hours = models.PositiveIntegerField(_("nhắc trước hạn (giờ)"), default=24)
    escalate_after_hours = models.PositiveIntegerField(_("báo quá hạn sau (giờ)"), default=0)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("quy định thời hạn")
        verbose_name_plural = _("quy định thời hạn")
        ordering = ["code"]
        constraints = [
            choices_constraint("unit", DurationUnit, "deadlinerule_unit_valid"),
            choices_constraint("start_event", StartEvent, "deadlinerule_start_valid"),
            choices_constraint("applies_when", AppliesWhen, "deadlinerule_applies_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class CaseDeadline(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="deadlines")
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("bắt đầu tính"))
    due_at = models.DateTimeField(_("hạn"))
    remind_at = models.DateTimeField(_("nhắc lúc"))
    escalate_at = models.DateTimeField(_("báo quá hạn lúc"))
    met_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thời hạn của trường hợp")
        verbose_name_plural = _("thời hạn của trường hợp")
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "rule", "starts_at"], name="casedeadline_once"),
            models.UniqueConstraint(
                fields=["case", "rule"],
                condition=Q(met_at=None, cancelled_at=None),
                name="casedeadline_one_open_per_rule",
            ),
        ]
        indexes = [
            models.Index(
                fields=["remind_at"],
                name="casedeadline_remind_idx",
                condition=Q(met_at=None, cancelled_at=None),
            ),
            models.Index(
                fields=["escalate_at"],
                name="casedeadline_escalate_idx",
                condition=Q(met_at=None, cancelled_at=None),
            ),
            # The case list walks the open clocks in due order and keeps each case's nearest
            # (selectors_list.py): one index for the walk, one for "a nearer clock exists".
            models.Index(
                fields=["due_at", "id"],
                name="casedeadline_open_due_idx",
                condition=Q(met_at=None, cancelled_at=None),
            ),
            models.Index(
                fields=["case", "due_at", "id"],
                name="casedeadline_open_case_idx",
                condition=Q(met_at=None, cancelled_at=None),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} · {self.due_at:%d/%m/%Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.cancelled_at is None


class DeadlineAlert(models.Model):
    """One reminder or escalation per deadline: the unique constraint is the claim."""

    deadline = models.ForeignKey(CaseDeadline, on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(_("loại"), max_length=20, choices=AlertKind.choices)
    claimed_at = models.DateTimeField(_("lúc"))
    recipients = models.JSONField(_("người nhận"), default=list)

    class Meta:
        verbose_name = _("nhắc hạn")
        verbose_name_plural = _("nhắc hạn")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "kind"], name="deadlinealert_once"),
            choices_constraint("kind", AlertKind, "deadlinealert_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.deadline} · {self.get_kind_display()}"
