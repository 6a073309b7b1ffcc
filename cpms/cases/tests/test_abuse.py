"""Abuse types and setting on a case; alleged perpetrators seen only by the roles that need
them, every view audited."""

from __future__ import annotations

import uuid

import pytest
from django.db import ProgrammingError, transaction
from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.abuse import abuse_update, perpetrator_withdraw
from cpms.cases.choices import EventKind
from cpms.cases.models import AllegedPerpetrator, CaseEvent
from cpms.cases.services import StaleEditError
from cpms.cases.tests.abuse_factories import add_perpetrator, refer
from cpms.cases.tests.factories import make_case
from cpms.children.services import family_member_add
from cpms.children.tests.factories import make_child
from cpms.intake.models import ConcernType

NAME = "Trần Văn Dượng"


def reveals(case):
    return AuditLog.objects.filter(
        subject_type="cases.case", subject_id=str(case.uid), extra_data__reveal="perpetrators"
    )


def test_it_records_abuse_types_and_setting_with_event_and_audit(world):
    case = make_case(world)
    types = list(ConcernType.objects.filter(code__in=["sexual_abuse", "molestation"]))
    assert len(types) == 2
    updated = abuse_update(
        actor=world.personas["worker"],
        case=case,
        concern_types=types,
        setting="online",
        expected_version=case.version,
    )
    assert set(updated.concern_types.values_list("code", flat=True)) == {
        "sexual_abuse",
        "molestation",
    }
    assert updated.setting == "online" and updated.version == case.version + 1
    event = CaseEvent.objects.get(case=case, kind=EventKind.ABUSE_UPDATED)
    assert "Môi trường mạng" in event.summary
    log = AuditLog.objects.filter(subject_id=str(case.uid), event_type=AuditEvent.UPDATE).first()
    assert log is not None and log.extra_data["setting"] == "online"


def test_it_refuses_an_abuse_edit_over_a_newer_version(world):
    case = make_case(world)
    abuse_update(
        actor=world.personas["worker"],
        case=case,
        concern_types=[],
        setting="family",
        expected_version=case.version,
    )
    with pytest.raises(StaleEditError):
        abuse_update(
            actor=world.personas["leader"],
            case=case,
            concern_types=[],
            setting="school",
            expected_version=case.version,
        )


def test_the_abuse_form_starts_from_the_report_and_saves(world, client_for):
    case = make_case(world, setting="school")
    client = client_for("worker")
    url = reverse("cases:abuse", kwargs={"uid": case.uid})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["setting"] == "school"
    violence = ConcernType.objects.get(code="violence")
    data = {"version": case.version, "concern_types": [violence.pk], "setting": "family"}
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.setting == "family"
    stale = client.post(url, {**data, "setting": "online"})
    assert stale.status_code == 409


def test_the_worker_sees_perpetrators_and_each_view_is_audited(world, client_for):
    case = make_case(world)
    add_perpetrator(world, case)
    client = client_for("worker")
    url = reverse("cases:perpetrators", kwargs={"uid": case.uid})
    for _ in range(2):
        page = client.get(url)
        assert page.status_code == 200
        assert NAME in page.content.decode()
    assert reveals(case).count() == 2
    assert reveals(case).first().extra_data["count"] == 1


def test_viewers_without_the_permission_see_that_details_exist_but_not_who(world, client_for):
    case = make_case(world)
    add_perpetrator(world, case)
    officer = client_for("officer")
    page = officer.get(reverse("cases:detail", kwargs={"uid": case.uid}))
    body = page.content.decode()
    assert page.status_code == 200
    assert NAME not in body
    assert "Người bị cho là gây hại: 1" in body
    assert "Thông tin hạn chế" in body
    url = reverse("cases:perpetrators", kwargs={"uid": case.uid})
    assert officer.get(url).status_code == 403
    assert reveals(case).count() == 0
    denied = AuditLog.objects.filter(subject_id=str(case.uid), event_type=AuditEvent.DENIED)
    assert denied.get().extra_data["need"] == "case.perpetrator_view"


