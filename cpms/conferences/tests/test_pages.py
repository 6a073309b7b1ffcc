from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.cases.models import CaseTask
from cpms.cases.tests.factories import make_case
from cpms.conferences.models import CaseConference
from cpms.conferences.tests.factories import make_conference


def _post_data(world, **overrides):
    due = (timezone.localdate() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    data = {
        "held_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "place": "UBND phường",
        "chair_name": "Phó Chủ tịch",
        "minutes": "Nội dung",
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
        "participants-0-agency": str(world.police_a.pk),
        "participants-0-name": "Trần Văn Hùng",
        "participants-0-position": "Cán bộ công an",
        "participants-1-name": "",
        "decisions-TOTAL_FORMS": "2",
        "decisions-INITIAL_FORMS": "0",
        "decisions-0-text": "Xác minh thông tin",
        "decisions-0-owner": str(world.personas["leader"].pk),
        "decisions-0-due_on": due,
    }
    data.update(overrides)
    return data


def test_it_records_a_conference_and_its_tasks(world, client_for):
    case = make_case(world)
    url = reverse("conferences:add", kwargs={"case_uid": case.uid})
    assert client_for("worker").get(url).status_code == 200
    response = client_for("worker").post(url, _post_data(world))
    conference = CaseConference.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == reverse("conferences:detail", kwargs={"uid": conference.uid})
    task = CaseTask.objects.get(case=case, title="Xác minh thông tin")
    assert task.owner == world.personas["leader"]
    detail = client_for("officer").get(response["Location"])
    assert "Trần Văn Hùng" in detail.content.decode()
    case_page = client_for("worker").get(reverse("cases:detail", kwargs={"uid": case.uid}))
    assert (
        reverse("conferences:detail", kwargs={"uid": conference.uid}) in case_page.content.decode()
    )


def test_it_shows_errors_and_saves_nothing_without_a_participant(world, client_for):
    case = make_case(world)
    url = reverse("conferences:add", kwargs={"case_uid": case.uid})
    response = client_for("worker").post(url, _post_data(world, **{"participants-0-name": ""}))
    assert response.status_code == 200
    assert not CaseConference.objects.exists()
    assert not CaseTask.objects.filter(case=case).exists()


def test_it_refuses_an_owner_from_another_commune(world, client_for):
    case = make_case(world)
    url = reverse("conferences:add", kwargs={"case_uid": case.uid})
    data = _post_data(world, **{"decisions-0-owner": str(world.personas["outsider"].pk)})
    assert client_for("worker").post(url, data).status_code == 200
    assert not CaseConference.objects.exists()


def test_it_hides_the_case_from_another_commune(world, client_for):
    conference = make_conference(world, make_case(world))
    for name in ("conferences:detail", "conferences:edit", "conferences:minutes"):
        url = reverse(name, kwargs={"uid": conference.uid})
        assert client_for("outsider").get(url).status_code == 404, name
    add = reverse("conferences:add", kwargs={"case_uid": conference.case.uid})
    assert client_for("outsider").post(add, _post_data(world)).status_code == 404
    assert client_for("officer").post(add, _post_data(world)).status_code == 403
    assert CaseConference.objects.count() == 1


def test_it_answers_409_to_a_stale_edit(world, client_for):
    conference = make_conference(world, make_case(world))
    url = reverse("conferences:edit", kwargs={"uid": conference.uid})
    data = {
        "held_at": timezone.localtime(conference.held_at).strftime("%d/%m/%Y %H:%M"),
        "chair_name": "Chủ tịch",
        "minutes": "Sửa",
        "version": "1",
    }
    assert client_for("worker").post(url, data).status_code == 302
    again = client_for("leader").post(url, {**data, "minutes": "Sửa lần nữa"})
    assert again.status_code == 409
    conference.refresh_from_db()
    assert (conference.minutes, conference.version) == ("Sửa", 2)


def test_it_exports_the_minutes_as_docx(world, client_for):
    conference = make_conference(world, make_case(world))
    response = client_for("worker").get(
        reverse("conferences:minutes", kwargs={"uid": conference.uid})
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    assert AuditLog.objects.filter(subject_id=str(conference.uid), event_type="export").exists()


def test_the_case_page_section_costs_the_same_queries_for_many_conferences(world, client_for):
    case = make_case(world)
    url = reverse("cases:detail", kwargs={"uid": case.uid})
    client = client_for("worker")
    make_conference(world, case)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make_conference(world, case)
    make_conference(world, case)
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    assert len(three) == len(one)
