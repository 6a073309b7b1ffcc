"""The report state machine: every allowed and every forbidden transition, who may do each,
the version check and the audit row."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.core.exceptions import StaleEditError
from cpms.reports.access import SUBJECT
from cpms.reports.choices import TRANSITIONS, Action, ReportStatus
from cpms.reports.models import PeriodicReport
from cpms.reports.services import report_transition

from .factories import make_report

pytestmark = pytest.mark.usefixtures("fake_tables")

ACTOR = {
    Action.SUBMIT: "worker",
    Action.REVIEW: "officer",
    Action.RETURN: "officer",
    Action.APPROVE: "officer",
    Action.LOCK: "officer",
}
PAIRS = [(a, s) for a in Action for s in ReportStatus]


def at_status(world, status):
    report = make_report(world)
    submitted = timezone.now() if status != ReportStatus.DRAFT else None
    PeriodicReport.objects.filter(pk=report.pk).update(status=status, submitted_at=submitted)
    return PeriodicReport.objects.select_related("unit").get(pk=report.pk)


def act(world, report, action, persona=None, reason="Số liệu chưa đủ"):
    return report_transition(
        actor=world.personas[persona or ACTOR[action]],
        report=report,
        action=action,
        expected_version=report.version,
        reason=reason,
    )


@pytest.mark.parametrize(("action", "status"), PAIRS)
def test_it_allows_exactly_the_transitions_in_the_table(world, action, status):
    report = at_status(world, status)
    transition = TRANSITIONS[action]
    if status in transition.source:
        done = act(world, report, action)
        assert done.status == transition.target
        assert done.version == report.version + 1
        row = AuditLog.objects.filter(subject_type=SUBJECT, subject_id=str(report.uid)).first()
        assert row is not None
        assert row.extra_data["action"] == action
        assert (row.extra_data["status_from"], row.extra_data["status_to"]) == (
            status,
            transition.target,
        )
    else:
        with pytest.raises(ValidationError):
            act(world, report, action)
        assert PeriodicReport.objects.get(pk=report.pk).status == status


@pytest.mark.parametrize(
    ("action", "status", "persona"),
    [
        (Action.SUBMIT, ReportStatus.DRAFT, "officer"),  # the level above does not submit
        (Action.SUBMIT, ReportStatus.DRAFT, "statistician"),
        (Action.SUBMIT, ReportStatus.DRAFT, "outsider"),
        (Action.SUBMIT, ReportStatus.DRAFT, "collaborator"),
        (Action.REVIEW, ReportStatus.SUBMITTED, "worker"),  # nobody approves their own report
        (Action.REVIEW, ReportStatus.SUBMITTED, "leader"),
        (Action.RETURN, ReportStatus.SUBMITTED, "worker"),
        (Action.APPROVE, ReportStatus.REVIEWED, "statistician"),
        (Action.APPROVE, ReportStatus.REVIEWED, "leader"),
        (Action.LOCK, ReportStatus.APPROVED, "worker"),
        (Action.LOCK, ReportStatus.APPROVED, "sysadmin"),
    ],
)
def test_it_refuses_a_transition_without_the_permission_at_the_right_level(
    world, action, status, persona
):
    report = at_status(world, status)
    with pytest.raises(PermissionDenied):
        act(world, report, action, persona=persona)
    assert PeriodicReport.objects.get(pk=report.pk).status == status


def test_it_refuses_a_stale_version(world):
    report = make_report(world)
    with pytest.raises(StaleEditError):
        report_transition(
            actor=world.personas["worker"],
            report=report,
            action=Action.SUBMIT,
            expected_version=report.version - 1,
        )
    assert PeriodicReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_it_needs_a_reason_to_return_and_keeps_it(world):
    report = act(world, make_report(world), Action.SUBMIT)
    with pytest.raises(ValidationError):
        act(world, report, Action.RETURN, reason="  ")
    returned = act(world, report, Action.RETURN, reason="Bổ sung phần khó khăn")
    assert returned.status == ReportStatus.DRAFT
    assert returned.return_reason == "Bổ sung phần khó khăn"
    assert act(world, returned, Action.SUBMIT).return_reason == ""


def test_it_refuses_an_unknown_action(world):
    with pytest.raises(ValidationError):
        act(world, make_report(world), "delete", persona="worker")


def test_it_stamps_who_did_each_step(world):
    report = make_report(world)
    for action in (Action.SUBMIT, Action.REVIEW, Action.APPROVE, Action.LOCK):
        report = act(world, report, action)
    assert report.submitted_by == world.personas["worker"]
    assert report.reviewed_by == report.approved_by == report.locked_by == world.personas["officer"]
    stamps = [report.submitted_at, report.reviewed_at, report.approved_at, report.locked_at]
    assert None not in stamps
    assert stamps == sorted(stamps)  # type: ignore[type-var]
