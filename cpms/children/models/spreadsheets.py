"""Persisted spreadsheet imports and exports: run outside the request, with progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint
from cpms.geography.models import AdminUnit


class JobKind(models.TextChoices):
    IMPORT = "import", _("Nhập từ tệp")
    EXPORT = "export", _("Xuất ra tệp")


class JobStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Đã tải lên")
    VALIDATING = "validating", _("Đang kiểm tra")
    VALIDATED = "validated", _("Đã kiểm tra, chờ xác nhận")
    IMPORTING = "importing", _("Đang nhập")
    RUNNING = "running", _("Đang xử lý")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")
    CANCELLED = "cancelled", _("Đã hủy")


class SpreadsheetJob(BaseModel):
    kind = models.CharField(_("loại"), max_length=10, choices=JobKind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=JobStatus.choices, default=JobStatus.UPLOADED
    )
    file = models.FileField(_("tệp"), upload_to="spreadsheets/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    commune = models.ForeignKey(
        AdminUnit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    warning_rows = models.PositiveIntegerField(default=0)
    created_rows = models.PositiveIntegerField(default=0)
    skipped_rows = models.PositiveIntegerField(default=0)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp nhập / xuất")
        verbose_name_plural = _("tệp nhập / xuất")
        constraints = [
            choices_constraint("kind", JobKind, "spreadsheetjob_kind_valid"),
            choices_constraint("status", JobStatus, "spreadsheetjob_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name}"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


class IssueSeverity(models.TextChoices):
    ERROR = "error", _("Lỗi")
    WARNING = "warning", _("Cảnh báo")


class ImportRowIssue(models.Model):
    """One problem found in one row of an import, in plain Vietnamese."""

    job = models.ForeignKey(SpreadsheetJob, on_delete=models.CASCADE, related_name="issues")
    row_number = models.PositiveIntegerField(_("dòng"))
    severity = models.CharField(_("mức"), max_length=10, choices=IssueSeverity.choices)
    column = models.CharField(_("cột"), max_length=100, blank=True)
    message = models.CharField(_("nội dung"), max_length=500)

    class Meta:
        verbose_name = _("vấn đề khi nhập")
        verbose_name_plural = _("vấn đề khi nhập")
        ordering = ["row_number", "id"]
        indexes = [models.Index(fields=["job", "row_number"], name="importissue_job_row_idx")]

    def __str__(self) -> str:
        return f"{self.row_number}: {self.message}"
