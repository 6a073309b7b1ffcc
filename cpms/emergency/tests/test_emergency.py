"""Emergency access: a worker of commune B opens a commune A case only after giving a reason;
the grant is read-only, audited at every use, notified once, and ends by expiry or revocation."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.tests.conftest import reference_data  # noqa: F401 - concern types, rules
from cpms.cases.tests.factories import make_case
from cpms.emergency.models import EmergencyAccess
from cpms.notifications.models import Notification

REASON = "Trẻ đang ở trạm y tế xã Bình Đông, cần biết kế hoạch hỗ trợ ngay trong đêm nay."
URL = reverse("emergency:request")


@pytest.fixture
def case(world):
    return make_case(world)


def ask(client, reference, reason=REASON):
    return client.post(URL, {"reference": str(reference), "reason": reason})


def case_page(case):
    return reverse("cases:detail", kwargs={"uid": case.uid})


def child_page(case):
    return reverse("children:detail", kwargs={"uid": case.child.uid})


def test_without_a_grant_the_case_and_child_are_404(case, client_for):
    client = client_for("outsider")
    assert client.get(case_page(case)).status_code == 404
    assert client.get(child_page(case)).status_code == 404


def test_an_existing_and_a_missing_number_get_the_same_answer_before_the_reason(case, client_for):
    client = client_for("outsider")
    answers, pages = [], []
    for reference in (case.uid, uuid.uuid4()):
        response = ask(client, reference, reason="Cần xem gấp")
        answers.append((response.status_code, response.context["form"].errors))
        page = response.content.decode().replace(str(reference), "REF")
        pages.append(re.sub(r"[A-Za-z0-9]{64}", "TOKEN", page))  # CSRF tokens differ
    assert answers[0] == answers[1]
    assert set(answers[0][1]) == {"reason"}
    assert pages[0] == pages[1]
    assert not EmergencyAccess.objects.exists()


def test_a_missing_number_with_a_reason_is_refused_and_audited(world, client_for):
    reference = uuid.uuid4()
    response = ask(client_for("outsider"), reference)
    assert response.status_code == 200
    assert "reference" in response.context["form"].errors
    assert AuditLog.objects.filter(
        event_type=AuditEvent.OUT_OF_SCOPE, subject_id=str(reference)
    ).exists()


def test_with_a_reason_the_case_opens_read_only(case, client_for):
    client = client_for("outsider")
    response = ask(client, case.uid)
    assert response.status_code == 302
    assert response["Location"] == case_page(case)
    assert client.get(case_page(case)).status_code == 200
    assert client.get(child_page(case)).status_code == 200
    transfer = reverse("transfers:new", kwargs={"case_uid": case.uid})
    assert client.get(transfer).status_code == 403
    edit_child = reverse("children:edit", kwargs={"uid": case.child.uid})
    assert client.get(edit_child).status_code == 403
    grant = EmergencyAccess.objects.get()
    assert grant.user.username == "outsider"
    assert grant.expires_at - grant.granted_at == dt.timedelta(hours=4)


def test_every_read_under_the_grant_names_it_in_the_audit_log(case, client_for):
    client = client_for("outsider")
    ask(client, case.uid)
    grant = EmergencyAccess.objects.get()
    client.get(case_page(case))
    client.get(child_page(case))
    reads = AuditLog.objects.filter(event_type=AuditEvent.READ, actor__username="outsider")
    assert sorted((r.subject_type, r.subject_id) for r in reads) == [
        ("cases.case", str(case.uid)),
        ("children.child", str(case.child.uid)),
    ]
    assert {r.extra_data["emergency_grant"] for r in reads} == {str(grant.uid)}
    created = AuditLog.objects.get(
        subject_type="emergency.emergencyaccess", event_type=AuditEvent.CREATE
    )
    assert created.extra_data["case"] == str(case.uid)


def _rows_for_one_read(client, url):
    before = AuditLog.objects.count()
    assert client.get(url).status_code == 200
    return list(AuditLog.objects.order_by("id")[before:])


@pytest.mark.parametrize("page", [case_page, child_page])
def test_one_read_writes_exactly_one_audit_row_with_or_without_a_grant(case, client_for, page):
    [plain] = _rows_for_one_read(client_for("worker"), page(case))
    assert plain.event_type == AuditEvent.READ
    assert "emergency_grant" not in plain.extra_data
    client = client_for("outsider")
    ask(client, case.uid)
    grant = EmergencyAccess.objects.get()
    [emergency] = _rows_for_one_read(client, page(case))
    assert (emergency.event_type, emergency.subject_id) == (AuditEvent.READ, plain.subject_id)
    assert emergency.subject_type == plain.subject_type
    assert emergency.extra_data == {"emergency_grant": str(grant.uid)}
    assert emergency.admin_unit_id == case.commune_id
    _rows_for_one_read(client, page(case))
    assert Notification.objects.filter(subject_type="emergency.emergencyaccess").count() == 1


def test_the_leader_is_notified_once_without_the_childs_name(case, client_for, world):
    client = client_for("outsider")
    ask(client, case.uid)
    ask(client, case.uid)
    assert EmergencyAccess.objects.count() == 1
    [note] = Notification.objects.filter(subject_type="emergency.emergencyaccess")
    assert note.recipient == world.personas["leader"]
    assert case.child.full_name not in note.title + note.body
    assert "outsider" in note.body


def test_after_expiry_the_case_is_404_again(case, client_for):
    ask(client_for("outsider"), case.uid)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=4, minutes=1)):
        client = client_for("outsider")  # a fresh sign-in: the first session has idled out
        assert client.get(case_page(case)).status_code == 404
        assert client.get(child_page(case)).status_code == 404


def test_the_leader_lists_and_revokes_the_grant(case, client_for, django_assert_max_num_queries):
    ask(client_for("outsider"), case.uid)
    grant = EmergencyAccess.objects.get()
    leader = client_for("leader")
    with django_assert_max_num_queries(12):
        listing = leader.get(reverse("emergency:list"))
    assert grant.reason in listing.content.decode()
    revoke = reverse("emergency:revoke", kwargs={"uid": grant.uid})
    assert client_for("outsider").post(revoke).status_code == 403
    assert leader.post(revoke).status_code == 302
    assert leader.post(revoke).status_code == 302  # a second revocation changes nothing
    grant.refresh_from_db()
    assert grant.revoked_by is not None and grant.revoked_at is not None
    assert client_for("outsider").get(case_page(case)).status_code == 404
    assert (
        AuditLog.objects.filter(
            subject_type="emergency.emergencyaccess", event_type=AuditEvent.UPDATE
        ).count()
        == 1
    )


def test_a_user_already_in_scope_goes_straight_to_the_case(case, client_for):
    response = ask(client_for("officer"), case.uid)
    assert response["Location"] == case_page(case)
    assert not EmergencyAccess.objects.exists()


def test_roles_without_case_work_cannot_ask(case, client_for):
    assert ask(client_for("collaborator"), case.uid).status_code == 403
    assert ask(client_for("police"), case.uid).status_code == 403
    assert not EmergencyAccess.objects.exists()
