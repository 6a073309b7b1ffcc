"""Background work of the registry: spreadsheet checks, imports and exports.

Each task only loads its job and calls the spreadsheet module; progress is written to the
job (processed_rows) by that module, batch by batch. An unexpected error marks the job as
failed with a message for the user, then propagates so the worker records it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from procrastinate.contrib.django import app

from .models import JobStatus, SpreadsheetJob
from .spreadsheets.exporter import export_file
from .spreadsheets.importer import import_file, validate_file


def _run(job_id: int, work: Callable[..., None]) -> None:
    try:
        work(job_id=job_id)
    except Exception:
        SpreadsheetJob.objects.filter(pk=job_id).exclude(status=JobStatus.DONE).update(
            status=JobStatus.FAILED,
            message=_("Có lỗi khi xử lý tệp. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."),
            finished_at=timezone.now(),
        )
        raise


@app.task(queue="default", name="children.validate_import")
def validate_import(job_id: int) -> None:
    _run(job_id, validate_file)


@app.task(queue="default", name="children.run_import")
def run_import(job_id: int) -> None:
    _run(job_id, import_file)


@app.task(queue="default", name="children.run_export")
def run_export(job_id: int) -> None:
    _run(job_id, export_file)
