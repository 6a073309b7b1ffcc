"""Editing courses, plans, inspections, boards and members, and ending a membership: the
service checks, the pages, the area (404) and role (403) refusals and the version clash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.programmes.services.boards import member_end
from cpms.programmes.services.inspections import plan_update
from cpms.programmes.services.training import course_update
from cpms.programmes.tests.factories import (
    DAY,
    actor,
    make_board,
    make_course,
    make_inspection,
    make_member,
    make_plan,
    make_recommendation,
    make_session,
)
from cpms.testing import World


def _course(w: World) -> tuple[Any, dict[str, Any]]:
    course = make_course(w, unit=w.commune_a)
    data = {"title": "Tập huấn kỹ năng", "topic": course.topic_id, "unit": w.commune_a.pk}
    return course, {**data, "organiser": "UBND"}


def _plan(w: World) -> tuple[Any, dict[str, Any]]:
    plan = make_plan(w)
    data = {"year": 2026, "title": "Kế hoạch đã sửa", "unit": w.province.pk, "issuer": "Sở"}
    return plan, data


def _inspection(w: World) -> tuple[Any, dict[str, Any]]:
    inspection = make_inspection(w)
    data = {
        "unit": w.commune_a.pk,
        "inspected_body": "UBND phường An Hòa (sửa)",
        "date": f"{DAY:%d/%m/%Y}",
        "team": "Trưởng đoàn: Lê Văn B",
        "findings": "Đã lập sổ.",
    }
    return inspection, data


def _board(w: World) -> tuple[Any, dict[str, Any]]:
    data = {"commune": w.commune_a.pk, "name": "Ban đã sửa", "decision": "QĐ số 2"}
    return make_board(w), data


def _member(w: World) -> tuple[Any, dict[str, Any]]:
    data = {"person_name": "Trần Thị Lan", "position": "deputy", "agency": "Trạm Y tế"}
    return make_member(w), data


def _end(w: World) -> tuple[Any, dict[str, Any]]:
    return make_member(w), {"valid_to": f"{dt.date.today():%d/%m/%Y}"}


Build = Callable[[World], tuple[Any, dict[str, Any]]]
# (url name, record and valid form data, field that changed: (name, new value), editor)
EDITS: list[tuple[str, Build, tuple[str, object], str]] = [
    ("course-edit", _course, ("title", "Tập huấn kỹ năng"), "worker"),
    ("plan-edit", _plan, ("title", "Kế hoạch đã sửa"), "officer"),
    ("inspection-edit", _inspection, ("inspected_body", "UBND phường An Hòa (sửa)"), "officer"),
    ("board-edit", _board, ("name", "Ban đã sửa"), "worker"),
    ("member-edit", _member, ("position", "deputy"), "worker"),
    ("member-end", _end, ("valid_to", dt.date.today()), "leader"),
]
IDS = [e[0] for e in EDITS]


@pytest.mark.parametrize(("name", "build", "change", "editor"), EDITS, ids=IDS)
def test_an_edit_saves_bumps_the_version_and_is_audited(
    world, client_for, name, build, change, editor
):
    obj, data = build(world)
    url = reverse(f"programmes:{name}", args=[obj.uid])
    client = client_for(editor)
    assert client.get(url).status_code == 200
    response = client.post(url, {**data, "version": 1})
    assert response.status_code == 302, response.content.decode()[-2000:]
    obj.refresh_from_db()
    field, value = change
    assert getattr(obj, field) == value and obj.version == 2
    assert AuditLog.objects.filter(
        event_type=AuditEvent.UPDATE, subject_id=str(obj.uid), extra_data__fields__contains=[field]
    ).exists()


@pytest.mark.parametrize(("name", "build", "change", "editor"), EDITS, ids=IDS)
def test_a_save_over_someone_elses_change_answers_409(
    world, client_for, name, build, change, editor
):
    obj, data = build(world)
    url = reverse(f"programmes:{name}", args=[obj.uid])
    client = client_for(editor)
    assert client.post(url, {**data, "version": 1}).status_code == 302
    response = client.post(url, {**data, "version": 1})
    assert response.status_code == 409
    obj.refresh_from_db()
    assert obj.version == 2


@pytest.mark.parametrize(("name", "build", "change", "editor"), EDITS, ids=IDS)
def test_out_of_area_is_404_and_a_role_without_the_permission_403(
    world, client_for, name, build, change, editor
):
    obj, data = build(world)
    url = reverse(f"programmes:{name}", args=[obj.uid])
    assert client_for("outsider").post(url, {**data, "version": 1}).status_code == 404
    assert client_for("statistician").post(url, {**data, "version": 1}).status_code == 403
    obj.refresh_from_db()
    assert obj.version == 1
    assert (
        AuditLog.objects.filter(subject_id=str(obj.uid), event_type=AuditEvent.UPDATE).count() == 0
    )


def test_only_the_inspecting_level_edits_plans_and_inspections(world, client_for):
    inspection = make_inspection(world)
    for name, uid in (("plan-edit", inspection.plan.uid), ("inspection-edit", inspection.uid)):
        assert (
            client_for("worker").get(reverse(f"programmes:{name}", args=[uid])).status_code == 403
        )


def test_a_course_keeps_its_sessions_inside_its_area(world):
    course = make_course(world)  # province
    make_session(world, course=course, unit=world.commune_b)
    with pytest.raises(ValidationError) as error:
        course_update(
            actor=actor(world),
            course=course,
            title=course.title,
            topic=course.topic,
            unit=world.commune_a,
            organiser="",
            expected_version=1,
        )
    assert "unit" in error.value.message_dict


def test_a_plan_keeps_its_inspections_in_its_year(world):
    inspection = make_inspection(world)
    with pytest.raises(ValidationError) as error:
        plan_update(
            actor=actor(world),
            plan=inspection.plan,
            year=2025,
            title="K",
            unit=world.province,
            issuer="",
            expected_version=1,
        )
    assert "year" in error.value.message_dict


def test_the_inspection_date_is_fixed_once_recommendations_are_issued(world, client_for):
    recommendation = make_recommendation(world)
    inspection = recommendation.inspection
    _, data = _inspection(world)
    url = reverse("programmes:inspection-edit", args=[inspection.uid])
    moved = {**data, "date": f"{DAY - dt.timedelta(days=1):%d/%m/%Y}", "version": 1}
    response = client_for("officer").post(url, moved)
    assert response.status_code == 200
    assert "không đổi được ngày" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.date == DAY


def test_an_ended_membership_cannot_be_ended_again_and_shows_as_past(world, client_for):
    member = make_member(world)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    member_end(actor=actor(world), member=member, ended_on=yesterday, expected_version=1)
    with pytest.raises(ValidationError):
        member_end(actor=actor(world), member=member, ended_on=yesterday, expected_version=2)
    url = reverse("programmes:member-end", args=[member.uid])
    assert client_for("worker").get(url).status_code == 409
    page = client_for("worker").get(reverse("programmes:board-detail", args=[member.board.uid]))
    assert f'data-testid="end-{member.uid}"' not in page.content.decode()


def test_the_end_date_cannot_precede_the_start(world):
    member = make_member(world)
    with pytest.raises(ValidationError):
        member_end(
            actor=actor(world), member=member, ended_on=dt.date(2025, 12, 1), expected_version=1
        )
