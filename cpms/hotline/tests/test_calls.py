"""The call log: logging a call, the operator's own list, detail and caller reveal."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cpms.accounts.permissions import Role
from cpms.accounts.services import membership_grant, user_create
from cpms.audit.models import AuditEvent, AuditLog
from cpms.hotline.choices import CallType
from cpms.hotline.models import Call
from cpms.hotline.tests.factories import make_call


def second_operator(world):
    user = user_create(actor=None, username="hotline2", password=None, full_name="Hai")
    membership_grant(actor=None, user=user, agency=world.hotline, role=Role.HOTLINE_OPERATOR)
    client = Client()
    client.force_login(user)
    return user, client


def form_data(key, **overrides):
    data = {
        "call_type": CallType.NEW_REPORT,
        "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "duration": "4:30",
        "summary": "Trẻ bị bỏ một mình ở nhà nhiều ngày.",
        "caller_relation": "neighbour",
        "caller_name": "Lê Văn Tâm",
        "caller_phone": "0912345678",
        "idempotency_key": str(key),
        "child-TOTAL_FORMS": "3",
        "child-INITIAL_FORMS": "0",
        "child-MIN_NUM_FORMS": "0",
        "child-MAX_NUM_FORMS": "10",
        "child-0-full_name": "Phạm Minh Khôi",
        "child-0-age_estimate": "6",
        "child-0-sex": "male",
        "child-1-sex": "unknown",
        "child-2-sex": "unknown",
    }
    data.update(overrides)
    return data


def test_it_logs_a_call_once_for_a_double_submission(world, client_for):
    client = client_for("hotline")
    key = uuid.uuid4()
    first = client.post(reverse("hotline:create"), form_data(key))
    second = client.post(reverse("hotline:create"), form_data(key))
    call = Call.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("hotline:detail", args=[call.uid])
    assert call.duration_seconds == 270
    assert call.agency == world.hotline
    assert [c.full_name for c in call.children.all()] == ["Phạm Minh Khôi"]
    assert AuditLog.objects.filter(event_type=AuditEvent.CREATE, subject_id=call.uid).count() == 1


def test_it_logs_a_wrong_number_without_children(world, client_for):
    data = form_data(uuid.uuid4(), call_type=CallType.WRONG_NUMBER, **{"child-0-full_name": ""})
    data.update({"child-0-age_estimate": "", "child-0-sex": "unknown"})
    response = client_for("hotline").post(reverse("hotline:create"), data)
    assert response.status_code == 302
    assert Call.objects.get().children.count() == 0


def test_it_asks_for_a_child_on_a_report_call_and_a_case_on_an_update(world, client_for):
    client = client_for("hotline")
    data = form_data(uuid.uuid4(), **{"child-0-full_name": "", "child-0-age_estimate": ""})
    data["child-0-sex"] = "unknown"
    response = client.post(reverse("hotline:create"), data)
    assert response.status_code == 200
    assert "ít nhất một trẻ em" in response.content.decode()
    response = client.post(
        reverse("hotline:create"), form_data(uuid.uuid4(), call_type=CallType.CASE_UPDATE)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["case_ref"]
    bad = client.post(reverse("hotline:create"), form_data(uuid.uuid4(), duration="abc"))
    assert bad.context["form"].errors["duration"]
    assert Call.objects.count() == 0


def test_it_keeps_no_identity_for_an_anonymous_caller(world):
    call = make_call(world, caller_anonymous=True)
    assert (call.caller_name, call.caller_phone) == ("", "")


def test_it_refuses_a_call_in_the_future(world):
    with pytest.raises(ValidationError):
        make_call(world, received_at=timezone.now() + dt.timedelta(hours=1))


def test_an_operator_sees_only_their_own_calls(world, client_for):
    mine = make_call(world, call_type=CallType.COUNSELLING, children=[])
    other_user, other_client = second_operator(world)
    theirs = make_call(world, actor=other_user)
    page = client_for("hotline").get(reverse("hotline:list"))
    assert [c.pk for c in page.context["page"]] == [mine.pk]
    assert other_client.get(reverse("hotline:detail", args=[mine.uid])).status_code == 404
    assert (
        client_for("hotline").get(reverse("hotline:detail", args=[theirs.uid])).status_code == 404
    )
    assert AuditLog.objects.filter(event_type=AuditEvent.OUT_OF_SCOPE, subject_id=mine.uid).exists()


def test_the_list_filters_by_type_and_counts_per_type(world, client_for):
    make_call(world)
    make_call(world, call_type=CallType.WRONG_NUMBER, children=[])
    make_call(world, call_type=CallType.WRONG_NUMBER, children=[])
    client = client_for("hotline")
    page = client.get(reverse("hotline:list"), {"call_type": CallType.WRONG_NUMBER})
    assert {c.call_type for c in page.context["page"]} == {CallType.WRONG_NUMBER}
    counts = {value: n for value, _label, n in page.context["counts"]}
    assert counts[CallType.WRONG_NUMBER] == 2
    assert counts[CallType.NEW_REPORT] == 1
    today = timezone.localdate().strftime("%d/%m/%Y")
    page = client.get(reverse("hotline:list"), {"date_to": "01/01/2020"})
    assert list(page.context["page"]) == []
    page = client.get(reverse("hotline:list"), {"date_from": today})
    assert len(page.context["page"]) == 3


def test_the_list_runs_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    client = client_for("hotline")
    for _ in range(3):
        make_call(world)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("hotline:list"))
    for _ in range(10):
        make_call(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("hotline:list"))


def test_it_shows_the_caller_masked_and_reveals_with_an_audit_row(world, client_for):
    call = make_call(world)
    client = client_for("hotline")
    page = client.get(reverse("hotline:detail", args=[call.uid])).content.decode()
    assert "0905123456" not in page
    assert "******456" in page
    assert client.get(reverse("hotline:caller", args=[call.uid])).status_code == 405
    revealed = client.post(reverse("hotline:caller", args=[call.uid])).content.decode()
    assert "0905123456" in revealed
    assert AuditLog.objects.filter(
        event_type=AuditEvent.READ, subject_id=call.uid, extra_data__reveal="caller_identity"
    ).exists()


def test_other_roles_cannot_use_the_call_log(world, client_for):
    call = make_call(world)
    for persona in ("worker", "leader", "officer", "collaborator"):
        assert client_for(persona).get(reverse("hotline:list")).status_code == 403
        assert (
            client_for(persona).get(reverse("hotline:detail", args=[call.uid])).status_code == 403
        )
