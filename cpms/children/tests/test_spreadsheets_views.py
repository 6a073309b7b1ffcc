from __future__ import annotations

import io

import pytest
from django.urls import include, path, reverse
from openpyxl import load_workbook

from config.urls import urlpatterns as project_urlpatterns
from cpms.audit.models import AuditEvent, AuditLog
from cpms.children.models import Child, JobKind, JobStatus, SpreadsheetJob
from cpms.children.tasks import run_export, run_import, validate_import
from cpms.children.tests.factories import make_child
from cpms.children.tests.matrix_spreadsheets import SHEETS_MATRIX
from cpms.children.tests.test_spreadsheets_support import as_upload, make_book, row
from cpms.testing import PERSONAS

# Until the lead mounts these pages in config.urls, the tests mount them here.
_mounted = any(getattr(p, "namespace", None) == "children-sheets" for p in project_urlpatterns)
urlpatterns = list(project_urlpatterns)
if not _mounted:
    urlpatterns.insert(0, path("children/sheets/", include("cpms.children.urls_spreadsheets")))
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, data: bytes, name: str = "Sổ theo dõi T3.xlsx"):
    return client.post(reverse("children-sheets:import-upload"), {"file": as_upload(data, name)})


def test_it_gives_every_persona_an_expected_outcome():
    for name, (_url, table) in SHEETS_MATRIX.items():
        assert set(table) == set(PERSONAS), name


@pytest.mark.parametrize("name", sorted(SHEETS_MATRIX))
def test_it_answers_each_persona_as_written(name, world, client_for):
    url_for, table = SHEETS_MATRIX[name]
    url = url_for(world)
    mismatches = {}
    for persona, expected in table.items():
        status = client_for(persona).get(url).status_code
        if status != expected:
            mismatches[persona] = (expected, status)
    assert mismatches == {}, f"{name} {url}: persona → (expected, got)"


def test_it_serves_a_template_with_vietnamese_headers_and_an_example_row(world, client_for):
    response = client_for("collaborator").get(reverse("children-sheets:template"))
    assert response["Content-Disposition"] == 'attachment; filename="so-theo-doi-tre-em-mau.xlsx"'
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in ws[1]][:4] == [
        "STT",
        "Họ và tên trẻ",
        "Ngày sinh (ngày/tháng/năm)",
        "Giới tính (Nam/Nữ)",
    ]
    assert [c.value for c in ws[2]][:4] == ["Ví dụ", "Nguyễn Thị Lan", "14/03/2015", "Nữ"]


