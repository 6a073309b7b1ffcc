"""Pages: the scoped register, the reporting board with its "not reported" filter, filing a
report (draft, submit, 409 on a concurrent edit, double submit), and fixed query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.directives.models import Directive, ProgressReport
from cpms.directives.services import assignment_add
from cpms.directives.tests.factories import (
    earlier_start,
    last_ended_start,
    make_assignment,
    make_directive,
)

pytestmark = pytest.mark.django_db


def report_url(assignment, start=None):
    start = start or earlier_start()
    return reverse("directives:report", kwargs={"uid": assignment.uid, "start": start.isoformat()})


def test_the_register_lists_only_reachable_directives(
    world, client_for, django_assert_max_num_queries
):
    assignment = make_assignment(world)
    mine = assignment.clause.directive
    other = make_directive(
        world, subject="Văn bản của xã Bình Đông", issuing_unit=world.commune_b, lead_agency=None
    )
    for _ in range(3):
        make_assignment(world, agency=world.pc_b)
    url = reverse("directives:list")
    worker = client_for("worker")
    with django_assert_max_num_queries(10):
        page = worker.get(url).content.decode()
    assert mine.subject in page and other.subject not in page
    outsider = client_for("outsider").get(url).content.decode()
    assert other.subject in outsider and str(mine.uid) not in outsider
    officer = client_for("officer").get(url).content.decode()
    assert str(mine.uid) in officer and str(other.uid) in officer


def test_the_board_shows_who_has_not_reported(world, client_for, django_assert_max_num_queries):
    assignment = make_assignment(world)
    clause = assignment.clause
    late = assignment_add(actor=None, clause=clause, agency=world.pc_b)
    client_for("worker").post(
        report_url(assignment, last_ended_start()),
        {"narrative": "Đã làm", "version": 0, "submit": "1"},
    )
    url = reverse("directives:detail", kwargs={"uid": clause.directive.uid})
    officer = client_for("officer")
    with django_assert_max_num_queries(14):
        page = officer.get(url).content.decode()
    assert 'data-state="submitted"' in page and 'data-state="overdue"' in page
    missing = officer.get(url + "?missing=1").content.decode()
    assert 'data-agency="UBND xã Bình Đông"' in missing
    assert 'data-agency="UBND phường An Hòa"' not in missing
    assert late.agency.name in missing
    # The commune sees its own row only.
    worker_page = client_for("worker").get(url).content.decode()
    assert 'data-agency="UBND phường An Hòa"' in worker_page
    assert 'data-agency="UBND xã Bình Đông"' not in worker_page


def test_the_board_costs_the_same_with_more_agencies(
    world, client_for, django_assert_max_num_queries
):
    assignment = make_assignment(world)
    for agency in (world.pc_b, world.police_a, world.school_a, world.hotline):
        assignment_add(actor=None, clause=assignment.clause, agency=agency)
    url = reverse("directives:detail", kwargs={"uid": assignment.clause.directive.uid})
    officer = client_for("officer")
    with django_assert_max_num_queries(14):
        assert officer.get(url).status_code == 200


def test_filing_a_report_draft_then_submit(world, client_for):
    assignment = make_assignment(world)
    worker = client_for("worker")
    page = worker.get(report_url(assignment)).content.decode()
    assert 'data-key="reports_received"' in page and 'name="narrative"' in page
    response = worker.post(report_url(assignment), {"narrative": "Nháp", "version": 0, "save": "1"})
    assert response.status_code == 302
    report = ProgressReport.objects.get(assignment=assignment)
    assert report.status == "draft"
    response = worker.post(
        report_url(assignment), {"narrative": "Đã tập huấn", "version": 1, "submit": "1"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    page = worker.get(report_url(assignment)).content.decode()
    assert 'data-testid="report-submitted"' in page and 'name="narrative"' not in page
    assert AuditLog.objects.filter(event_type=AuditEvent.READ, subject_id=str(report.uid)).exists()


def test_a_concurrent_edit_answers_409(world, client_for):
    assignment = make_assignment(world)
    client_for("worker").post(report_url(assignment), {"narrative": "A", "version": 0, "save": "1"})
    response = client_for("leader").post(
        report_url(assignment), {"narrative": "B", "version": 0, "save": "1"}
    )
    assert response.status_code == 409
    assert ProgressReport.objects.get(assignment=assignment).narrative == "A"


def test_a_double_submit_creates_one_report(world, client_for):
    assignment = make_assignment(world)
    worker = client_for("worker")
    data = {"narrative": "Đã làm", "version": 0, "submit": "1"}
    assert worker.post(report_url(assignment), data).status_code == 302
    assert worker.post(report_url(assignment), data).status_code == 302
    assert ProgressReport.objects.filter(assignment=assignment).count() == 1


def test_others_cannot_file(world, client_for):
    assignment = make_assignment(world)
    data = {"narrative": "x", "version": 0, "submit": "1"}
    assert client_for("officer").post(report_url(assignment), data).status_code == 403
    assert client_for("outsider").post(report_url(assignment), data).status_code == 404
    assert (
        client_for("worker")
        .get(report_url(assignment, start=earlier_start().replace(day=2)))
        .status_code
        == 404
    )
    assert not ProgressReport.objects.exists()


def test_my_assignments_offers_the_report(world, client_for):
    assignment = make_assignment(world)
    page = client_for("worker").get(reverse("directives:mine")).content.decode()
    assert report_url(assignment, last_ended_start()) in page
    other = client_for("outsider").get(reverse("directives:mine")).content.decode()
    assert f"/directives/assignments/{assignment.uid}/" not in other


def test_an_area_officer_registers_a_directive_with_clauses(world, client_for):
    data = {
        "kind": "official_letter",
        "symbol": "UBND-VX",
        "issuer_name": "UBND tỉnh Thử Nghiệm",
        "issuing_unit": world.province.pk,
        "lead_agency": world.province_office.pk,
        "subject": "V/v thử nghiệm",
        "status": "in_force",
        "effective_from": "01/01/2026",
        "clauses-TOTAL_FORMS": "3",
        "clauses-INITIAL_FORMS": "0",
        "clauses-0-number": "1.1",
        "clauses-0-text": "Triển khai",
        "clauses-0-figure_keys": ["reports_received"],
        "clauses-1-number": "2",
        "clauses-1-text": "Theo dõi",
    }
    response = client_for("officer").post(reverse("directives:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    directive = Directive.objects.get(subject="V/v thử nghiệm")
    assert list(directive.clauses.values_list("number", "figure_keys")) == [
        ("1.1", ["reports_received"]),
        ("2", []),
    ]
    assert client_for("worker").post(reverse("directives:create"), data).status_code == 403


def test_the_lead_office_edits_and_withdraws(world, client_for):
    assignment = make_assignment(world)
    directive = assignment.clause.directive
    officer = client_for("officer")
    data = {
        "kind": "official_letter",
        "number": "12",
        "symbol": "UBND-VX",
        "issuer_name": directive.issuer_name,
        "issuing_unit": world.province.pk,
        "lead_agency": world.province_office.pk,
        "subject": directive.subject,
        "status": "in_force",
        "effective_from": directive.effective_from.strftime("%d/%m/%Y"),
        "version": directive.version,
        "clauses-TOTAL_FORMS": "2",
        "clauses-INITIAL_FORMS": "1",
        "clauses-0-number": "1.2",
        "clauses-0-text": "Nội dung đã sửa",
        "clauses-1-number": "",
        "clauses-1-text": "",
    }
    url = reverse("directives:edit", kwargs={"uid": directive.uid})
    assert officer.post(url, data).status_code == 302
    directive.refresh_from_db()
    assert directive.number_symbol == "12/UBND-VX"
    assert directive.clauses.get().text == "Nội dung đã sửa"
    assert officer.post(url, data).status_code == 409  # the version is stale now
    withdraw = reverse("directives:assignment-withdraw", kwargs={"uid": assignment.uid})
    assert client_for("worker").post(withdraw).status_code == 403
    assert officer.post(withdraw).status_code == 302
    assignment.refresh_from_db()
    assert not assignment.active
