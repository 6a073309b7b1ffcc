"""Periodic statistical reports (issue 7) and the files generated from them.

A report belongs to one administrative unit (a commune, or a higher unit whose report sums its
communes' approved reports) and one period. Its figures are a JSON snapshot of the statistics
tables: refreshed while it is a draft, frozen from submission on, so a locked report keeps the
figures the upper level approved whatever happens to the cases later.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cpms.attachments.storage import private_storage
from cpms.core.models import BaseModel, choices_constraint
from cpms.geography.models import AdminUnit

from .choices import ReportKind, ReportStatus

_USER = settings.AUTH_USER_MODEL


def _by(name: StrOrPromise) -> Any:
    return models.ForeignKey(
        _USER, verbose_name=name, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )


class PeriodicReport(BaseModel):
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=ReportKind.choices)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    due_on = models.DateField(_("hạn gửi"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    general_situation = models.TextField(_("Tình hình chung"), blank=True)
    results = models.TextField(_("Kết quả thực hiện"), blank=True)
    difficulties = models.TextField(_("Khó khăn, vướng mắc"), blank=True)
    recommendations = models.TextField(_("Kiến nghị, đề xuất"), blank=True)
    # Lists of StatTable dicts: unprotected (shown only to a commune's own users; for a higher
    # unit the sum its own upper level adds up, never shown) and protected (small cells hidden:
    # what anyone above a commune sees, and what every generated file holds).
    figures = models.JSONField(_("số liệu"), default=list, blank=True)
    figures_protected = models.JSONField(_("số liệu đã bảo vệ ô nhỏ"), default=list, blank=True)
    figures_at = models.DateTimeField(_("số liệu tính lúc"), null=True, blank=True)
    # For an aggregate report: which lower units' reports were summed, and which were missing.
    sources = models.JSONField(_("báo cáo được tổng hợp"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    doc_number = models.PositiveIntegerField(_("số văn bản"), null=True, blank=True)
    doc_symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-UBND")
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=100, default="TM. ỦY BAN NHÂN DÂN", blank=True
    )
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100, default="CHỦ TỊCH")
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    created_by = _by(_("người tạo"))
    submitted_by = _by(_("người gửi"))
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_by = _by(_("người xem xét"))
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    approved_by = _by(_("người phê duyệt"))
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    locked_by = _by(_("người khóa sổ"))
    locked_at = models.DateTimeField(_("khóa sổ lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-period_end", "unit__path", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "period_start", "period_end"],
                name="periodicreport_one_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="periodicreport_period_order"
            ),
            choices_constraint("kind", ReportKind, "periodicreport_kind_valid"),
            choices_constraint("status", ReportStatus, "periodicreport_status_valid"),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="periodicreport_due_idx")]

    def __str__(self) -> str:
        period = f"{self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"
        return f"{self.get_kind_display()} {self.unit} {period}"

    @property
    def recipient_lines(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.recipients.splitlines() if line.strip())


class ExportFormat(models.TextChoices):
    DOCX = "docx", _("Văn bản Word (DOCX)")
    XLSX = "xlsx", _("Bảng tính Excel (XLSX)")
    PDF = "pdf", _("PDF")


class ExportStatus(models.TextChoices):
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class ReportExport(BaseModel):
    """One file generated from a report, in the background, with its progress."""

    report = models.ForeignKey(
        PeriodicReport, verbose_name=_("báo cáo"), on_delete=models.PROTECT, related_name="exports"
    )
    file_format = models.CharField(_("định dạng"), max_length=5, choices=ExportFormat.choices)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.RUNNING
    )
    steps_total = models.PositiveIntegerField(default=0)
    steps_done = models.PositiveIntegerField(default=0)
    file = models.FileField(_("tệp"), storage=private_storage, blank=True)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    created_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp báo cáo")
        verbose_name_plural = _("tệp báo cáo")
        constraints = [
            choices_constraint("file_format", ExportFormat, "reportexport_format_valid"),
            choices_constraint("status", ExportStatus, "reportexport_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.file_format})"

    @property
    def progress_percent(self) -> int:
        if not self.steps_total:
            return 0
        return min(100, round(100 * self.steps_done / self.steps_total))
