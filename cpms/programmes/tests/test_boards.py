"""Steering boards: board, members, meetings, decisions as tasks with overdue flags."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpms.programmes.models import BoardDecision, BoardMeeting, BoardMember, SteeringBoard
from cpms.programmes.services.boards import board_create
from cpms.programmes.tests.factories import DAY, actor, make_board, make_decision, make_meeting


def test_a_board_belongs_to_a_commune(world):
    with pytest.raises(ValidationError):
        board_create(actor=actor(world), commune=world.province, name="Ban", decision="QĐ")
    assert not SteeringBoard.objects.exists()


def test_a_worker_sets_up_a_board_and_records_a_meeting_and_a_decision(world, client_for):
    client = client_for("worker")
    client.post(
        reverse("programmes:board-create"),
        {"commune": world.commune_a.pk, "name": "Ban chỉ đạo", "decision": "QĐ số 1"},
    )
    board = SteeringBoard.objects.get()
    detail = reverse("programmes:board-detail", args=[board.uid])
    data = {"person_name": "Phạm Văn Trưởng", "position": "head", "agency": "UBND"}
    assert client.post(detail, data).status_code == 302
    assert BoardMember.objects.get().label == "Phạm Văn Trưởng"
    response = client.post(
        reverse("programmes:meeting-create", args=[board.uid]),
        {"date": f"{DAY:%d/%m/%Y}", "minutes": "Họp quý I"},
    )
    meeting = BoardMeeting.objects.get()
    assert response["Location"] == reverse("programmes:meeting-detail", args=[meeting.uid])
    due = DAY + dt.timedelta(days=10)
    response = client.post(
        response["Location"], {"text": "Rà soát", "owner": "Công chức", "due_on": f"{due:%d/%m/%Y}"}
    )
    assert response.status_code == 302 and BoardDecision.objects.get().due_on == due
    page = client.get(detail).content.decode()
    assert "Phạm Văn Trưởng" in page and "Họp quý I" in page


def test_a_decision_is_marked_done_once(world, client_for):
    decision = make_decision(world)
    url = reverse("programmes:decision-done", args=[decision.uid])
    data = {"version": 1, "done_on": f"{DAY + dt.timedelta(days=3):%d/%m/%Y}", "note": "Xong"}
    assert client_for("worker").post(url, data).status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.version) == ("done", 2)
    assert client_for("worker").post(url, data).status_code == 409


def test_the_task_list_flags_and_filters_overdue_decisions(
    world, client_for, django_assert_max_num_queries
):
    meeting = make_meeting(world)
    late = make_decision(world, meeting=meeting, due_on=DAY + dt.timedelta(days=1))
    make_decision(world, meeting=meeting, due_on=dt.date.today() + dt.timedelta(days=20))
    make_decision(
        world, meeting=make_meeting(world, board=make_board(world, commune=world.commune_b))
    )
    client = client_for("leader")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:decision-list"))
    assert len(response.context["page"]) == 2
    assert response.content.decode().count('data-testid="overdue"') == 1
    only = client.get(reverse("programmes:decision-list") + "?overdue=1")
    assert [d.pk for d in only.context["page"]] == [late.pk]


def test_the_board_list_takes_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    for commune in (world.commune_a, world.commune_a, world.commune_b):
        make_meeting(world, board=make_board(world, commune=commune))
    client = client_for("officer")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:board-list"))
    assert [b.meeting_count for b in response.context["page"]] == [1, 1, 1]
    assert len(client_for("worker").get(reverse("programmes:board-list")).context["page"]) == 2
