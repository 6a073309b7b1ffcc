"""Timeline entries. The only writer of CaseEvent rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cpms.accounts.models import User

from .choices import EventKind
from .models import Case, CaseEvent


def event_record(
    *,
    case: Case,
    kind: EventKind,
    actor: User | None,
    at: dt.datetime | None = None,
    transition: str = "",
    from_state: str = "",
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        at=at or timezone.now(),
        transition=transition,
        from_state=from_state,
        to_state=case.state if kind == EventKind.TRANSITION else "",
        summary=summary[:500],
        data=data or {},
    )
