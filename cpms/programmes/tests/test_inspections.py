"""Inspections: plan, inspection and recommendations by the inspecting level; closing by the
commune leader; the follow-up list with overdue flags."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.programmes.models import Inspection, InspectionPlan, Recommendation
from cpms.programmes.services.inspections import InspectionData, inspection_record
from cpms.programmes.tests.factories import (
    DAY,
    actor,
    make_inspection,
    make_plan,
    make_recommendation,
)


def test_the_officer_plans_inspects_and_recommends_through_the_pages(world, client_for):
    client = client_for("officer")
    client.post(
        reverse("programmes:plan-create"),
        {"year": 2026, "title": "Kế hoạch 2026", "unit": world.province.pk, "issuer": "Sở Y tế"},
    )
    plan = InspectionPlan.objects.get()
    response = client.post(
        reverse("programmes:inspection-create", args=[plan.uid]),
        {
            "unit": world.commune_a.pk,
            "inspected_body": "UBND phường An Hòa",
            "date": f"{DAY:%d/%m/%Y}",
            "team": "Trưởng đoàn",
        },
    )
    inspection = Inspection.objects.get()
    assert response["Location"] == reverse("programmes:inspection-detail", args=[inspection.uid])
    url = reverse("programmes:inspection-detail", args=[inspection.uid])
    deadline = DAY + dt.timedelta(days=30)
    data = {"text": "Lập sổ", "owner_agency": "UBND", "deadline": f"{deadline:%d/%m/%Y}"}
    assert client.post(url, data).status_code == 302
    recommendation = Recommendation.objects.get()
    assert (recommendation.issued_on, recommendation.status) == (DAY, "open")
    assert client_for("leader").post(url, data).status_code == 403
    assert Recommendation.objects.count() == 1


def test_an_inspection_must_fall_in_the_plan_year_and_area(world):
    plan = make_plan(world, year=2025)
    data = InspectionData(
        unit=world.commune_a, inspected_body="UBND", date=DAY, team="Đoàn", findings=""
    )
    with pytest.raises(ValidationError) as exc:
        inspection_record(actor=actor(world), plan=plan, data=data)
    assert "date" in exc.value.message_dict
    with pytest.raises(ValidationError):
        inspection_record(actor=world.personas["leader"], plan=make_plan(world), data=data)


def test_the_leader_closes_a_recommendation_and_a_repeat_answers_409(world, client_for):
    recommendation = make_recommendation(world)
    url = reverse("programmes:recommendation-close", args=[recommendation.uid])
    leader = client_for("leader")
    data = {"version": 1, "closed_on": f"{DAY + dt.timedelta(days=5):%d/%m/%Y}", "note": "Xong"}
    assert leader.post(url, data).status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.closed_by) == ("closed", world.personas["leader"])
    assert AuditLog.objects.filter(
        event_type=AuditEvent.UPDATE, subject_id=str(recommendation.uid)
    ).exists()
    assert leader.post(url, data).status_code == 409
    assert client_for("worker").post(url, data).status_code == 403


def test_closing_needs_a_note_and_a_date_not_before_issue(world, client_for):
    recommendation = make_recommendation(world)
    url = reverse("programmes:recommendation-close", args=[recommendation.uid])
    early = {"version": 1, "closed_on": f"{DAY - dt.timedelta(days=1):%d/%m/%Y}", "note": "x"}
    response = client_for("leader").post(url, early)
    assert response.status_code == 200
    assert "không được trước ngày kiến nghị" in response.content.decode()


def test_the_follow_up_flags_and_filters_overdue_recommendations(
    world, client_for, django_assert_max_num_queries
):
    inspection = make_inspection(world)
    overdue = make_recommendation(world, inspection=inspection, deadline=DAY)
    later = dt.date.today() + dt.timedelta(days=30)
    make_recommendation(world, inspection=inspection, deadline=later)
    make_recommendation(world, inspection=make_inspection(world, unit=world.commune_b))
    client = client_for("worker")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:recommendation-list"))
    assert len(response.context["page"]) == 2
    assert response.content.decode().count('data-testid="overdue"') == 1
    only = client.get(reverse("programmes:recommendation-list") + "?overdue=1")
    assert [r.pk for r in only.context["page"]] == [overdue.pk]


def test_a_commune_sees_the_provincial_plan_through_its_own_inspection(world, client_for):
    plan = make_plan(world)
    make_inspection(world, plan=plan)
    make_inspection(world, plan=plan, unit=world.commune_b)
    response = client_for("worker").get(reverse("programmes:plan-detail", args=[plan.uid]))
    assert len(response.context["page"]) == 1
    assert client_for("worker").get(reverse("programmes:plan-list")).context["page"][0] == plan


def test_the_plan_list_takes_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    for year in (2025, 2026):
        plan = make_plan(world, year=year)
        make_inspection(world, plan=plan, date=DAY.replace(year=year))
    client = client_for("officer")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:plan-list"))
    assert [p.year for p in response.context["page"]] == [2026, 2025]
    assert [p.inspection_count for p in response.context["page"]] == [1, 1]
