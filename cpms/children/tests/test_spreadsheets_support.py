"""Helpers for the spreadsheet tests (no tests here): building books, running the jobs."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cpms.children.models import SpreadsheetJob
from cpms.children.spreadsheets.columns import COLUMNS
from cpms.children.spreadsheets.importer import import_confirm, import_upload
from cpms.children.tasks import run_import, validate_import

KEYS = [c.key for c in COLUMNS]


def make_book(rows: list[dict[str, Any]], *, headers: list[str] | None = None, title: bool = False):
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Sổ theo dõi"
    if title:
        ws.append(["SỔ THEO DÕI TRẺ EM — PHƯỜNG AN HÒA"])
    ws.append(headers or [c.header for c in COLUMNS])
    for row in rows:
        ws.append([row.get(key) for key in KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_upload(data: bytes, name: str = "so-theo-doi.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def upload_and_check(world, data: bytes, *, persona: str = "worker") -> SpreadsheetJob:
    job = import_upload(
        actor=world.personas[persona], upload=as_upload(data), commune=world.commune_a
    )
    validate_import(job_id=job.pk)
    job.refresh_from_db()
    return job


def confirm_and_import(world, job: SpreadsheetJob, *, persona: str = "worker") -> SpreadsheetJob:
    import_confirm(actor=world.personas[persona], job=job)
    run_import(job_id=job.pk)
    job.refresh_from_db()
    return job


def row(**values: Any) -> dict[str, Any]:
    base = {"full_name": "Trần Văn An", "birth_date": "02/05/2016", "sex": "Nam"}
    base.update(values)
    return base
