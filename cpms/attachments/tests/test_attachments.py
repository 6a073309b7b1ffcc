"""Attachments on a case: checked on the way in, stored outside every served folder, sent
only through the owning case's access check, every download audited, never deleted."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import ProgrammingError, transaction
from django.urls import reverse

from cpms.attachments.checks import private_root_not_served
from cpms.attachments.models import Attachment
from cpms.attachments.storage import private_storage
from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.choices import EventKind
from cpms.cases.models import CaseEvent
from cpms.cases.tests.abuse_factories import HTML, PDF, PNG, add_attachment, refer
from cpms.cases.tests.conftest import reference_data  # noqa: F401 - concern types, rules
from cpms.cases.tests.factories import make_case


def upload_url(case):
    return reverse(
        "attachments:upload", kwargs={"subject_type": "cases.case", "subject_id": case.uid}
    )


def post_file(client, case, name, content, **extra):
    data = {
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "description": "Biên bản làm việc",
        "idempotency_key": str(uuid.uuid4()),
        **extra,
    }
    return client.post(upload_url(case), data)


def test_the_worker_uploads_a_pdf_stored_outside_every_served_folder(world, client_for):
    case = make_case(world)
    response = post_file(client_for("worker"), case, "../../etc/bien ban.pdf", PDF)
    assert response.status_code == 302
    row = Attachment.objects.get()
    assert row.original_name == "bien ban.pdf"
    assert (row.extension, row.content_type, row.size) == ("pdf", "application/pdf", len(PDF))
    assert row.sha256 == hashlib.sha256(PDF).hexdigest()
    path = Path(private_storage().path(row.stored_name)).resolve()
    assert path.read_bytes() == PDF
    assert "bien" not in path.name  # generated name, never the uploaded one
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    for served in (settings.STATIC_ROOT, settings.MEDIA_ROOT, *settings.STATICFILES_DIRS):
        root = Path(str(served[1] if isinstance(served, tuple) else served)).resolve()
        assert not path.is_relative_to(root)
    event = CaseEvent.objects.get(case=case, kind=EventKind.ATTACHMENT_ADDED)
    assert event.summary == "bien ban.pdf"
    log = AuditLog.objects.get(subject_type="attachments.attachment", event_type=AuditEvent.CREATE)
    assert log.extra_data["subject"] == f"cases.case:{case.uid}"


def test_a_double_submission_stores_one_file(world, client_for):
    case = make_case(world)
    key = str(uuid.uuid4())
    client = client_for("worker")
    post_file(client, case, "a.pdf", PDF, idempotency_key=key)
    post_file(client, case, "a.pdf", PDF, idempotency_key=key)
    assert Attachment.objects.count() == 1
    assert sum(1 for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()) >= 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", HTML),  # HTML renamed .pdf
        ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 128),  # a Windows executable
        ("x.pdf", b"\x7fELF" + b"\x00" * 128),
        ("empty.pdf", b""),
    ],
)
def test_it_refuses_files_by_their_content(world, client_for, name, content):
    case = make_case(world)
    response = post_file(client_for("worker"), case, name, content)
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    page = client_for("worker").get(reverse("cases:detail", kwargs={"uid": case.uid}))
    assert "Chưa có tệp đính kèm." in page.content.decode()


def test_it_refuses_files_over_the_size_limit(world, client_for, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    case = make_case(world)
    client = client_for("worker")
    post_file(client, case, "big.png", PNG + b"\x00" * 2000)
    assert not Attachment.objects.exists()
    # A body far over the limit is refused before it is read.
    post_file(client, case, "huge.png", PNG + b"\x00" * 200_000)
    assert not Attachment.objects.exists()
    post_file(client, case, "small.png", PNG)
    assert Attachment.objects.get().extension == "png"


def test_download_streams_the_file_with_safe_headers_and_is_audited(world, client_for):
    case = make_case(world)
    row = add_attachment(world, case, name="bien-ban.html")
    response = client_for("officer").get(reverse("attachments:download", kwargs={"uid": row.uid}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="bien-ban.pdf"' in response["Content-Disposition"]
    log = AuditLog.objects.get(subject_id=str(row.uid), event_type=AuditEvent.READ)
    assert log.extra_data["download"] is True
    assert log.actor == world.personas["officer"]


@pytest.mark.parametrize("persona", ["outsider", "police", "school", "collaborator"])
def test_out_of_scope_downloads_are_404_and_audited(world, client_for, persona):
    case = make_case(world)
    row = add_attachment(world, case)
    url = reverse("attachments:download", kwargs={"uid": row.uid})
    assert client_for(persona).get(url).status_code == 404
    assert AuditLog.objects.filter(
        subject_id=str(case.uid), event_type=AuditEvent.OUT_OF_SCOPE
    ).exists()
    assert not AuditLog.objects.filter(subject_id=str(row.uid), event_type=AuditEvent.READ)


def test_police_download_from_a_referred_case_but_do_not_upload(world, client_for):
    case = make_case(world)
    row = add_attachment(world, case)
    refer(world, case)
    police = client_for("police")
    assert police.get(reverse("attachments:download", kwargs={"uid": row.uid})).status_code == 200
    assert post_file(police, case, "b.pdf", PDF).status_code == 403
    assert Attachment.objects.count() == 1


def test_an_unknown_attachment_or_subject_type_is_404(world, client_for):
    client = client_for("worker")
    assert (
        client.get(reverse("attachments:download", kwargs={"uid": uuid.uuid4()})).status_code == 404
    )
    url = reverse("attachments:upload", kwargs={"subject_type": "x.y", "subject_id": uuid.uuid4()})
    assert client.post(url).status_code == 404


def test_withdrawal_keeps_the_row_and_the_file(world, client_for):
    case = make_case(world)
    row = add_attachment(world, case)
    path = Path(private_storage().path(row.stored_name))
    url = reverse("attachments:withdraw", kwargs={"uid": row.uid})
    assert client_for("officer").post(url, {"reason": "x"}).status_code == 403
    client = client_for("worker")
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Tải nhầm tệp"}).status_code == 302
    row.refresh_from_db()
    assert row.withdrawn_reason == "Tải nhầm tệp" and path.read_bytes() == PDF
    assert CaseEvent.objects.filter(case=case, kind=EventKind.ATTACHMENT_WITHDRAWN).count() == 1
    download = reverse("attachments:download", kwargs={"uid": row.uid})
    assert client.get(download).status_code == 404
    with pytest.raises(ProgrammingError), transaction.atomic():
        Attachment.objects.filter(pk=row.pk).delete()
    with pytest.raises(ProgrammingError), transaction.atomic():
        Attachment.objects.filter(pk=row.pk).update(stored_name="../../etc/passwd")


def test_the_system_check_refuses_a_private_folder_under_a_served_one(settings):
    assert private_root_not_served() == []
    settings.PRIVATE_MEDIA_ROOT = Path(settings.STATIC_ROOT) / "private"
    assert [e.id for e in private_root_not_served()] == ["attachments.E001"]


def test_uploads_still_need_the_csrf_token(world):
    from django.test import Client

    case = make_case(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.personas["worker"])
    response = post_file(client, case, "a.pdf", PDF)
    assert response.status_code == 403
    assert not Attachment.objects.exists()
    client.get(reverse("cases:detail", kwargs={"uid": case.uid}))
    token = client.cookies["csrftoken"].value
    assert post_file(client, case, "a.pdf", PDF, csrfmiddlewaretoken=token).status_code == 302
    assert Attachment.objects.count() == 1
