"""Calls for tests, built through the services."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from cpms.hotline.choices import CallType
from cpms.hotline.models import Call
from cpms.hotline.services import CallChildData, CallData, call_log
from cpms.intake.choices import ChildSex, ReporterRelation
from cpms.testing import World


def make_call(
    world: World, *, actor: Any = None, key: uuid.UUID | None = None, **overrides: Any
) -> Call:
    values: dict[str, Any] = {
        "call_type": CallType.NEW_REPORT,
        "received_at": timezone.now(),
        "duration_seconds": 330,
        "caller_relation": ReporterRelation.NEIGHBOUR,
        "caller_name": "Trần Thị Bình",
        "caller_phone": "0905123456",
        "summary": "Hàng xóm nghe tiếng trẻ kêu khóc, bị đánh nhiều lần.",
        "children": [
            CallChildData(full_name="Nguyễn Thị Lan", age_estimate=9, sex=ChildSex.FEMALE)
        ],
    }
    values.update(overrides)
    return call_log(
        actor=actor or world.personas["hotline"], data=CallData(**values), idempotency_key=key
    )
