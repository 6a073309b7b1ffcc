"""The scanned signed paper of a consent, carried by the attachments app: uploaded on the
consent's page, downloaded by an in-scope worker, 404 (audited) for anyone outside."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cpms.attachments.models import Attachment
from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.tests.abuse_factories import PDF
from cpms.children.tests.factories import make_child
from cpms.privacy.tests.factories import add_parent, consent

SUBJECT = "privacy.processingbasis"


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def basis(world):
    child = make_child(world)
    return consent(world, child, add_parent(child))


def page(basis):
    return reverse("privacy:basis-detail", kwargs={"uid": basis.child.uid, "basis": basis.uid})


def upload(client, basis, name="giay-dong-y.pdf", content=PDF):
    url = reverse("attachments:upload", kwargs={"subject_type": SUBJECT, "subject_id": basis.uid})
    data = {
        "file": SimpleUploadedFile(name, content),
        "description": "Bản ký của mẹ",
        "idempotency_key": str(uuid.uuid4()),
    }
    return client.post(url, data)


def test_the_worker_uploads_the_scan_and_an_in_scope_worker_downloads_it(
    world, basis, client_for, django_assert_max_num_queries
):
    worker = client_for("worker")
    assert upload(worker, basis)["Location"] == page(basis)
    scan = Attachment.objects.get(subject_type=SUBJECT, subject_id=basis.uid)
    assert (scan.extension, scan.admin_unit_id) == ("pdf", basis.child.commune_id)
    with django_assert_max_num_queries(20):
        listing = worker.get(page(basis))
    assert reverse("attachments:download", kwargs={"uid": scan.uid}) in listing.content.decode()
    leader = client_for("leader")
    response = leader.get(reverse("attachments:download", kwargs={"uid": scan.uid}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert AuditLog.objects.filter(
        subject_type="attachments.attachment", subject_id=str(scan.uid), actor__username="leader"
    ).exists()
    privacy_page = worker.get(reverse("privacy:child", args=[basis.child.uid]))
    assert page(basis) in privacy_page.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "police"])
def test_outside_the_childs_commune_the_scan_and_its_page_are_404(
    world, basis, client_for, persona
):
    upload(client_for("worker"), basis)
    scan = Attachment.objects.get()
    client = client_for(persona)
    assert client.get(reverse("attachments:download", kwargs={"uid": scan.uid})).status_code == 404
    assert client.get(page(basis)).status_code == 404
    assert upload(client, basis).status_code == 404
    assert Attachment.objects.count() == 1
    assert AuditLog.objects.filter(
        event_type=AuditEvent.OUT_OF_SCOPE, actor__username=persona
    ).exists()


def test_a_missing_consent_is_404_and_audited(world, client_for):
    missing = uuid.uuid4()
    url = reverse("attachments:upload", kwargs={"subject_type": SUBJECT, "subject_id": missing})
    assert client_for("worker").post(url, {}).status_code == 404
    assert AuditLog.objects.filter(
        event_type=AuditEvent.OUT_OF_SCOPE, subject_type=SUBJECT, subject_id=str(missing)
    ).exists()


def test_only_a_scan_is_taken(world, basis, client_for):
    book = io.BytesIO()
    Workbook().save(book)
    response = upload(client_for("worker"), basis, "bang.xlsx", book.getvalue())
    assert response.status_code == 302
    assert not Attachment.objects.exists()
