"""Demo reports for Phường Nghĩa Lộ (idempotent): the first half of 2026 submitted and
approved by the province, the second half as a draft."""

from __future__ import annotations

from django.db import transaction

from cpms.accounts.models import User
from cpms.geography.demo import DemoGeography

from .choices import Action, ReportKind
from .models import PeriodicReport
from .periods import period_for
from .services import report_create, report_transition, report_update

DEMO_COMMUNE = "Phường Nghĩa Lộ"
NARRATIVE = {
    "general_situation": (
        "Tình hình trẻ em trên địa bàn phường cơ bản ổn định; công tác bảo vệ trẻ em được "
        "cấp ủy, chính quyền quan tâm chỉ đạo."
    ),
    "results": (
        "Tiếp nhận và xử lý kịp thời các thông tin về trẻ em bị xâm hại; tổ chức tuyên "
        "truyền tại các tổ dân phố và trường học."
    ),
    "difficulties": "Cán bộ làm công tác trẻ em kiêm nhiệm nhiều việc.",
    "recommendations": "Đề nghị tỉnh tổ chức tập huấn kỹ năng hỗ trợ, can thiệp.",
    "signer_name": "Phạm Văn Minh",
}


@transaction.atomic
def seed_demo_reports(geo: DemoGeography) -> int:
    """Create what is missing; returns how many reports were created."""
    commune = geo.communes[DEMO_COMMUNE]
    worker = User.objects.get(username="canbo.nghialo")
    officer = User.objects.get(username="soyte.quangngai")
    created = 0
    for half, steps in ((1, (Action.SUBMIT, Action.REVIEW, Action.APPROVE)), (2, ())):
        start, end = period_for(ReportKind.SIX_MONTHLY, 2026, half)
        if PeriodicReport.objects.filter(
            unit=commune, kind=ReportKind.SIX_MONTHLY, period_start=start, period_end=end
        ).exists():
            continue
        report = report_create(
            actor=worker, unit=commune, kind=ReportKind.SIX_MONTHLY, start=start, end=end
        )
        report = report_update(
            actor=worker, report=report, expected_version=report.version, values=NARRATIVE
        )
        for action in steps:
            actor = worker if action == Action.SUBMIT else officer
            report = report_transition(
                actor=actor, report=report, action=action, expected_version=report.version
            )
        created += 1
    return created
