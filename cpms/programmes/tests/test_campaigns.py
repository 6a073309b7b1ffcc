"""Awareness activities: record with audience counts, edit in place, list filters."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.programmes.models import AudienceCount, CampaignActivity
from cpms.programmes.tests.factories import DAY, make_activity

FORM = {
    "kind": "school_session",
    "title": "Kỹ năng tự bảo vệ",
    "date": f"{DAY:%d/%m/%Y}",
    "unit": "",
    "promoted_111": "on",
    "aud_children_male": "30",
    "aud_children_female": "25",
    "aud_teachers_female": "",
}


def test_a_worker_records_an_activity_with_its_audience(world, client_for):
    data = {**FORM, "unit": world.commune_a.pk}
    response = client_for("worker").post(reverse("programmes:activity-create"), data)
    activity = CampaignActivity.objects.get()
    assert response["Location"] == reverse("programmes:activity-detail", args=[activity.uid])
    rows = {(a.group, a.sex): a.count for a in AudienceCount.objects.all()}
    assert rows == {("children", "male"): 30, ("children", "female"): 25}
    assert activity.promoted_111 and not activity.promoted_provincial_hotline
    assert AuditLog.objects.filter(
        event_type=AuditEvent.CREATE, subject_id=str(activity.uid), extra_data__reach=55
    ).exists()
    page = client_for("worker").get(reverse("programmes:activity-detail", args=[activity.uid]))
    assert b'data-testid="reach">55<' in page.content


def test_a_future_activity_is_refused_in_vietnamese(world, client_for):
    future = dt.date.today() + dt.timedelta(days=3)
    data = {**FORM, "unit": world.commune_a.pk, "date": f"{future:%d/%m/%Y}"}
    response = client_for("worker").post(reverse("programmes:activity-create"), data)
    assert response.status_code == 200
    assert "Chỉ ghi nhận hoạt động đã thực hiện." in response.content.decode()
    assert not CampaignActivity.objects.exists()


def test_an_edit_updates_counts_in_place_and_a_stale_one_answers_409(world, client_for):
    activity = make_activity(world, audience={("children", "male"): 10})
    url = reverse("programmes:activity-edit", args=[activity.uid])
    data = {**FORM, "unit": world.commune_a.pk, "version": 1, "aud_children_male": "0"}
    assert client_for("worker").post(url, data).status_code == 302
    rows = {(a.group, a.sex): a.count for a in AudienceCount.objects.all()}
    assert rows == {("children", "male"): 0, ("children", "female"): 25}
    activity.refresh_from_db()
    assert (activity.version, activity.kind) == (2, "school_session")
    assert client_for("leader").post(url, data).status_code == 409


def test_the_list_filters_by_kind_and_commune_in_fixed_queries(
    world, client_for, django_assert_max_num_queries
):
    make_activity(world)
    make_activity(world, unit=world.village_a1)
    make_activity(world, unit=world.commune_b)
    client = client_for("officer")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:activity-list"))
    assert len(response.context["page"]) == 3
    by_commune = client.get(reverse("programmes:activity-list") + f"?commune={world.commune_a.pk}")
    assert len(by_commune.context["page"]) == 2
    by_kind = client.get(reverse("programmes:activity-list") + "?kind=meeting")
    assert len(by_kind.context["page"]) == 0
    worker = client_for("worker").get(reverse("programmes:activity-list"))
    assert len(worker.context["page"]) == 2
