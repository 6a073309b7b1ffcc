"""Restriction of processing also keeps the child out of exports: the registry book leaves
the child's row out (and says so), Mẫu 01 and the conference minutes are refused."""

from __future__ import annotations

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.tests.factories import make_case
from cpms.children.models import SpreadsheetJob
from cpms.children.selectors import ChildFilters
from cpms.children.spreadsheets.exporter import export_file, export_request
from cpms.children.tests.factories import make_child
from cpms.conferences.tests.factories import make_conference
from cpms.intake.tests.factories import make_report
from cpms.privacy.services import restriction_lift, restriction_start


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def restrict(world, child):
    return restriction_start(actor=world.personas["leader"], child=child, reason="Mẹ phản đối")


def exported_names(world):
    job = export_request(actor=world.personas["worker"], filters=ChildFilters())
    export_file(job_id=job.pk)
    job = SpreadsheetJob.objects.get(pk=job.pk)
    with job.file.open("rb") as file:
        ws = load_workbook(file).worksheets[0]
    return job, sorted(c.value for c in ws["B"][1:])


def test_the_registry_book_leaves_a_restricted_child_out_and_says_how_many(world, client_for):
    make_child(world)
    hidden = make_child(world, full_name="Trần Văn Hùng", village=world.village_a2)
    restriction = restrict(world, hidden)
    job, names = exported_names(world)
    assert names == ["Nguyễn Thị Lan"]
    assert (job.total_rows, job.params["restricted_left_out"]) == (1, 1)
    page = client_for("worker").get(reverse("children-sheets:export-detail", args=[job.uid]))
    assert 'data-testid="restricted-left-out"' in page.content.decode()
    restriction_lift(actor=world.personas["leader"], restriction=restriction, reason="Đồng ý")
    job, names = exported_names(world)
    assert names == ["Nguyễn Thị Lan", "Trần Văn Hùng"]
    assert job.params["restricted_left_out"] == 0
    page = client_for("worker").get(reverse("children-sheets:export-detail", args=[job.uid]))
    assert "restricted-left-out" not in page.content.decode()


def test_mau_01_of_a_report_naming_a_restricted_child_is_refused(world, client_for):
    child = make_child(world)
    report = make_report(world, child=child)
    restrict(world, child)
    url = reverse("cases:report-form", kwargs={"uid": report.uid})
    response = client_for("worker").post(url, {"archive": "VT", "file_format": "docx"})
    assert response.status_code == 200 and "đang bị hạn chế" in response.content.decode()
    assert not AuditLog.objects.filter(event_type=AuditEvent.EXPORT).exists()


def test_mau_01_of_a_report_naming_no_restricted_child_still_exports(world, client_for):
    restrict(world, make_child(world, full_name="Trần Văn Hùng"))
    report = make_report(world, child=make_child(world))
    url = reverse("cases:report-form", kwargs={"uid": report.uid})
    response = client_for("worker").post(url, {"archive": "VT", "file_format": "docx"})
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_the_conference_minutes_of_a_restricted_child_are_refused(world, client_for):
    case = make_case(world)
    conference = make_conference(world, case)
    restrict(world, case.child)
    client = client_for("worker")
    response = client.get(reverse("conferences:minutes", kwargs={"uid": conference.uid}))
    assert response.status_code == 302
    assert not AuditLog.objects.filter(event_type=AuditEvent.EXPORT).exists()
    page = client.get(response["Location"])
    assert "đang bị hạn chế" in page.content.decode()
