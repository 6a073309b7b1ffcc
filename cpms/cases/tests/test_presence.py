"""The case page asks once which sections have rows, and queries only those."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpms.cases.choices import CaseState
from cpms.cases.presence import case_presence
from cpms.cases.services import note_add, task_add
from cpms.cases.tests.factories import make_case
from cpms.cases.tests.walk import walk_to


def test_it_tells_which_sections_have_rows(world):
    case = make_case(world)
    before = case_presence(case)
    assert not before["notes"] and not before["tasks"] and not before["plans"]
    assert {"conferences", "transfers", "referrals", "attachments"} <= before.keys()
    note_add(actor=world.personas["worker"], case=case, text="Đã gọi điện cho gia đình")
    task_add(actor=world.personas["worker"], case=case, title="Thăm nhà", owner=None, due_on=None)
    after = case_presence(case)
    assert after["notes"] and after["tasks"] and not after["plans"]


def _tables_read(client, case) -> str:
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("cases:detail", args=[case.uid]))
    assert page.status_code == 200
    return "\n".join(q["sql"] for q in ctx.captured_queries)


def test_an_empty_section_costs_no_query_and_a_filled_one_is_shown(world, client_for):
    case = walk_to(world, CaseState.IN_PROGRESS)
    client = client_for("worker")
    client.get(reverse("cases:detail", args=[case.uid]))
    sql = _tables_read(client, case)
    assert (
        'SELECT "cases_casenote"."id"' not in sql
        and 'SELECT "conferences_caseconference"."id"' not in sql
    )
    note_add(actor=world.personas["worker"], case=case, text="Trẻ đã đi học lại")
    sql = _tables_read(client, case)
    assert 'SELECT "cases_casenote"."id"' in sql
    page = client.get(reverse("cases:detail", args=[case.uid])).content.decode()
    assert "Trẻ đã đi học lại" in page
