"""Conferences for tests, recorded through the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cpms.cases.models import Case
from cpms.conferences.models import CaseConference
from cpms.conferences.services import (
    ConferenceData,
    DecisionData,
    ParticipantData,
    conference_record,
)
from cpms.testing import World


def make_conference(world: World, case: Case, **overrides: Any) -> CaseConference:
    values: dict[str, Any] = {
        "actor": world.personas["worker"],
        "case": case,
        "data": ConferenceData(
            held_at=timezone.now() - dt.timedelta(hours=2),
            place="Hội trường UBND phường",
            chair_name="Phó Chủ tịch UBND phường",
            minutes="Thống nhất các biện pháp hỗ trợ.",
        ),
        "participants": [
            ParticipantData(name="Trần Văn Hùng", agency=world.police_a, position="Công an"),
            ParticipantData(name="Lê Thị Mai", agency=world.school_a, position="Giáo viên"),
        ],
        "decisions": [
            DecisionData(
                text="Thăm gia đình, đánh giá an toàn",
                owner=world.personas["worker"],
                due_on=timezone.localdate() + dt.timedelta(days=7),
            )
        ],
    }
    values.update(overrides)
    return conference_record(**values)
