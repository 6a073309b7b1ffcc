"""The directive register (issue 6): directives split into clauses, each clause assigned to
agencies that file a progress report per reporting period, and the documents they cite."""

from __future__ import annotations

from typing import Any

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cpms.accounts.models import Agency
from cpms.core.models import BaseModel, choices_constraint
from cpms.geography.models import AdminUnit

from .choices import DirectiveStatus, DocumentKind, ReportStatus, Schedule

NO_DELETE = pgtrigger.Protect(name="no_delete", operation=pgtrigger.Delete)


def _by(label: StrOrPromise) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


@pghistory.track()
class LegalReference(BaseModel):
    """A document a directive cites (Nghị quyết 121/2020/QH14, Chỉ thị 18/CT-TTg …)."""

    kind = models.CharField(_("loại văn bản"), max_length=30, choices=DocumentKind.choices)
    symbol = models.CharField(_("số, ký hiệu"), max_length=100)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300)
    title = models.CharField(_("trích yếu"), max_length=500)
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("văn bản được dẫn chiếu")
        verbose_name_plural = _("văn bản được dẫn chiếu")
        ordering = ["issued_on", "symbol"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol", "issuer", "issued_on"],
                name="directives_reference_unique",
                nulls_distinct=False,
            ),
            choices_constraint("kind", DocumentKind, "directives_reference_kind_valid"),
        ]

    def __str__(self) -> str:
        day = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"{self.get_kind_display()} số {self.symbol}{day}"


@pghistory.track()
class Directive(BaseModel):
    """A directive (công văn, chỉ thị, kế hoạch …) whose clauses are followed up. The number
    may be blank (a draft such as the seed letter); `effective_from` is when reporting starts."""

    kind = models.CharField(_("loại văn bản"), max_length=30, choices=DocumentKind.choices)
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True)
    issuer_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issuer_name = models.CharField(_("tên cơ quan ban hành"), max_length=300)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    subject = models.CharField(_("trích yếu"), max_length=500)
    body = models.TextField(_("nội dung"), blank=True)
    issuing_unit = models.ForeignKey(
        AdminUnit, verbose_name=_("địa bàn ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    # The issuing unit's path: the scope filter is one indexed prefix match.
    unit_path = models.CharField(max_length=400, editable=False)
    lead_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan theo dõi, tổng hợp"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=20,
        choices=DirectiveStatus.choices,
        default=DirectiveStatus.IN_FORCE,
    )
    effective_from = models.DateField(_("thực hiện từ ngày"))
    references = models.ManyToManyField(
        LegalReference, verbose_name=_("văn bản dẫn chiếu"), related_name="directives", blank=True
    )
    created_by = _by(_("người tạo"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["-effective_from", "-pk"]
        indexes = [
            models.Index(
                fields=["unit_path"], name="directive_scope_idx", opclasses=["varchar_pattern_ops"]
            )
        ]
        constraints = [
            choices_constraint("kind", DocumentKind, "directive_kind_valid"),
            choices_constraint("status", DirectiveStatus, "directive_status_valid"),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.number_symbol} · {self.subject}"

    @property
    def number_symbol(self) -> str:
        """'5976/UBND-NC', or '…/UBND-VX' while the number is blank."""
        return f"{self.number or '…'}/{self.symbol}"


@pghistory.track()
class DirectiveClause(BaseModel):
    """One clause ("1.2"). `figure_keys` names the figures (figures.py) its reports show."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="clauses"
    )
    number = models.CharField(_("mục"), max_length=20)
    text = models.TextField(_("nội dung"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    figure_keys = models.JSONField(_("số liệu liên quan"), default=list, blank=True)

    class Meta:
        verbose_name = _("nội dung chỉ đạo")
        verbose_name_plural = _("nội dung chỉ đạo")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "number"], name="clause_number_unique")
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


@pghistory.track()
class ClauseAssignment(BaseModel):
    """A clause given to an agency (a department, the police, a commune's People's Committee),
    with how often it reports. Reporting periods are computed (periods.py), not stored."""

    clause = models.ForeignKey(
        DirectiveClause,
        verbose_name=_("nội dung chỉ đạo"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    # The agency's unit path: whose area the assignment lies in, and the figures' area.
    unit_path = models.CharField(max_length=400, editable=False)
    is_lead = models.BooleanField(_("chủ trì"), default=False)
    schedule = models.CharField(
        _("kỳ báo cáo"), max_length=20, choices=Schedule.choices, default=Schedule.SEMIANNUAL
    )
    starts_on = models.DateField(_("báo cáo từ ngày"))
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    due_days = models.PositiveSmallIntegerField(_("hạn gửi báo cáo (số ngày sau kỳ)"), default=10)
    active = models.BooleanField(_("đang giao"), default=True)
    created_by = _by(_("người giao"))

    class Meta:
        verbose_name = _("phân công thực hiện")
        verbose_name_plural = _("phân công thực hiện")
        ordering = ["-is_lead", "agency__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "agency"], condition=Q(active=True), name="assignment_once"
            ),
            choices_constraint("schedule", Schedule, "assignment_schedule_valid"),
            models.CheckConstraint(
                condition=~Q(schedule=Schedule.ONE_OFF) | Q(deadline__isnull=False),
                name="assignment_one_off_deadline",
            ),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.clause.number} · {self.agency}"


@pghistory.track()
class ProgressReport(BaseModel):
    """One agency's report on one clause for one period. `figures` is the snapshot of the
    pre-filled figures taken when it was submitted; once submitted it is read-only."""

    assignment = models.ForeignKey(
        ClauseAssignment,
        verbose_name=_("phân công"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    figures = models.JSONField(_("số liệu"), default=dict, blank=True)
    narrative = models.TextField(_("kết quả thực hiện"), blank=True)
    created_by = _by(_("người lập"))
    submitted_by = _by(_("người gửi"))
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["period_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "period_start"], name="progressreport_once"
            ),
            choices_constraint("status", ReportStatus, "progressreport_status_valid"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="progressreport_period",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.SUBMITTED) | Q(submitted_at__isnull=False),
                name="progressreport_submitted_at",
            ),
        ]
        triggers = [NO_DELETE]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.period_start:%d/%m/%Y}"
