from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.cases.models import CaseEvent, CaseTask
from cpms.cases.selectors import my_tasks
from cpms.cases.tests.factories import make_case
from cpms.conferences.models import ConferenceDecision
from cpms.conferences.services import (
    ConferenceData,
    DecisionData,
    ParticipantData,
    conference_update,
)
from cpms.conferences.tests.factories import make_conference
from cpms.core.exceptions import StaleEditError


def _decision(world, persona: str, days: int = 5) -> DecisionData:
    return DecisionData(
        text=f"Việc của {persona}",
        owner=world.personas[persona],
        due_on=timezone.localdate() + dt.timedelta(days=days),
    )


def test_it_turns_each_decision_into_a_task_of_its_owner(world):
    case = make_case(world)
    conference = make_conference(
        world, case, decisions=[_decision(world, "worker", 3), _decision(world, "leader", 9)]
    )
    decisions = list(ConferenceDecision.objects.filter(conference=conference).order_by("pk"))
    assert [(d.task.owner, d.task.due_on) for d in decisions] == [
        (world.personas["worker"], timezone.localdate() + dt.timedelta(days=3)),
        (world.personas["leader"], timezone.localdate() + dt.timedelta(days=9)),
    ]
    assert all(d.task.case_id == case.pk for d in decisions)
    leader_tasks = list(my_tasks(world.personas["leader"]))
    assert [t.title for t in leader_tasks] == ["Việc của leader"]
    assert ConferenceDecision.objects.get(task=leader_tasks[0]) == decisions[1]


def test_it_records_participants_timeline_and_audit(world):
    case = make_case(world)
    conference = make_conference(world, case)
    assert [p.name for p in conference.participants.order_by("pk")] == [
        "Trần Văn Hùng",
        "Lê Thị Mai",
    ]
    event = CaseEvent.objects.filter(case=case, data__conference=str(conference.uid)).get()
    assert "2 người tham dự, 1 quyết định" in event.summary
    audit = AuditLog.objects.get(
        subject_type="conferences.caseconference", subject_id=str(conference.uid)
    )
    assert audit.event_type == "create"
    assert audit.extra_data["participants"] == 2


def test_it_refuses_an_owner_outside_the_case_commune(world):
    case = make_case(world)
    with pytest.raises(ValidationError):
        make_conference(world, case, decisions=[_decision(world, "outsider")])
    assert not CaseTask.objects.filter(case=case).exists()


def test_it_needs_a_participant(world):
    with pytest.raises(ValidationError):
        make_conference(world, make_case(world), participants=[])


def test_it_refuses_a_meeting_in_the_future(world):
    data = ConferenceData(held_at=timezone.now() + dt.timedelta(days=1), chair_name="A")
    with pytest.raises(ValidationError) as exc:
        make_conference(world, make_case(world), data=data)
    assert "held_at" in exc.value.message_dict


def test_it_needs_a_chair(world):
    data = ConferenceData(held_at=timezone.now())
    with pytest.raises(ValidationError):
        make_conference(
            world, make_case(world), data=data, participants=[ParticipantData(name="A")]
        )


def test_it_saves_a_correction_and_bumps_the_version(world):
    conference = make_conference(world, make_case(world))
    data = ConferenceData(
        held_at=conference.held_at, chair_name=conference.chair_name, minutes="Bổ sung."
    )
    saved = conference_update(
        actor=world.personas["leader"], conference=conference, data=data, expected_version=1
    )
    assert (saved.minutes, saved.version) == ("Bổ sung.", 2)
    assert AuditLog.objects.filter(subject_id=str(conference.uid), event_type="update").exists()


def test_it_refuses_a_stale_version(world):
    conference = make_conference(world, make_case(world))
    data = ConferenceData(held_at=conference.held_at, chair_name="B")
    conference_update(
        actor=world.personas["worker"], conference=conference, data=data, expected_version=1
    )
    with pytest.raises(StaleEditError):
        conference_update(
            actor=world.personas["worker"],
            conference=conference,
            data=ConferenceData(held_at=conference.held_at, chair_name="C"),
            expected_version=1,
        )
