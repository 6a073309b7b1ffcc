from __future__ import annotations

import socket

from django.db.models import F
from django.utils import timezone

from .models import WorkerHeartbeat


def heartbeat_record(*, worker: str | None = None) -> WorkerHeartbeat:
    """Upsert this worker's heartbeat row (safe with several workers running)."""
    name = worker or socket.gethostname()
    now = timezone.now()
    beat, created = WorkerHeartbeat.objects.get_or_create(
        worker=name, defaults={"last_seen": now, "beats": 1}
    )
    if not created:
        WorkerHeartbeat.objects.filter(pk=beat.pk).update(last_seen=now, beats=F("beats") + 1)
        beat.refresh_from_db()
    return beat
