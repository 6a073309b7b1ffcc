"""Walk a case to a given state through the services (for permission tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cpms.cases.choices import CaseState
from cpms.cases.models import Case
from cpms.cases.tests.factories import initial_data, make_case, needs_data, plan_data, step
from cpms.testing import World


def _today() -> dt.date:
    return timezone.localdate()


PATH: list[tuple[str, str, Any]] = [
    ("initial_assess", "worker", lambda: initial_data()),
    ("needs_assess", "worker", lambda: needs_data(_today())),
    ("draft_plan", "worker", lambda: plan_data(_today(), _today() + dt.timedelta(days=30))),
    (
        "approve_plan",
        "leader",
        lambda: {"decision_number": "12/QĐ-UBND", "decision_date": _today()},
    ),
    ("start_plan", "worker", dict),
    ("review", "worker", lambda: {"reviewed_on": _today(), "proposal": "close"}),
    ("close", "leader", lambda: {"reason": "Trẻ đã an toàn"}),
]


def walk_to(world: World, state: CaseState, *, emergency: bool = False) -> Case:
    case = make_case(world, emergency=emergency)
    for code, persona, data in PATH:
        if case.state == state:
            break
        case = step(world, case, code, persona, **data())
    assert case.state == state
    return case
