from __future__ import annotations

import datetime as dt

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditEvent
from cpms.audit.selectors import who_saw
from cpms.audit.services import audit_record
from cpms.children.tests.factories import make_child


def test_it_lists_every_read_and_export_of_the_child_newest_first(world, client_for):
    child = make_child(world)
    other = make_child(world, full_name="Trần Văn Nam")
    client_for("worker").get(reverse("children:detail", args=[child.uid]))
    client_for("outsider").get(reverse("children:detail", args=[child.uid]))  # refused: 404
    client_for("leader").get(reverse("children:detail", args=[child.uid]))
    client_for("worker").get(reverse("children:detail", args=[other.uid]))
    audit_record(
        event=AuditEvent.EXPORT,
        actor=world.personas["officer"],
        subject_type="children.child",
        subject_id=child.uid,
    )
    # The same id under another subject type is another record.
    audit_record(event=AuditEvent.READ, actor=None, subject_type="cases.case", subject_id=child.uid)

    rows = list(who_saw(subject_type="children.child", subject_id=child.uid))

    assert [(r.actor_label, r.event_type) for r in rows] == [
        ("officer", AuditEvent.EXPORT),
        ("leader", AuditEvent.READ),
        ("worker", AuditEvent.READ),
    ]
    assert rows[-1].actor == world.personas["worker"]
    assert all(r.subject_id == str(child.uid) for r in rows)


def test_it_orders_by_time_across_monthly_partitions(world):
    child = make_child(world)
    now = timezone.now()
    # Rows of past months, as a long-running register has them (audit_record stamps "now").
    with connection.cursor() as cursor:
        for days in (70, 1, 35, 400):
            cursor.execute(
                "INSERT INTO audit_auditlog (event_time, actor_label, event_type, subject_type,"
                " subject_id, path, extra_data) VALUES (%s, 'worker', 'read', 'children.child',"
                " %s, '', '{}')",
                [now - dt.timedelta(days=days), str(child.uid)],
            )
    rows = list(who_saw(subject_type="children.child", subject_id=child.uid))
    times = [r.event_time for r in rows]
    assert times == sorted(times, reverse=True)
    assert [round((now - t).days) for t in times] == [1, 35, 70, 400]


def test_it_is_answered_from_the_subject_index(world):
    child = make_child(world)
    query = who_saw(subject_type="children.child", subject_id=child.uid)
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "audit_auditlog_" in plan
    assert "Seq Scan on audit_auditlog" not in plan
    assert "subject_type_subject_id_event_time_idx" in plan
