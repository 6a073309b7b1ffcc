"""A few reports and cases for the Quảng Ngãi demo (idempotent; invented people)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from cpms.accounts.models import User
from cpms.children.models import Child
from cpms.geography.demo import DemoGeography
from cpms.intake.choices import Channel, ChildSex, ReporterRelation, Setting, TriageOutcome
from cpms.intake.models import ConcernType, Report
from cpms.intake.services import ReportChildData, ReportData, report_receive

from .models import Case
from .services import case_transition, task_add
from .triage import TriageDecision, report_triage

COMMUNE = "Phường Nghĩa Lộ"


def _report(
    actor: User,
    geo: DemoGeography,
    child: Child | None,
    *,
    description: str,
    concerns: list[str],
    danger: bool = False,
    hours_ago: int = 2,
    channel: str = Channel.PROVINCIAL_HOTLINE,
) -> Report:
    data = ReportData(
        channel=channel,
        received_at=timezone.now() - dt.timedelta(hours=hours_ago),
        commune=geo.communes[COMMUNE],
        description=description,
        concern_types=list(ConcernType.objects.filter(code__in=concerns)),
        reporter_relation=ReporterRelation.NEIGHBOUR,
        reporter_name="Phan Thị Nga",
        reporter_phone="0905000111",
        setting=Setting.FAMILY,
        immediate_danger=danger,
        children=[
            ReportChildData(
                full_name=child.full_name if child else "Chưa rõ tên (bé trai khoảng 6 tuổi)",
                birth_date=child.birth_date if child else None,
                age_estimate=None if child else 6,
                sex=child.sex if child else ChildSex.MALE,
                condition="Có vết bầm trên tay, sợ về nhà",
                child=child,
            )
        ],
    )
    return report_receive(actor=actor, data=data)


def _open(worker: User, report: Report) -> Case:
    row = report.children.get()
    [case] = report_triage(
        actor=worker,
        report=report,
        decisions=[TriageDecision(row=row, outcome=TriageOutcome.CASE_OPENED)],
        expected_version=report.version,
    )
    return case


def _step(actor: User, case: Case, code: str, **data: Any) -> Case:
    case.refresh_from_db()
    return case_transition(
        actor=actor, case=case, code=code, data=data, expected_version=case.version
    )


@transaction.atomic
def seed_demo_cases(geo: DemoGeography) -> int:
    """An untriaged emergency report, a separated child whose plan awaits approval, and a
    plan in progress. Does nothing when reports exist."""
    if Report.objects.exists():
        return 0
    hotline = User.objects.get(username="tongdai.quangngai")
    collaborator = User.objects.get(username="ctv.nghialo")
    worker = User.objects.get(username="canbo.nghialo")
    chairman = User.objects.get(username="chutich.nghialo")
    children = list(Child.objects.filter(commune=geo.communes[COMMUNE]).order_by("pk")[:2])
    today = timezone.localdate()
    ratings = {
        "risk_harm_severity": "high",
        "risk_abuser_access": "high",
        "risk_recovery": "medium",
    }
    _report(
        hotline,
        geo,
        None,
        description="Người gọi nghe trẻ kêu cứu trong đêm ở khu trọ tổ dân phố 3.",
        concerns=["violence"],
        danger=True,
    )
    separated = _open(
        worker,
        _report(
            hotline,
            geo,
            children[0],
            description="Trẻ bị cha say rượu đánh nhiều lần.",
            concerns=["violence"],
            danger=True,
            hours_ago=30,
        ),
    )
    _step(
        worker, separated, "initial_assess", overall_risk="high", emergency_needed=True, **ratings
    )
    now = timezone.now()
    _step(
        chairman,
        separated,
        "separate",
        decision_number="01/QĐ-UBND",
        separated_from="Cha của trẻ",
        reason="Cha là người gây tổn hại cho trẻ",
        place="Nhà bà ngoại, tổ dân phố 2",
        caregiver="Bà ngoại của trẻ",
        starts_at=now - dt.timedelta(hours=20),
        ends_at=now + dt.timedelta(days=6),
    )
    needs = {
        "assessed_on": today,
        "overall_risk": "medium",
        "protection_level": "intervention",
        "needs": "Tư vấn tâm lý; khám sức khỏe; hỗ trợ gia đình",
        "meeting_date": today,
        "meeting_chair": "Phạm Văn Minh",
    }
    _step(worker, separated, "needs_assess", **needs, **ratings)
    plan = {
        "objectives": "Bảo đảm an toàn và phục hồi tâm lý cho trẻ",
        "measures": "Tư vấn tâm lý hằng tuần – Trạm Y tế\nThăm gia đình – cán bộ phường",
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=60),
    }
    _step(worker, separated, "draft_plan", **plan)
    ongoing = _open(
        worker,
        _report(
            collaborator,
            geo,
            children[1],
            channel=Channel.COLLABORATOR,
            description="Trẻ thường xuyên ở nhà một mình, bỏ học.",
            concerns=["at_risk", "neglect"],
            hours_ago=200,
        ),
    )
    _step(worker, ongoing, "initial_assess", overall_risk="medium", **ratings)
    _step(worker, ongoing, "needs_assess", **{**needs, "protection_level": "support"})
    _step(worker, ongoing, "draft_plan", **plan)
    _step(chairman, ongoing, "approve_plan", decision_number="02/QĐ-UBND", decision_date=today)
    _step(worker, ongoing, "start_plan")
    task_add(
        actor=worker,
        case=ongoing,
        title="Làm việc với nhà trường về việc đi học lại",
        owner=worker,
        due_on=today + dt.timedelta(days=3),
    )
    return 3
