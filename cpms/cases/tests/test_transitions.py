from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.cases.choices import CaseState
from cpms.cases.models import Case, CaseEvent, Plan
from cpms.cases.services import StaleEditError, case_transition
from cpms.cases.tests.factories import initial_data, make_case, step
from cpms.cases.tests.walk import walk_to
from cpms.cases.transitions import TRANSITIONS

SOURCE = {
    "initial_assess": CaseState.RECEIVED,
    "emergency_action": CaseState.INITIAL_ASSESSED,
    "separate": CaseState.INITIAL_ASSESSED,
    "needs_assess": CaseState.INITIAL_ASSESSED,
    "draft_plan": CaseState.NEEDS_ASSESSED,
    "approve_plan": CaseState.PLAN_DRAFTED,
    "start_plan": CaseState.PLAN_APPROVED,
    "review": CaseState.IN_PROGRESS,
    "replan": CaseState.REVIEWED,
    "close": CaseState.REVIEWED,
    "reopen": CaseState.CLOSED,
}
CHAIRMAN_ONLY = {"approve_plan", "separate", "close"}
OUT_OF_REACH = {"outsider": 404, "police": 404, "collaborator": 404, "hotline": 404}


def test_every_transition_has_a_source_here():
    assert set(SOURCE) == set(TRANSITIONS)


@pytest.mark.parametrize("code", sorted(TRANSITIONS))
def test_it_lets_only_the_right_roles_open_each_step(code, world, client_for):
    case = walk_to(world, SOURCE[code])
    expected = {"worker": 403 if code in CHAIRMAN_ONLY else 200, "leader": 200, "officer": 403}
    expected.update(OUT_OF_REACH)
    url = reverse("cases:step", args=[case.uid, code])
    got = {persona: client_for(persona).get(url).status_code for persona in expected}
    assert got == expected


@pytest.mark.parametrize("code", sorted(CHAIRMAN_ONLY))
def test_a_worker_cannot_post_a_chairman_step(code, world, client_for):
    case = walk_to(world, SOURCE[code])
    url = reverse("cases:step", args=[case.uid, code])
    response = client_for("worker").post(url, {"version": case.version, "reason": "x"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.state == SOURCE[code]
    assert AuditLog.objects.filter(subject_id=str(case.uid), event_type="denied").exists()


def test_the_chairman_approves_a_plan_with_a_decision_number(world, client_for):
    case = walk_to(world, CaseState.PLAN_DRAFTED)
    url = reverse("cases:step", args=[case.uid, "approve_plan"])
    data = {"version": case.version, "decision_number": "15/QĐ-UBND", "decision_date": "01/02/2027"}
    assert client_for("leader").post(url, data).status_code == 302
    case.refresh_from_db()
    plan = Plan.objects.get(case=case)
    assert case.state == CaseState.PLAN_APPROVED
    assert (plan.decision_number, plan.decision_date) == ("15/QĐ-UBND", dt.date(2027, 2, 1))
    assert plan.approved_by == world.personas["leader"]


def test_it_refuses_a_step_from_the_wrong_state(world, client_for):
    case = make_case(world)
    with pytest.raises(ValidationError):
        step(world, case, "draft_plan", objectives="x", measures="y")
    url = reverse("cases:step", args=[case.uid, "review"])
    assert client_for("worker").get(url).status_code == 409


def test_it_refuses_a_stale_edit(world, client_for):
    case = make_case(world)
    old_version = case.version
    step(world, case, "initial_assess", **initial_data())
    with pytest.raises(StaleEditError):
        case_transition(
            actor=world.personas["worker"],
            case=case,
            code="needs_assess",
            data={},
            expected_version=old_version,
        )
    url = reverse("cases:step", args=[case.uid, "needs_assess"])
    response = client_for("worker").post(
        url,
        {
            "version": old_version,
            "assessed_on": "01/02/2027",
            "overall_risk": "low",
            "protection_level": "support",
            "needs": "x",
            "meeting_date": "01/02/2027",
            "meeting_chair": "y",
        },
    )
    assert response.status_code == 409


def test_each_step_writes_one_event_and_one_audit_row(world):
    case = make_case(world)
    before = AuditLog.objects.filter(subject_id=str(case.uid)).count()
    step(world, case, "initial_assess", **initial_data())
    event = CaseEvent.objects.filter(case=case, kind="transition").get()
    assert (event.from_state, event.to_state, event.transition) == (
        "received",
        "initial_assessed",
        "initial_assess",
    )
    assert AuditLog.objects.filter(subject_id=str(case.uid)).count() == before + 1


def test_the_timeline_is_append_only(world):
    case = make_case(world)
    from django.db import IntegrityError, InternalError, ProgrammingError

    with pytest.raises((IntegrityError, InternalError, ProgrammingError)):
        CaseEvent.objects.filter(case=case).update(summary="rewritten")


def test_a_child_has_one_open_case_and_a_closed_one_can_be_reopened(world):
    case = walk_to(world, CaseState.CLOSED)
    assert case.closed_at is not None
    reopened = step(world, case, "reopen", reason="Tái diễn")
    assert reopened.state == CaseState.REOPENED and reopened.closed_at is None
    assert Case.objects.filter(child=case.child).count() == 1


def test_the_counts_of_the_risk_table_are_stored(world):
    case = make_case(world)
    step(world, case, "initial_assess", **initial_data())
    from cpms.cases.models import InitialAssessment

    record = InitialAssessment.objects.get(case=case)
    assert (record.high_count, record.medium_count, record.low_count) == (2, 2, 1)
    assert record.assessed_at <= timezone.now()
