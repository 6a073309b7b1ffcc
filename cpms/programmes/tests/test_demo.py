from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from cpms.programmes.models import (
    BoardMeeting,
    CampaignActivity,
    Inspection,
    InspectionPlan,
    Recommendation,
    SteeringBoard,
    TrainingSession,
)


@pytest.mark.django_db
def test_the_demo_has_a_year_of_prevention_work_and_is_idempotent():
    call_command("seed_demo_data")
    call_command("seed_demo_data")
    assert SteeringBoard.objects.count() == 6
    assert BoardMeeting.objects.count() == 12
    assert TrainingSession.objects.count() == 12
    assert CampaignActivity.objects.count() == 36
    assert InspectionPlan.objects.count() == 1 and Inspection.objects.count() == 4
    today = timezone.localdate()
    overdue = Recommendation.objects.filter(status="open", deadline__lt=today)
    assert overdue.count() == 1
    assert Recommendation.objects.filter(status="closed").count() == 4
    first = CampaignActivity.objects.order_by("date").first()
    assert first is not None and first.date >= dt.date(2025, 12, 1)
