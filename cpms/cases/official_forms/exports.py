"""Render a form to a file and record the export (audit EXPORT with the form code)."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.text import search_key
from cpms.documents import OfficialDocument, render_docx, render_pdf

from .forms import DOCX

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def form_export(
    *,
    actor: User,
    request: HttpRequest,
    doc: OfficialDocument,
    file_format: str,
    code: str,
    subject_type: str,
    subject_id: object,
    admin_unit_id: int | None,
    extra: dict[str, Any] | None = None,
) -> bytes:
    with transaction.atomic():
        data = render_docx(doc) if file_format == DOCX else render_pdf(doc)
        audit_record(
            event=AuditEvent.EXPORT,
            actor=actor,
            request=request,
            subject_type=subject_type,
            subject_id=subject_id,
            admin_unit_id=admin_unit_id,
            extra={"form": code, "format": file_format, **(extra or {})},
        )
    return data


def file_name(code: str, name: str, file_format: str) -> str:
    """'Mẫu 05 - Đặng Thị Hương.docx' (the download header adds an ASCII fallback)."""
    base = _UNSAFE.sub(" ", f"Mẫu {code} - {name}".strip(" -")).strip()
    return f"{base}.{file_format}"


def download(data: bytes, filename: str, file_format: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    ascii_name = re.sub(r"[^A-Za-z0-9.]+", "-", search_key(filename)).strip("-")
    utf8 = content_disposition_header(as_attachment=True, filename=filename) or ""
    # Browsers that read filename* get the Vietnamese name; the others the ASCII one.
    extended = utf8.split("filename*=", 1)[1] if "filename*=" in utf8 else ""
    header = f'attachment; filename="{ascii_name}"'
    response["Content-Disposition"] = f"{header}; filename*={extended}" if extended else header
    response["Cache-Control"] = "no-store"
    return response
