from __future__ import annotations

import pytest
from django.core.management import call_command

from cpms.cases.choices import CaseState
from cpms.cases.models import Case
from cpms.intake.models import Report


@pytest.mark.django_db
def test_the_demo_has_reports_and_cases_and_is_idempotent():
    call_command("seed_demo_data")
    call_command("seed_demo_data")
    assert Report.objects.count() == 3
    assert set(Case.objects.values_list("state", flat=True)) == {
        CaseState.PLAN_DRAFTED,
        CaseState.IN_PROGRESS,
    }
    assert Report.objects.filter(status="new", immediate_danger=True).count() == 1
