"""The police and court track: recorded by the commune worker or by police within their
referral scope, each milestone audited and on the timeline."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.choices import EventKind
from cpms.cases.models import CaseEvent, JusticeMilestone
from cpms.cases.tests.abuse_factories import add_milestone, refer
from cpms.cases.tests.factories import make_case


def post_data(**overrides):
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "kind": "prosecution",
        "occurred_on": timezone.localdate().strftime("%d/%m/%Y"),
        "unit": "Cơ quan CSĐT Công an tỉnh",
        "decision": "prosecute",
        "number": "12/QĐ-CSĐT",
        "summary": "Khởi tố vụ án hình sự",
    }
    data.update(overrides)
    return data


def test_the_worker_records_a_milestone_on_the_timeline_and_in_the_audit(world, client_for):
    case = make_case(world)
    url = reverse("cases:justice-add", kwargs={"uid": case.uid})
    client = client_for("worker")
    assert client.get(url).status_code == 200
    data = post_data()
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # a double submission records once
    row = JusticeMilestone.objects.get(case=case)
    assert (row.kind, row.decision, row.number) == ("prosecution", "prosecute", "12/QĐ-CSĐT")
    event = CaseEvent.objects.get(case=case, kind=EventKind.JUSTICE_RECORDED)
    assert "Khởi tố" in event.summary and event.actor == world.personas["worker"]
    log = AuditLog.objects.get(subject_id=str(case.uid), extra_data__justice="prosecution")
    assert log.event_type == AuditEvent.UPDATE
    page = client.get(reverse("cases:detail", kwargs={"uid": case.uid}))
    assert "12/QĐ-CSĐT" in page.content.decode()


def test_police_record_milestones_only_on_cases_referred_to_them(world, client_for):
    case = make_case(world)
    url = reverse("cases:justice-add", kwargs={"uid": case.uid})
    police = client_for("police")
    assert police.post(url, post_data()).status_code == 404
    assert not JusticeMilestone.objects.exists()
    refer(world, case)
    assert police.get(url).status_code == 200
    data = post_data(
        kind="forensic", decision="", unit="Trung tâm pháp y", summary="Có thương tích"
    )
    assert police.post(url, data).status_code == 302
    row = JusticeMilestone.objects.get(case=case)
    assert row.recorded_by == world.personas["police"]
    # Within the referral, police record the track but do not edit the case itself.
    assert police.get(reverse("cases:abuse", kwargs={"uid": case.uid})).status_code == 403


def test_an_expired_referral_ends_police_access(world, client_for):
    case = make_case(world)
    grant = refer(world, case)
    grant.valid_until = timezone.now() - dt.timedelta(minutes=1)
    grant.valid_from = grant.valid_until - dt.timedelta(days=1)
    grant.save()
    url = reverse("cases:justice-add", kwargs={"uid": case.uid})
    assert client_for("police").get(url).status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("officer", 403), ("outsider", 404)])
def test_others_may_not_record_milestones(world, client_for, persona, status):
    case = make_case(world)
    url = reverse("cases:justice-add", kwargs={"uid": case.uid})
    assert client_for(persona).post(url, post_data()).status_code == status
    assert not JusticeMilestone.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"decision": ""}, "decision"),
        ({"kind": "trial", "decision": "", "unit": ""}, "unit"),
        ({"kind": "verdict", "decision": "", "summary": ""}, "summary"),
        ({"kind": "reported", "decision": "prosecute"}, "decision"),
        ({"occurred_on": "01/01/2999"}, "occurred_on"),
    ],
)
def test_each_kind_asks_for_what_it_records(world, client_for, overrides, field):
    case = make_case(world)
    url = reverse("cases:justice-add", kwargs={"uid": case.uid})
    page = client_for("worker").post(url, post_data(**overrides))
    assert page.status_code == 200
    assert field in page.context["form"].errors
    assert not JusticeMilestone.objects.exists()


def test_the_service_checks_kinds_too(world):
    case = make_case(world)
    with pytest.raises(ValidationError):
        add_milestone(world, case, kind="verdict", summary="")


def test_a_milestone_entered_in_error_is_withdrawn_not_deleted(world, client_for):
    case = make_case(world)
    row = add_milestone(world, case)
    url = reverse("cases:justice-withdraw", kwargs={"uid": case.uid, "row_uid": row.uid})
    assert client_for("officer").post(url, {"reason": "x"}).status_code == 403
    assert client_for("worker").post(url, {"reason": "Nhầm ngày"}).status_code == 302
    row.refresh_from_db()
    assert row.withdrawn_reason == "Nhầm ngày" and row.withdrawn_by == world.personas["worker"]
    assert CaseEvent.objects.filter(case=case, kind=EventKind.JUSTICE_WITHDRAWN).count() == 1
