"""Generating a report's DOCX, XLSX or PDF in the background, with progress.

`export_request` records the request (audited as an export) and queues the task; the task
calls `export_generate`, which writes the progress (steps_done of steps_total: one step per
table, one to render, one to store) to the row as it goes. The file is stored in the private
media folder and served only to its requester, through a view.
"""

from __future__ import annotations

import io
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.documents import render_docx, render_pdf

from .access import EXPORT_SUBJECT, SUBJECT
from .document import report_document
from .models import ExportFormat, ExportStatus, PeriodicReport, ReportExport
from .xlsx import write_workbook

CONTENT_TYPES = {
    ExportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.PDF: "application/pdf",
}


@transaction.atomic
def export_request(*, actor: User, report: PeriodicReport, file_format: str) -> ReportExport:
    """Queue one file of the report (always with the protected figures). The caller has
    checked that the actor reaches the report."""
    export = ReportExport.objects.create(
        report=report,
        file_format=ExportFormat(file_format),
        steps_total=len(report.figures_protected) + 2,
        created_by=actor,
    )
    audit_record(
        event=AuditEvent.EXPORT,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=report.uid,
        admin_unit_id=report.unit_id,
        extra={"format": file_format, "export": str(export.uid), "status": report.status},
    )
    from .tasks import generate_export  # the tasks module imports this one

    transaction.on_commit(lambda: generate_export.defer(export_id=export.pk))
    return export


def _step(export: ReportExport, done: int) -> None:
    ReportExport.objects.filter(pk=export.pk).update(steps_done=done)


def export_generate(*, export_id: int) -> None:
    export = ReportExport.objects.select_related("report", "report__unit__parent").get(pk=export_id)
    if export.status != ExportStatus.RUNNING or export.file:
        return
    report = export.report
    tables = list(report.figures_protected)
    output = io.BytesIO()
    if export.file_format == ExportFormat.XLSX:
        write_workbook(output, report, tables, progress=lambda n: _step(export, n))
    else:
        document = report_document(report, tables)
        _step(export, len(tables))
        render = render_docx if export.file_format == ExportFormat.DOCX else render_pdf
        output.write(render(document))
    _step(export, len(tables) + 1)
    export.file.save(
        f"reports/{uuid.uuid4().hex}.{export.file_format}",
        ContentFile(output.getvalue()),
        save=False,
    )
    ReportExport.objects.filter(pk=export.pk).update(
        file=export.file.name,
        status=ExportStatus.DONE,
        steps_done=export.steps_total,
        finished_at=timezone.now(),
    )


def export_fail(export_id: int) -> None:
    ReportExport.objects.filter(pk=export_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.FAILED,
        message=_("Có lỗi khi tạo tệp. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."),
        finished_at=timezone.now(),
    )


def export_download_record(*, actor: User, export: ReportExport) -> None:
    audit_record(
        event=AuditEvent.READ,
        actor=actor,
        subject_type=EXPORT_SUBJECT,
        subject_id=export.uid,
        admin_unit_id=export.report.unit_id,
        extra={"download": True, "format": export.file_format},
    )
