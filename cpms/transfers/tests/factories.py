"""Transfers for tests, made through the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cpms.cases.models import Case
from cpms.testing import World
from cpms.transfers.models import CaseTransfer
from cpms.transfers.services import case_transfer


def transfer_to_b(world: World, case: Case, **overrides: Any) -> CaseTransfer:
    case.refresh_from_db()
    values: dict[str, Any] = {
        "actor": world.personas["worker"],
        "case": case,
        "to_commune": world.commune_b,
        "reason": "Gia đình chuyển về quê ngoại",
        "moved_on": timezone.localdate() - dt.timedelta(days=3),
        "expected_version": case.version,
    }
    values.update(overrides)
    return case_transfer(**values)
