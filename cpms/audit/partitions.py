"""Monthly partitions of the audit log (see migration 0002 for why and how)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone

MONTHS_AHEAD = 12


def ensure_partitions(months_ahead: int = MONTHS_AHEAD) -> int:
    """Create the partitions from this month to `months_ahead` months on; returns how many
    were new. Safe to run at any time and from several workers (creation is transactional,
    and a second run finds them made)."""
    today = timezone.localdate()
    months = today.year * 12 + today.month - 1 + months_ahead
    last = dt.date(months // 12, months % 12 + 1, 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_ensure_partitions(%s, %s)", [today, last])
        (created,) = cursor.fetchone()
    return int(created)


def partition_of(audit_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM audit_auditlog WHERE id = %s", [audit_id]
        )
        (name,) = cursor.fetchone()
    return str(name)


def rows_outside_partitions(cap: int) -> int:
    """Rows in the default partition (none while the partition task runs), counted up to
    `cap`: a runaway default partition would make an exact count a slow scan."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM audit_auditlog_default LIMIT %s) AS rows", [cap]
        )
        (rows,) = cursor.fetchone()
    return int(rows)


def partitions_from(day: dt.date) -> int:
    """Monthly partitions from `day`'s month on (audit_auditlog_yYYYYmMM, migration 0002)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = 'audit_auditlog'::regclass"
            " AND c.relname ~ '_y[0-9]{4}m[0-9]{2}$' AND c.relname >= %s",
            [f"audit_auditlog_y{day:%Y}m{day:%m}"],
        )
        (count,) = cursor.fetchone()
    return int(count)