def test_the_timeline_never_names_the_perpetrator(world, client_for):
    case = make_case(world)
    row = add_perpetrator(world, case)
    perpetrator_withdraw(actor=world.personas["worker"], perpetrator=row, reason="Nhầm người")
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", "summary"))
    assert (EventKind.PERPETRATOR_ADDED, "") in kinds
    assert (EventKind.PERPETRATOR_WITHDRAWN, "") in kinds
    assert all(NAME not in summary for _kind, summary in kinds)


@pytest.mark.parametrize(
    ("persona", "status"), [("outsider", 404), ("police", 404), ("school", 404)]
)
def test_out_of_scope_viewers_get_404(world, client_for, persona, status):
    case = make_case(world)
    add_perpetrator(world, case)
    url = reverse("cases:perpetrators", kwargs={"uid": case.uid})
    assert client_for(persona).get(url).status_code == status


def test_police_see_perpetrators_of_a_case_referred_to_them_and_school_does_not(world, client_for):
    case = make_case(world)
    add_perpetrator(world, case)
    url = reverse("cases:perpetrators", kwargs={"uid": case.uid})
    refer(world, case)
    refer(world, case, world.school_a)
    page = client_for("police").get(url)
    assert page.status_code == 200 and NAME in page.content.decode()
    assert "Thêm người" not in page.content.decode()  # police do not edit the case
    assert client_for("school").get(url).status_code == 403


def test_the_worker_adds_a_perpetrator_once_even_when_the_form_is_sent_twice(world, client_for):
    case = make_case(world)
    link = family_member_add(
        actor=None, child=case.child, full_name="Nguyễn Văn Cha", relationship="father"
    )
    client = client_for("worker")
    url = reverse("cases:perpetrator-add", kwargs={"uid": case.uid})
    assert client.get(url).status_code == 200
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "person": link.person.pk,
        "full_name": "",
        "relationship": "parent",
        "sex": "male",
        "age": "",
        "lives_with_child": "true",
        "notes": "Đánh trẻ nhiều lần",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    row = AllegedPerpetrator.objects.get(case=case)
    assert row.full_name == "Nguyễn Văn Cha" and row.lives_with_child is True
    assert CaseEvent.objects.filter(case=case, kind=EventKind.PERPETRATOR_ADDED).count() == 1


def test_a_person_outside_the_childs_file_is_refused(world, client_for):
    case = make_case(world)
    stranger = family_member_add(
        actor=None,
        child=make_child(world, full_name="Lê Thị Khác"),
        full_name="Lê Văn Xa",
        relationship="father",
    )
    url = reverse("cases:perpetrator-add", kwargs={"uid": case.uid})
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "person": stranger.person.pk,
        "relationship": "parent",
        "sex": "male",
        "lives_with_child": "unknown",
    }
    page = client_for("worker").post(url, data)
    assert page.status_code == 200
    assert not AllegedPerpetrator.objects.filter(case=case).exists()


def test_withdrawal_keeps_the_row_and_the_database_refuses_deletes(world, client_for):
    case = make_case(world)
    row = add_perpetrator(world, case)
    url = reverse("cases:perpetrator-withdraw", kwargs={"uid": case.uid, "row_uid": row.uid})
    client = client_for("worker")
    assert client.get(url).status_code == 405
    assert client.post(url, {"reason": ""}).status_code == 302
    row.refresh_from_db()
    assert row.withdrawn_at is None
    assert client.post(url, {"reason": "Ghi nhầm"}).status_code == 302
    row.refresh_from_db()
    assert row.withdrawn_reason == "Ghi nhầm"
    with pytest.raises(ProgrammingError), transaction.atomic():
        AllegedPerpetrator.objects.filter(pk=row.pk).delete()
