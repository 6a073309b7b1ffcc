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


def busy_case(world: World, notes: int = 3) -> Case:
    """A case in progress with `notes` notes and as many tasks of the commune worker."""
    from cpms.cases.services import note_add, task_add

    case = walk_to(world, CaseState.IN_PROGRESS)
    worker = world.personas["worker"]
    for i in range(notes):
        note_add(actor=worker, case=case, text=f"Ghi chú {i}")
        task_add(actor=worker, case=case, title=f"Việc {i}", owner=None, due_on=None)
    return case
