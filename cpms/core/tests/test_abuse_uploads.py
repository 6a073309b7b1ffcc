"""Every place a user uploads or imports a file, tried with every hostile file of the corpus
(abuse_corpus.py), through the real views as the commune's social worker: a clear message in
Vietnamese, never a 500, and nothing kept of a refused file (no row, no stored file).

Entry points (grep `request.FILES`): attachments of a record (`attachments:upload`, the same
view and checks for every owner: cases, programme activities and meetings) and the import of
a child-monitoring book (`children-sheets:import-upload`, then its background check). Report
files are generated, never uploaded; the API takes no files.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cpms.attachments.models import Attachment
from cpms.attachments.storage import private_storage
from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.tests.conftest import reference_data  # noqa: F401 - concern types, rules
from cpms.cases.tests.factories import make_case
from cpms.children.models import Child, ImportRowIssue, JobStatus, SpreadsheetJob
from cpms.children.spreadsheets import importer
from cpms.children.tasks import validate_import
from cpms.core.tests.abuse_corpus import CORPUS, HOSTILE_NAMES, PDF, PNG, book

ACCEPTED = ""
# What the attachment upload answers to each sample: a part of its message, or ACCEPTED.
ATTACHMENT = {
    "zip-bomb-docx": "quá lớn khi giải nén",
    "zip-bomb-xlsx": "quá lớn khi giải nén",
    "nested-zip-xlsx": "tệp nén hoặc đối tượng nhúng",
    "nested-zip-docx": "tệp nén hoặc đối tượng nhúng",
    "billion-laughs-xlsx": "cấu trúc XML bất thường",
    "billion-laughs-docx": "cấu trúc XML bất thường",
    "xxe-xlsx": "cấu trúc XML bất thường",
    "xxe-docx": "cấu trúc XML bất thường",
    "remote-template-docx": "liên kết tới mẫu hoặc dữ liệu bên ngoài",
    "xlsm-renamed": "có chứa macro",
    "polyglot-png-html": "nội dung trang web",
    "polyglot-pdf-html": "nội dung trang web",
    "gifar-jpeg-zip": "tệp nén gắn kèm",
    "svg-script": "Loại tệp không được chấp nhận",
    "svg-onload-as-png": "Loại tệp không được chấp nhận",
    "html-as-pdf": "Loại tệp không được chấp nhận",
    "html-as-png": "Loại tệp không được chấp nhận",
    "elf-as-pdf": "Loại tệp không được chấp nhận",
    "pe-as-pdf": "Loại tệp không được chấp nhận",
    "empty": "Tập tin được gửi là rỗng",
    "csv-cp1258": "Loại tệp không được chấp nhận",
    "csv-as-xlsx": "Loại tệp không được chấp nhận",
    # Harmless as attachments: the server never parses them, they are only downloaded.
    "xlsx-invalid-utf8": ACCEPTED,
    "xlsx-huge-dimension": ACCEPTED,
    "pdf-javascript": ACCEPTED,  # a decision: docs/security.md, "Uploads and imports"
}
NOT_XLSX = "không phải bảng tính Excel"
# What the import upload answers: refused on upload (message), or taken for the check.
IMPORT = {
    **dict.fromkeys(CORPUS, NOT_XLSX),
    "zip-bomb-xlsx": "quá lớn khi giải nén",
    "nested-zip-xlsx": "tệp nén hoặc đối tượng nhúng",
    "billion-laughs-xlsx": "Không đọc được tệp",
    "xxe-xlsx": "Không đọc được tệp",
    "xlsm-renamed": "có chứa macro",
    "empty": "Tập tin được gửi là rỗng",
    "xlsx-invalid-utf8": ACCEPTED,
    "xlsx-huge-dimension": ACCEPTED,
}
# Taken on upload, refused by the background check that reads the book.
IMPORT_CHECK = {
    "xlsx-invalid-utf8": "Không đọc được tệp",
    "xlsx-huge-dimension": "khai báo 1.048.575 dòng, quá giới hạn 200.000 dòng",
}
STORED_ATTACHMENT = re.compile(r"^\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|xlsx)$")
STORED_BOOK = re.compile(r"^spreadsheets/\d{4}/\d{2}/[0-9a-f]{32}\.xlsx$")


@pytest.fixture(autouse=True)
def _folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def stored_files(settings) -> list[Path]:
    roots = (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def attach(client, case, name: str, content: bytes):
    url = reverse(
        "attachments:upload", kwargs={"subject_type": "cases.case", "subject_id": case.uid}
    )
    data = {
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "idempotency_key": str(uuid.uuid4()),
    }
    return client.post(url, data, follow=True)


def import_book(client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("children-sheets:import-upload"), {"file": upload})


def test_every_sample_has_an_answer_at_every_entry_point():
    assert set(ATTACHMENT) == set(CORPUS) == set(IMPORT)
    assert {k for k, v in IMPORT.items() if v == ACCEPTED} == set(IMPORT_CHECK)


@pytest.mark.parametrize("key", sorted(k for k, v in ATTACHMENT.items() if v != ACCEPTED))
def test_attachments_refuse_the_sample_and_keep_nothing(key, world, client_for, settings):
    case = make_case(world)
    sample = CORPUS[key]
    response = attach(client_for("worker"), case, sample.name, sample.make())
    assert [status for _url, status in response.redirect_chain] == [302]
    assert response.status_code == 200
    assert ATTACHMENT[key] in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []
    assert not AuditLog.objects.filter(subject_type="attachments.attachment").exists()


@pytest.mark.parametrize("key", sorted(k for k, v in ATTACHMENT.items() if v == ACCEPTED))
def test_attachments_keep_what_is_harmless_under_a_generated_name(key, world, client_for):
    case = make_case(world)
    sample = CORPUS[key]
    data = sample.make()
    response = attach(client_for("worker"), case, sample.name, data)
    assert "Đã tải tệp lên." in response.content.decode()
    row = Attachment.objects.get()
    assert STORED_ATTACHMENT.match(row.stored_name)
    assert Path(private_storage().path(row.stored_name)).read_bytes() == data


def test_attachments_refuse_a_file_just_over_the_limit(world, client_for, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    case = make_case(world)
    response = attach(client_for("worker"), case, "anh.png", PNG + b"\0" * (1025 - len(PNG)))
    assert response.status_code == 200
    assert "Tệp quá lớn: tối đa 1,0" in response.content.decode()
    assert not Attachment.objects.exists() and stored_files(settings) == []


@pytest.mark.parametrize("key", sorted(k for k, v in IMPORT.items() if v != ACCEPTED))
def test_the_import_refuses_the_sample_on_upload(key, world, client_for, settings):
    sample = CORPUS[key]
    response = import_book(client_for("worker"), sample.name, sample.make())
    assert response.status_code == 200
    assert IMPORT[key] in response.content.decode()
    assert not SpreadsheetJob.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("key", sorted(IMPORT_CHECK))
def test_the_import_check_refuses_the_sample_and_keeps_only_the_job(
    key, world, client_for, settings
):
    sample = CORPUS[key]
    client = client_for("worker")
    response = import_book(client, sample.name, sample.make())
    assert response.status_code == 302
    job = SpreadsheetJob.objects.get()
    assert stored_files(settings) != []
    validate_import(job_id=job.pk)  # what the worker runs; it must not fail unexpectedly
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert IMPORT_CHECK[key] in job.message
    assert not job.file and stored_files(settings) == []
    assert not ImportRowIssue.objects.exists() and not Child.objects.exists()
    page = client.get(response["Location"])
    assert page.status_code == 200 and IMPORT_CHECK[key] in page.content.decode()


def test_the_import_refuses_a_book_just_over_the_limit(world, client_for, settings, monkeypatch):
    data = book()
    monkeypatch.setattr(importer, "MAX_UPLOAD_BYTES", len(data) - 1)
    response = import_book(client_for("worker"), "so-theo-doi.xlsx", data)
    assert response.status_code == 200
    assert "Tệp lớn hơn" in response.content.decode()
    assert not SpreadsheetJob.objects.exists() and stored_files(settings) == []


def test_the_import_refuses_a_far_oversize_body_before_reading_it(world, settings, monkeypatch):
    from django.test import Client

    from cpms.children import views_spreadsheets

    monkeypatch.setattr(views_spreadsheets, "MAX_UPLOAD_BYTES", 1024)
    # Without a CSRF token: reading the body (to find the token) would answer 403.
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.personas["worker"])
    response = import_book(client, "so-theo-doi.xlsx", book() + b"\0" * 100_000)
    assert response.status_code == 302
    assert response["Location"] == reverse("children-sheets:import-list")
    assert "Tệp lớn hơn 0 MB" in client.get(response["Location"]).content.decode()
    assert not SpreadsheetJob.objects.exists() and stored_files(settings) == []


def test_the_import_still_takes_the_plain_book(world, client_for):
    assert import_book(client_for("worker"), "so-theo-doi.xlsx", book()).status_code == 302
    job = SpreadsheetJob.objects.get()
    validate_import(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.total_rows) == (JobStatus.VALIDATED, 1)


def _safe_name(name: str) -> bool:
    return not any(c in name for c in "/\\\0\u202e") and 0 < len(name) <= 255


@pytest.mark.parametrize("key", sorted(HOSTILE_NAMES))
def test_attachment_names_are_text_never_paths(key, world, client_for):
    case = make_case(world)
    attach(client_for("worker"), case, HOSTILE_NAMES[key], PDF)
    row = Attachment.objects.get()
    assert _safe_name(row.original_name) and _safe_name(row.download_name)
    assert STORED_ATTACHMENT.match(row.stored_name)
    path = Path(private_storage().path(row.stored_name)).resolve()
    assert path.is_relative_to(Path(private_storage().path("")).resolve())
    response = client_for("worker").get(reverse("attachments:download", kwargs={"uid": row.uid}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert AuditLog.objects.filter(subject_id=str(row.uid), event_type=AuditEvent.READ).exists()


@pytest.mark.parametrize("key", sorted(HOSTILE_NAMES))
def test_book_names_are_text_never_paths(key, world, client_for, settings):
    response = import_book(client_for("worker"), HOSTILE_NAMES[key], book())
    assert response.status_code == 302
    job = SpreadsheetJob.objects.get()
    assert STORED_BOOK.match(job.file.name)
    assert not job.original_name or _safe_name(job.original_name)
    [stored] = stored_files(settings)
    assert stored.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_attachments_are_only_sent_through_the_checked_download(world, client_for):
    case = make_case(world)
    attach(client_for("worker"), case, "bien-ban.pdf", PDF)
    row = Attachment.objects.get()
    url = reverse("attachments:download", kwargs={"uid": row.uid})
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("anonymous").get(url).status_code == 302  # to the login page
    assert AuditLog.objects.filter(event_type=AuditEvent.OUT_OF_SCOPE).exists()
