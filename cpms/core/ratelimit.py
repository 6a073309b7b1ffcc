"""Fixed-window rate limits counted in PostgreSQL, so every gunicorn process shares them.

The counter table is `public.RateCounter` (core holds no concrete models). Each call to
`hit` adds one to the counter of (key, current window) with a single upsert and says whether
the caller is still within the limit. Expired windows are deleted by the periodic task
`public.prune_rate_counters` and, as a fallback, by `prune()` on a small share of writes.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

# One write in this many also prunes expired windows (cheap: the table is small and indexed).
PRUNE_EVERY = 200


def _table() -> str:
    from cpms.public.models import RateCounter

    return connection.ops.quote_name(RateCounter._meta.db_table)


def window_start(now: datetime, window: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % window, tz=UTC)


def hit(key: str, *, limit: int, window: int, now: datetime | None = None) -> bool:
    """Count one request for `key` in the current `window` (seconds); True while the count
    is at most `limit`. Refused requests are counted too, so hammering does not reset it."""
    return hit_count(key, window=window, now=now) <= limit


def hit_count(key: str, *, window: int, now: datetime | None = None) -> int:
    """Count one request for `key` in the current `window`; returns the count so far,
    this request included (callers can act once, on the first refusal)."""
    if window <= 0:
        raise ValueError("window must be positive")
    now = now or timezone.now()
    start = window_start(now, window)
    table = _table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, expires_at, count) "  # noqa: S608
            "VALUES (%s, %s, %s, 1) "
            "ON CONFLICT (key, window_start) "
            f"DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [key[:200], start, start + timedelta(seconds=window)],
        )
        row = cursor.fetchone()
    if secrets.randbelow(PRUNE_EVERY) == 0:
        prune(now)
    return int(row[0]) if row else 0


def prune(now: datetime | None = None) -> int:
    """Delete expired windows; returns how many rows went."""
    from cpms.public.models import RateCounter

    deleted, _ = RateCounter.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the last address of the header named by
    settings.RATELIMIT_TRUSTED_PROXY_HEADER (e.g. "HTTP_X_FORWARDED_FOR") when set. Only a
    proxy we run may be believed, and it appends the address it saw: earlier entries were
    written by the client and could be anything."""
    header = getattr(settings, "RATELIMIT_TRUSTED_PROXY_HEADER", "")
    if header:
        forwarded = str(request.META.get(header, ""))
        last = forwarded.split(",")[-1].strip()
        if last:
            return last[:100]
    return str(request.META.get("REMOTE_ADDR") or "unknown")[:100]
