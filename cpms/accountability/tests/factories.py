"""Register entries for tests, built through the services."""

from __future__ import annotations

from typing import Any

from cpms.accountability.models import AccountabilityEntry, LegalReference
from cpms.accountability.services import EntryData, entry_record
from cpms.cases.models import Case
from cpms.cases.tests.factories import make_case
from cpms.testing import World


def make_entry(
    world: World, *, case: Case | None = None, persona: str = "worker", **overrides: Any
) -> AccountabilityEntry:
    values: dict[str, Any] = {
        "kind": "failure_to_report",
        "description": "Giáo viên chủ nhiệm biết trẻ bị bạo lực nhưng không thông báo.",
        "person_name": "Trần Văn Bình",
        "person_role": "Giáo viên chủ nhiệm",
        "agency": world.school_a,
        "legal_references": list(LegalReference.objects.filter(code="law_children_2016_art6")),
    }
    values.update(overrides)
    return entry_record(
        actor=world.personas[persona], data=EntryData(case=case or make_case(world), **values)
    )
