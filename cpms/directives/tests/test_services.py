"""Services: assignments, the report's draft → submit with its figure snapshot, the version
check, double submission, and the audit rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cpms.audit.models import AuditEvent, AuditLog
from cpms.core.exceptions import StaleEditError
from cpms.directives.choices import ReportStatus
from cpms.directives.models import ProgressReport
from cpms.directives.services import assignment_add, report_save
from cpms.directives.tests.factories import earlier_start, make_assignment, make_clause
from cpms.intake.tests.factories import make_report
from cpms.testing import REFORM

pytestmark = pytest.mark.django_db


def save(world, assignment, *, persona="worker", submit=False, version=0, text="Đã tập huấn"):
    return report_save(
        actor=world.personas[persona],
        assignment=assignment,
        period_start=earlier_start(),
        narrative=text,
        submit=submit,
        expected_version=version,
    )


def test_reporting_starts_when_both_the_directive_and_the_agency_exist(world):
    assignment = make_assignment(world)
    assert assignment.starts_on == max(earlier_start(), REFORM)
    assert assignment.unit_path == world.commune_a.path
    with pytest.raises(ValidationError):
        assignment_add(actor=None, clause=assignment.clause, agency=world.pc_a)


def test_only_the_lead_office_assigns(world):
    assignment = make_assignment(world)
    with pytest.raises(ValidationError):
        assignment_add(actor=world.personas["worker"], clause=assignment.clause, agency=world.pc_b)
    added = assignment_add(
        actor=world.personas["officer"], clause=assignment.clause, agency=world.pc_b
    )
    assert AuditLog.objects.filter(
        event_type=AuditEvent.CREATE, subject_id=str(added.uid), actor=world.personas["officer"]
    ).exists()


def test_a_draft_then_a_submission_with_the_figures_snapshot(world):
    assignment = make_assignment(world)
    start = earlier_start()
    make_report(world, received_at=dt.datetime.combine(start, dt.time(10)).astimezone())
    draft = save(world, assignment)
    assert (draft.status, draft.version, draft.figures) == (ReportStatus.DRAFT, 1, {})
    submitted = save(world, assignment, submit=True, version=1, text="Đã tập huấn 2 lớp")
    assert submitted.pk == draft.pk
    assert submitted.status == ReportStatus.SUBMITTED
    assert submitted.figures == {"reports_received": 1, "cases_opened": 0}
    assert submitted.submitted_by == world.personas["worker"]
    events = AuditLog.objects.filter(subject_id=str(draft.uid)).values_list("event_type", flat=True)
    assert sorted(events) == [AuditEvent.CREATE, AuditEvent.UPDATE]


def test_a_concurrent_edit_is_refused(world):
    assignment = make_assignment(world)
    save(world, assignment)
    with pytest.raises(StaleEditError):
        save(world, assignment, persona="leader", version=0, text="Bản khác")
    with pytest.raises(StaleEditError):
        save(world, assignment, persona="leader", version=5)


def test_a_double_submission_keeps_one_report(world):
    assignment = make_assignment(world)
    first = save(world, assignment, submit=True)
    again = save(world, assignment, submit=True)
    assert again.pk == first.pk and again.version == first.version
    assert ProgressReport.objects.filter(assignment=assignment).count() == 1
    with pytest.raises(ValidationError):
        save(world, assignment, version=first.version, text="Sửa sau khi gửi")


def test_only_the_assigned_agency_reports(world):
    assignment = make_assignment(world)
    for persona in ("officer", "outsider", "collaborator"):
        with pytest.raises(ValidationError):
            save(world, assignment, persona=persona)


def test_a_period_that_is_not_the_assignments_is_refused(world):
    assignment = make_assignment(world, clause=make_clause(make_clause_directive(world)))
    with pytest.raises(ValidationError):
        report_save(
            actor=world.personas["worker"],
            assignment=assignment,
            period_start=earlier_start() + dt.timedelta(days=1),
            narrative="x",
            submit=False,
            expected_version=0,
        )


def make_clause_directive(world):
    from cpms.directives.tests.factories import make_directive

    return make_directive(world)
