"""The audit log is partitioned by month (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from cpms.audit.models import AuditEvent, AuditLog
from cpms.audit.partitions import ensure_partitions, partition_of
from cpms.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _month_name(day: dt.date) -> str:
    return f"audit_auditlog_y{day:%Y}m{day:%m}"


def _read(subject_id: str) -> AuditLog:
    return audit_record(event=AuditEvent.READ, actor=None, subject_type="x", subject_id=subject_id)


def test_rows_land_in_their_month_and_stay_append_only():
    row = _read("1")
    assert partition_of(row.pk) == _month_name(timezone.localdate())
    assert AuditLog.objects.get(pk=row.pk).subject_id == "1"
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditLog.objects.filter(pk=row.pk).update(subject_id="2")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditLog.objects.filter(pk=row.pk).delete()


def test_a_month_s_query_reads_only_that_month_s_partition():
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime(today.year, today.month, 1))
    query = AuditLog.objects.filter(
        event_time__gte=start, event_time__lt=start + dt.timedelta(days=20)
    )
    with connection.cursor() as cursor:
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    scanned = {word for word in plan.split() if word.startswith("audit_auditlog_")}
    assert scanned and all(word.startswith(_month_name(today)) for word in scanned), plan


def test_partitions_are_made_ahead_once_and_late_rows_move_out_of_the_default():
    assert ensure_partitions() == 0  # the migration made this year's
    far = timezone.localdate() + dt.timedelta(days=30 * 20)
    with time_machine.travel(dt.datetime(far.year, far.month, 10, 9, tzinfo=dt.UTC), tick=False):
        late = _read("late")
        assert partition_of(late.pk) == "audit_auditlog_default"
        assert ensure_partitions() >= 8
        assert ensure_partitions() == 0
    assert partition_of(late.pk) == _month_name(far.replace(day=10))
    assert AuditLog.objects.filter(subject_id="late").count() == 1
    with pytest.raises(DatabaseError), transaction.atomic():  # the guard is back on
        AuditLog.objects.filter(pk=late.pk).delete()


def test_ids_keep_counting_from_one_sequence():
    first, second = _read("a"), _read("b")
    assert second.pk == first.pk + 1
