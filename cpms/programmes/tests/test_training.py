"""Training: services (audit, one row per user, names) and pages (add, edit, coverage)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.programmes.choices import ParticipantGroup
from cpms.programmes.models import Participation, TrainingCourse, TrainingTopic
from cpms.programmes.services.training import course_create
from cpms.programmes.tests.factories import DAY, attend, make_course, make_session


def test_participant_add_lists_a_user_once_per_session_and_audits(world):
    session = make_session(world)
    attend(world, session, user=world.personas["worker"])
    with pytest.raises(ValidationError) as exc:
        attend(world, session, user=world.personas["worker"])
    assert "user" in exc.value.message_dict
    assert Participation.objects.count() == 1
    row = AuditLog.objects.get(subject_type="programmes.participation")
    assert (row.event_type, row.admin_unit_id) == (AuditEvent.CREATE, world.commune_a.pk)


def test_participant_add_needs_a_user_or_a_name(world):
    with pytest.raises(ValidationError) as exc:
        attend(world, make_session(world), name="  ")
    assert "person_name" in exc.value.message_dict


def test_services_refuse_a_unit_outside_the_actor_area(world):
    topic = TrainingTopic.objects.get(code="counselling")
    with pytest.raises(ValidationError):
        course_create(
            actor=world.personas["outsider"], title="Khóa", topic=topic, unit=world.commune_a
        )
    assert not TrainingCourse.objects.exists()


def test_the_topic_catalogue_is_seeded(db):
    names = list(TrainingTopic.objects.values_list("name", flat=True))
    assert len(names) == 7 and "Kỹ năng tư vấn, tham vấn trẻ em" in names


def test_a_worker_creates_a_course_and_a_session_through_the_pages(world, client_for):
    client = client_for("worker")
    topic = TrainingTopic.objects.get(code="online_abuse")
    response = client.post(
        reverse("programmes:course-create"),
        {"title": "Tập huấn an toàn mạng", "topic": topic.pk, "unit": world.commune_a.pk},
    )
    course = TrainingCourse.objects.get()
    assert response["Location"] == reverse("programmes:course-detail", args=[course.uid])
    response = client.post(
        reverse("programmes:session-create", args=[course.uid]),
        {
            "date": "12/03/2026",
            "hours": "3.5",
            "trainer": "Lê Văn Huấn",
            "place": "Nhà văn hóa tổ 1",
            "unit": world.commune_a.pk,
        },
    )
    session = course.sessions.get()
    assert response.status_code == 302 and session.date == dt.date(2026, 3, 12)


def test_the_session_page_adds_a_named_participant(world, client_for):
    session = make_session(world)
    url = reverse("programmes:session-detail", args=[session.uid])
    response = client_for("worker").post(
        url, {"person_name": "Nguyễn Thị Mẹ", "group": ParticipantGroup.PARENT, "sex": "female"}
    )
    assert response.status_code == 302
    page = client_for("worker").get(url).content.decode()
    assert "Nguyễn Thị Mẹ" in page
    assert Participation.objects.get().present is False  # an unticked box is absent


def test_the_session_page_refuses_a_post_without_edit_permission(world, client_for):
    session = make_session(world)
    url = reverse("programmes:session-detail", args=[session.uid])
    assert client_for("statistician").post(url, {}).status_code == 403
    assert client_for("outsider").post(url, {}).status_code == 404
    assert client_for("worker").put(url).status_code == 405


def test_a_stale_session_edit_answers_409(world, client_for):
    session = make_session(world)
    url = reverse("programmes:session-edit", args=[session.uid])
    data = {
        "date": f"{DAY:%d/%m/%Y}",
        "hours": "5",
        "trainer": "Người khác",
        "place": "Hội trường",
        "unit": world.commune_a.pk,
        "version": 1,
    }
    assert client_for("worker").post(url, data).status_code == 302
    session.refresh_from_db()
    assert (session.version, session.trainer) == (2, "Người khác")
    response = client_for("leader").post(url, {**data, "trainer": "Lần hai"})
    assert response.status_code == 409
    assert "người khác cập nhật" in response.content.decode()


def test_the_coverage_page_shows_the_share_and_who_was_never_trained(world, client_for):
    attend(world, make_session(world, date=dt.date.today()), user=world.personas["worker"])
    client = client_for("leader")
    response = client.get(reverse("programmes:coverage"))
    rows = {r.commune.pk: r for r in response.context["rows"]}
    assert set(rows) == {world.commune_a.pk}
    assert (rows[world.commune_a.pk].staff_total, rows[world.commune_a.pk].percent) == (2, 50)
    response = client.get(reverse("programmes:coverage") + f"?commune={world.commune_a.pk}")
    assert [u.username for u in response.context["untrained"]] == ["collaborator"]
    other = client.get(reverse("programmes:coverage") + f"?commune={world.commune_b.pk}")
    assert other.context["untrained"] is None


def test_the_course_list_takes_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    for _ in range(3):
        make_session(world, course=make_course(world, unit=world.commune_a))
    client = client_for("officer")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:course-list"))
    assert len(response.context["page"]) == 3
    outsider = client_for("outsider").get(reverse("programmes:course-list"))
    assert len(outsider.context["page"]) == 0
