"""Reports for tests, built through the services."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from cpms.children.models import Child
from cpms.intake.choices import Channel, ChildSex
from cpms.intake.models import ConcernType, Report
from cpms.intake.services import ReportChildData, ReportData, report_receive
from cpms.testing import World


def make_report(
    world: World,
    *,
    actor: Any = None,
    child: Child | None = None,
    key: uuid.UUID | None = None,
    received_at: dt.datetime | None = None,
    **overrides: Any,
) -> Report:
    values: dict[str, Any] = {
        "channel": Channel.HOTLINE_111,
        "received_at": received_at or timezone.now(),
        "commune": world.commune_a,
        "description": "Hàng xóm nghe tiếng trẻ kêu khóc, bị đánh nhiều lần.",
        "concern_types": list(ConcernType.objects.filter(code="violence")),
        "reporter_name": "Trần Thị Bình",
        "reporter_phone": "0905123456",
        "reporter_address": "Tổ 3, phường An Hòa",
        "children": [
            ReportChildData(
                full_name=child.full_name if child else "Nguyễn Thị Lan",
                birth_date=child.birth_date if child else dt.date(2015, 3, 14),
                sex=ChildSex.FEMALE,
                condition="Có vết bầm ở tay",
                child=child,
            )
        ],
    }
    values.update(overrides)
    return report_receive(
        actor=actor or world.personas["hotline"], data=ReportData(**values), idempotency_key=key
    )
