"""The breach drill lists, from the audit log, what one account read, exported or was refused
in a window of days, and nothing of other accounts or other days."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cpms.audit.breach import breach_report, window
from cpms.audit.models import AuditEvent, AuditLog
from cpms.audit.services import audit_record
from cpms.cases.tests.conftest import reference_data  # noqa: F401 - concern types, rules
from cpms.cases.tests.factories import make_case
from cpms.children.tests.factories import make_child

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE = dt.datetime(2026, 10, 1, 9, tzinfo=VN)
INSIDE = dt.datetime(2026, 11, 10, 9, tzinfo=VN)
LAST_MINUTE = dt.datetime(2026, 11, 15, 23, 59, tzinfo=VN)
AFTER = dt.datetime(2026, 11, 16, 0, 1, tzinfo=VN)


@pytest.fixture
def known(world):
    """Audit rows of the worker inside 01–15/11/2026, and decoys outside it or by others."""
    with time_machine.travel(BEFORE, tick=False):
        tam = make_child(world, full_name="Lê Văn Tám")
        decoy = make_child(world, full_name="Phạm Thị Mơ")
        case = make_case(world)
    worker, leader = world.personas["worker"], world.personas["leader"]

    def read(actor, subject_type, subject_id, event=AuditEvent.READ, **extra):
        audit_record(
            event=event, actor=actor, subject_type=subject_type, subject_id=subject_id, extra=extra
        )

    with time_machine.travel(INSIDE, tick=False):
        read(worker, "children.child", tam.uid)
        read(worker, "cases.case", case.uid)
        read(worker, "accountability.entry", "", AuditEvent.EXPORT, rows=5)
        read(worker, "cases.case", uuid.uuid4(), AuditEvent.OUT_OF_SCOPE, need="case.view")
        read(worker, "children.child", decoy.uid, AuditEvent.DENIED, need="child.edit")
        read(leader, "children.child", decoy.uid)
    with time_machine.travel(LAST_MINUTE, tick=False):
        read(worker, "children.child", tam.uid)
    for moment in (BEFORE, AFTER):
        with time_machine.travel(moment, tick=False):
            read(worker, "children.child", decoy.uid)
    return {"tam": tam, "decoy": decoy, "case": case}


def drill(fmt: str = "json", user: str = "worker") -> str:
    out = io.StringIO()
    call_command(
        "breach_drill", user=user, start="01/11/2026", end="15/11/2026", format=fmt, stdout=out
    )
    return out.getvalue()


def test_it_groups_what_the_account_read_exported_and_was_refused(known):
    report = json.loads(drill())
    children = {c["label"]: c for c in report["children"]}
    assert set(children) == {"Lê Văn Tám", known["case"].child.full_name}
    assert children["Lê Văn Tám"]["count"] == 2  # both reads, the last minute included
    assert children[known["case"].child.full_name]["detail"] == {"via_case": str(known["case"].uid)}
    assert [c["subject_id"] for c in report["cases"]] == [str(known["case"].uid)]
    [export] = report["exports"]
    assert (export["subject_type"], export["detail"]["rows"]) == ("accountability.entry", 5)
    refused = {(r["subject_type"], r["detail"]["event"]) for r in report["refused"]}
    assert refused == {("cases.case", "out_of_scope"), ("children.child", "denied")}
    assert "Phạm Thị Mơ" not in json.dumps(report["children"], ensure_ascii=False)


def test_the_text_and_csv_forms_name_the_children_and_the_export_rows(known):
    text = drill("text")
    assert "Lê Văn Tám" in text
    assert "5 dòng" in text
    assert "Truy cập bị từ chối (2)" in text
    lines = drill("csv").splitlines()
    assert lines[0].startswith("group,subject_type,subject_id,label")
    assert sum(line.startswith("children,") for line in lines) == 2
    assert sum(line.startswith("refused,") for line in lines) == 2


def test_another_account_sees_only_its_own_rows(known):
    report = json.loads(drill(user="leader"))
    assert [c["label"] for c in report["children"]] == ["Phạm Thị Mơ"]
    assert report["cases"] == report["exports"] == report["refused"] == []


def test_it_uses_a_fixed_number_of_queries(known, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        breach_report(username="worker", start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 15))


def test_the_window_query_runs_on_the_actor_index(known, world):
    begin, end = window(dt.date(2026, 11, 1), dt.date(2026, 11, 15))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = AuditLog.objects.filter(
        actor=world.personas["worker"], event_time__gte=begin, event_time__lt=end
    ).explain()
    # The log is partitioned by month: each month's partition has its copies of the actor
    # indexes, named after the partition and the columns. On a few rows the planner picks the
    # (actor, time) index or the plain actor one depending on the statistics left by earlier
    # tests (ANALYZE in bench/tests): either is an index on the actor, never a scan.
    assert "actor_id" in plan and "Seq Scan" not in plan, plan


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"user": "nobody", "start": "01/11/2026", "end": "15/11/2026"}, "nobody"),
        ({"user": "worker", "start": "2026-11-01", "end": "15/11/2026"}, "dd/mm/yyyy"),
        ({"user": "worker", "start": "15/11/2026", "end": "01/11/2026"}, "sau ngày bắt đầu"),
    ],
)
def test_it_refuses_bad_arguments(world, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("breach_drill", **options, stdout=io.StringIO())
