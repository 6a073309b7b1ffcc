from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.cases.choices import CaseState
from cpms.cases.deadlines import DeadlineStatus, deadline_status, due_at
from cpms.cases.models import CaseDeadline, DeadlineRule
from cpms.cases.services import task_add
from cpms.cases.tests.factories import initial_data, make_case, step
from cpms.cases.tests.walk import busy_case
from cpms.children.tests.factories import make_child
from cpms.intake.tests.factories import make_report
from cpms.workdays.models import AdjustmentKind, CalendarAdjustment

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_seeded_rules_carry_their_legal_basis(db):
    rules = {r.code: r for r in DeadlineRule.objects.all()}
    assert (rules["emergency_action"].amount, rules["emergency_action"].unit) == (12, "hours")
    assert (rules["plan_draft"].amount, rules["plan_draft"].unit) == (5, "working_days")
    assert "UNVERIFIED" in rules["plan_approval"].note
    assert "Điều 32" in rules["separation_expiry"].legal_basis


def test_a_changed_rule_applies_to_new_cases(world):
    DeadlineRule.objects.filter(code="plan_draft").update(amount=3)
    case = make_case(world, received_at=dt.datetime(2026, 11, 2, 9, tzinfo=VN))  # Monday
    row = CaseDeadline.objects.get(case=case, rule__code="plan_draft")
    assert row.due_at == dt.datetime(2026, 11, 5, 23, 59, 59, 999999, tzinfo=VN)


def test_an_announced_day_off_moves_a_working_day_deadline(db):
    rule = DeadlineRule.objects.get(code="plan_draft")
    start = dt.datetime(2026, 11, 2, 9, tzinfo=VN)  # Monday → due Monday 9/11
    assert due_at(rule, start).date() == dt.date(2026, 11, 9)
    CalendarAdjustment.objects.create(
        date=dt.date(2026, 11, 4), kind=AdjustmentKind.DAY_OFF, reason="x"
    )
    assert due_at(rule, start).date() == dt.date(2026, 11, 10)


def test_only_an_emergency_starts_the_12_hour_clock(world):
    calm = make_case(world)
    assert not CaseDeadline.objects.filter(case=calm, rule__code="emergency_action").exists()
    step(world, calm, "initial_assess", **initial_data(emergency=True))
    row = CaseDeadline.objects.get(case=calm, rule__code="emergency_action")
    assert row.due_at == calm.received_at + dt.timedelta(hours=12)


def test_an_overdue_clock_stays_overdue_until_met(world):
    case = make_case(world)
    row = CaseDeadline.objects.get(case=case, rule__code="initial_assessment")
    assert deadline_status(row, row.due_at - dt.timedelta(hours=1)) == DeadlineStatus.DUE_SOON
    assert deadline_status(row, row.due_at + dt.timedelta(days=30)) == DeadlineStatus.OVERDUE
    with time_machine.travel(row.due_at + dt.timedelta(hours=1)):
        step(world, case, "initial_assess", **initial_data())
    row.refresh_from_db()
    assert deadline_status(row) == DeadlineStatus.MET_LATE


def test_a_separation_over_15_days_needs_an_authority(world):
    case = make_case(world, emergency=True)
    step(world, case, "initial_assess", **initial_data(emergency=True))
    now = timezone.now()
    data = {
        "decision_number": "01/QĐ-UBND",
        "separated_from": "Cha",
        "reason": "x",
        "place": "y",
        "starts_at": now,
        "ends_at": now + dt.timedelta(days=16),
    }
    with pytest.raises(ValidationError):
        step(world, case, "separate", "leader", **data)
    step(
        world,
        case,
        "separate",
        "leader",
        authority_extended=True,
        authority_basis="CV 12/CA",
        **data,
    )
    assert case.__class__.objects.get(pk=case.pk).state == CaseState.TEMPORARY_SEPARATION


def test_the_case_list_shows_due_and_overdue_in_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    old = make_case(world, received_at=timezone.now() - dt.timedelta(days=20))
    client = client_for("worker")
    client.get(reverse("cases:list"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("cases:list")).content.decode()
    assert "Quá hạn" in page and str(old.uid) in page
    for i in range(6):
        child = make_child(world, full_name=f"Trần Văn Số {i}", birth_date=dt.date(2016, 1, i + 1))
        make_report(world, child=child)
        make_case_for(world, child)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("cases:list")).status_code == 200
    overdue = client.get(reverse("cases:list"), {"overdue": "1"}).content.decode()
    assert str(old.uid) in overdue


def make_case_for(world, child):
    from cpms.cases.services import case_open

    return case_open(
        actor=world.personas["worker"],
        child=child,
        commune=world.commune_a,
        received_at=timezone.now(),
    )


def test_the_case_page_runs_a_fixed_number_of_queries_and_is_audited(
    world, client_for, django_assert_max_num_queries
):
    case = busy_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", args=[case.uid])
    client.get(url)
    with django_assert_max_num_queries(30):
        page = client.get(url).content.decode()
    assert "Ghi chú 2" in page and "Việc 2" in page
    assert AuditLog.objects.filter(subject_id=str(case.uid), event_type="read").count() == 2


def test_my_work_lists_due_steps_and_tasks_in_scope(
    world, client_for, django_assert_max_num_queries
):
    case = make_case(world)
    task_add(
        actor=world.personas["worker"],
        case=case,
        title="Gọi cho nhà trường",
        owner=world.personas["worker"],
        due_on=timezone.localdate(),
    )
    client = client_for("worker")
    client.get(reverse("cases:my-work"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("cases:my-work")).content.decode()
    assert "Đánh giá nguy cơ ban đầu (Mẫu 02)" in page and "Gọi cho nhà trường" in page
    other = client_for("outsider").get(reverse("cases:my-work")).content.decode()
    assert "Gọi cho nhà trường" not in other and str(case.uid) not in other


def test_notes_and_tasks_are_added_and_done_through_the_pages(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    client.post(reverse("cases:note-add", args=[case.uid]), {"text": "Đã gọi điện cho mẹ"})
    client.post(reverse("cases:task-add", args=[case.uid]), {"title": "Thăm nhà"})
    task = case.tasks.get()
    client.post(reverse("cases:task-done", args=[case.uid, task.uid]))
    task.refresh_from_db()
    assert task.done_at is not None
    assert case.notes.get().text == "Đã gọi điện cho mẹ"
    assert (
        client_for("officer")
        .post(reverse("cases:note-add", args=[case.uid]), {"text": "x"})
        .status_code
        == 403
    )


def test_triage_links_a_second_report_and_records_why_no_case(world, client_for):
    case = make_case(world)
    report = make_report(world, child=case.child)
    row = report.children.get()
    client = client_for("worker")
    url = reverse("cases:triage", args=[report.uid])
    assert (
        client.post(
            url, {"version": report.version, f"outcome_{row.uid}": "case_linked"}
        ).status_code
        == 302
    )
    row.refresh_from_db()
    assert row.case == case
    third = make_report(world)
    third_row = third.children.get()
    url = reverse("cases:triage", args=[third.uid])
    no_reason = client.post(url, {"version": third.version, f"outcome_{third_row.uid}": "no_case"})
    assert no_reason.status_code == 200
    ok = client.post(
        url,
        {
            "version": third.version,
            f"outcome_{third_row.uid}": "no_case",
            f"reason_{third_row.uid}": "Tin sai",
        },
    )
    assert ok.status_code == 302
    third.refresh_from_db()
    assert third.status == "triaged"
    assert client_for("outsider").get(url).status_code == 404
