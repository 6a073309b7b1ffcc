"""Reads of the operations app."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from .models import WorkerHeartbeat


def newest_heartbeat() -> dt.datetime | None:
    """When a background worker last reported in (None: never)."""
    newest: dt.datetime | None = WorkerHeartbeat.objects.aggregate(Max("last_seen"))[
        "last_seen__max"
    ]
    return newest
