"""A tiny run of the scale-S generator: counts, every workflow step, audit rows as the app
writes them, spread over the monthly partitions, and a second run that adds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from bench.scale import AUDIT_PER_CHILD, MONTHS, ensure_scale
from cpms.audit.selectors import who_saw
from cpms.cases.choices import CaseState
from cpms.cases.tests.conftest import reference_data  # noqa: F401 - autouse
from cpms.children.models import Child


def rows(sql: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


@pytest.fixture(autouse=True)
def planner_sizes_kept(django_db_blocker):
    """ANALYZE and CREATE INDEX write table sizes into pg_class in place, which the test's
    rollback does not undo: put the sizes back so that later tests' plans are not skewed.
    Set up before the test's transaction (autouse, named before reference_data) and torn
    down after its rollback."""
    sizes = "SELECT oid, relpages, reltuples, relallvisible FROM pg_class"
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        assert not connection.in_atomic_block, "must run outside the test's transaction"
        cursor.execute(sizes)
        before = list(zip(*cursor.fetchall(), strict=True))
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        assert not connection.in_atomic_block, "must run after the test's rollback"
        cursor.execute(
            "UPDATE pg_class c SET relpages = b.p, reltuples = b.t, relallvisible = b.v"
            " FROM unnest(%s::oid[], %s::int[], %s::real[], %s::int[]) AS b(o, p, t, v)"
            " WHERE c.oid = b.o AND (c.relpages, c.reltuples, c.relallvisible) <> (b.p, b.t, b.v)",
            [list(column) for column in before],
        )


def test_ensure_scale_makes_every_step_and_the_audit_log(db):
    result = ensure_scale(300, 7)

    assert Child.objects.count() == 300
    assert result["rows"]["cases"] == 60 == rows("SELECT count(*) FROM cases_case")[0][0]
    assert {r[0] for r in rows("SELECT DISTINCT state FROM cases_case")} == set(CaseState.values)
    # Plans follow the step: none before "plan_drafted", approved from "plan_approved" on.
    early = rows(
        "SELECT count(*) FROM cases_plan p JOIN cases_case c ON c.id = p.case_id"
        " WHERE c.state IN ('received', 'initial_assessed', 'needs_assessed')"
    )
    assert early[0][0] == 0
    unapproved = rows(
        "SELECT count(*) FROM cases_plan p JOIN cases_case c ON c.id = p.case_id"
        " WHERE c.state IN ('plan_approved', 'in_progress', 'reviewed') AND p.approved_at IS NULL"
    )
    assert unapproved[0][0] == 0
    assert (
        rows("SELECT count(*) FROM cases_case WHERE state = 'closed' AND closed_at IS NULL")[0][0]
        == 0
    )

    audit = rows("SELECT event_type, subject_type, count(*) FROM audit_auditlog GROUP BY 1, 2")
    counts = {(e, s): n for e, s, n in audit}
    assert sum(counts.values()) >= AUDIT_PER_CHILD * 300 == result["audit"]["rows"]
    reads = counts[("read", "children.child")] + counts[("read", "cases.case")]
    assert reads > 0.6 * result["audit"]["rows"]
    assert {"login", "update", "out_of_scope"} <= {e for e, _ in counts}
    months = rows(
        "SELECT count(DISTINCT tableoid) FROM audit_auditlog WHERE subject_type <> ''"
        " AND tableoid <> 'audit_auditlog_default'::regclass"
    )
    assert months[0][0] == MONTHS
    # Subjects are the uids the views record, and the selector finds them.
    uid = rows(
        "SELECT subject_id FROM audit_auditlog WHERE event_type = 'read'"
        " AND subject_type = 'children.child' LIMIT 1"
    )[0][0]
    assert Child.objects.filter(uid=uid).exists()
    seen = list(who_saw(subject_type="children.child", subject_id=uid))
    assert seen and all(r.actor_id and r.actor_label.startswith("bench-") for r in seen)

    again = ensure_scale(300, 7)
    assert again["seconds"]["audit"] < 1
    assert rows("SELECT count(*) FROM audit_auditlog")[0][0] == sum(counts.values())