def test_it_uploads_checks_confirms_and_imports_with_progress(world, client_for):
    client = client_for("worker")
    response = upload(client, make_book([row(), row(full_name="Lê Thị Bé", birth_date=None)]))
    job = SpreadsheetJob.objects.get(kind=JobKind.IMPORT)
    assert response.status_code == 302
    assert response["Location"] == reverse("children-sheets:import-detail", args=[job.uid])
    assert job.original_name == "Sổ theo dõi T3.xlsx"
    assert job.original_name not in job.file.name and job.file.name.endswith(".xlsx")
    assert (job.status, job.commune) == (JobStatus.UPLOADED, world.commune_a)
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()

    validate_import(job_id=job.pk)
    page = client.get(response["Location"]).content.decode()
    assert "every 2s" not in page
    assert "Thiếu ngày sinh." in page
    assert "Xác nhận nhập 1 trẻ" in page

    client.post(reverse("children-sheets:import-confirm", args=[job.uid]))
    job.refresh_from_db()
    assert job.status == JobStatus.IMPORTING
    assert 'hx-trigger="every 2s"' in client.get(response["Location"]).content.decode()
    run_import(job_id=job.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập 1 trẻ; bỏ qua 1 dòng" in page
    assert Child.objects.filter(full_name="Trần Văn An").count() == 1


def test_it_refuses_a_file_that_is_not_a_workbook_with_a_message(world, client_for):
    response = upload(client_for("worker"), b"ho ten,ngay sinh\nAn,01/01/2015\n", "so.xlsx")
    assert response.status_code == 200
    assert "Tệp không phải bảng tính Excel (.xlsx)" in response.content.decode()
    assert not SpreadsheetJob.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(world, client_for, monkeypatch):
    from cpms.children.spreadsheets import importer

    monkeypatch.setattr(importer, "MAX_UPLOAD_BYTES", 1024)
    response = upload(client_for("worker"), make_book([row()] * 50))
    assert "Tệp lớn hơn 0 MB" in response.content.decode()
    assert not SpreadsheetJob.objects.exists()


def test_it_says_so_when_the_same_file_was_already_imported(world, client_for):
    data = make_book([row()])
    upload(client_for("worker"), data)
    job = SpreadsheetJob.objects.get()
    validate_import(job_id=job.pk)
    client_for("worker").post(reverse("children-sheets:import-confirm", args=[job.uid]))
    run_import(job_id=job.pk)
    response = upload(client_for("leader"), data)
    assert "Tệp này đã được nhập cho Phường An Hòa" in response.content.decode()
    assert SpreadsheetJob.objects.count() == 1
    assert Child.objects.count() == 1


@pytest.mark.parametrize("persona", ["collaborator", "police", "officer"])
def test_it_does_not_let_a_collaborator_police_or_officer_upload(world, client_for, persona):
    response = upload(client_for(persona), make_book([row()]))
    assert response.status_code == 403
    assert not SpreadsheetJob.objects.exists()
    assert AuditLog.objects.filter(event_type=AuditEvent.DENIED, actor=world.personas[persona])


def test_it_lets_only_the_creator_download_an_export_and_audits_it(world, client_for):
    make_child(world)
    response = client_for("worker").post(reverse("children-sheets:export-create"), {"q": ""})
    job = SpreadsheetJob.objects.get(kind=JobKind.EXPORT)
    assert response["Location"] == reverse("children-sheets:export-detail", args=[job.uid])
    assert (
        AuditLog.objects.filter(
            event_type=AuditEvent.EXPORT, subject_type="children.spreadsheetjob", subject_id=job.uid
        ).count()
        == 1
    )
    url = reverse("children-sheets:export-download", args=[job.uid])
    assert client_for("worker").get(url).status_code == 404  # not written yet
    run_export(job_id=job.pk)
    for persona in ("outsider", "leader", "officer"):
        assert client_for(persona).get(url).status_code == 404, persona
    assert AuditLog.objects.filter(
        event_type=AuditEvent.OUT_OF_SCOPE, actor=world.personas["outsider"], subject_id=job.uid
    ).exists()
    response = client_for("worker").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="so-theo-doi-tre-em-')
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert ws["B2"].value == "Nguyễn Thị Lan"
    assert (
        "/media/"
        not in client_for("worker")
        .get(reverse("children-sheets:export-detail", args=[job.uid]))
        .content.decode()
    )


def test_it_refuses_an_export_village_outside_the_scope(world, client_for):
    response = client_for("worker").post(
        reverse("children-sheets:export-create"), {"village": world.village_b1.pk}
    )
    assert response.status_code == 200
    assert not SpreadsheetJob.objects.exists()


def test_it_asks_which_commune_when_the_user_covers_several(world, client_for):
    from cpms.accounts.permissions import Role
    from cpms.accounts.services import membership_grant

    worker = world.personas["worker"]
    membership_grant(actor=None, user=worker, agency=world.pc_b, role=Role.COMMUNE_WORKER)
    page = client_for("worker").get(reverse("children-sheets:import-list")).content.decode()
    assert 'name="commune"' in page and "Xã Bình Đông" in page
    refused = client_for("worker").post(
        reverse("children-sheets:import-upload"),
        {"file": as_upload(make_book([row()])), "commune": world.old_commune.pk},
    )
    assert refused.status_code == 200 and not SpreadsheetJob.objects.exists()
    client_for("worker").post(
        reverse("children-sheets:import-upload"),
        {"file": as_upload(make_book([row()])), "commune": world.commune_b.pk},
    )
    assert SpreadsheetJob.objects.get().commune == world.commune_b
