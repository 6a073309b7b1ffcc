"""Cases for tests, built through the services (report → triage → case)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpms.cases.models import Case
from cpms.cases.services import case_transition
from cpms.cases.triage import TriageDecision, report_triage
from cpms.children.tests.factories import make_child
from cpms.intake.choices import TriageOutcome
from cpms.intake.tests.factories import make_report
from cpms.testing import World

RATINGS = {
    "risk_harm_severity": "high",
    "risk_abuser_access": "high",
    "risk_care_obstacles": "medium",
    "risk_self_protection": "low",
    "risk_recovery": "medium",
}


def make_case(world: World, *, emergency: bool = False, **report_overrides: Any) -> Case:
    child = make_child(world)
    report = make_report(world, child=child, immediate_danger=emergency, **report_overrides)
    row = report.children.get()
    [case] = report_triage(
        actor=world.personas["worker"],
        report=report,
        decisions=[TriageDecision(row=row, outcome=TriageOutcome.CASE_OPENED)],
        expected_version=report.version,
    )
    return case


def step(world: World, case: Case, code: str, persona: str = "worker", **data: Any) -> Case:
    case.refresh_from_db()
    return case_transition(
        actor=world.personas[persona],
        case=case,
        code=code,
        data=data,
        expected_version=case.version,
    )


def initial_data(emergency: bool = False, **extra: Any) -> dict[str, Any]:
    return {"overall_risk": "high", "emergency_needed": emergency, **RATINGS, **extra}


def needs_data(day: dt.date) -> dict[str, Any]:
    return {
        "assessed_on": day,
        "overall_risk": "medium",
        "protection_level": "intervention",
        "needs": "Hỗ trợ tâm lý, chăm sóc y tế",
        "meeting_date": day,
        "meeting_chair": "Chủ tịch UBND phường",
        **RATINGS,
    }


def plan_data(start: dt.date, end: dt.date) -> dict[str, Any]:
    return {
        "objectives": "Bảo đảm an toàn cho trẻ",
        "measures": "Tư vấn tâm lý – Trạm y tế – hằng tuần",
        "starts_on": start,
        "ends_on": end,
    }
