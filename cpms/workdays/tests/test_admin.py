from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from cpms.workdays.models import AdjustmentKind, CalendarAdjustment

from .factories import adjustment

pytestmark = pytest.mark.django_db


def test_it_lists_adjustments_by_year(admin_client):
    adjustment(date(2026, 2, 23), AdjustmentKind.DAY_OFF)
    adjustment(date(2027, 2, 13), AdjustmentKind.MAKEUP_WORKING_DAY)
    url = reverse("admin:workdays_calendaradjustment_changelist")

    response = admin_client.get(url, {"date__year": "2027"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [
        CalendarAdjustment.objects.get(date=date(2027, 2, 13))
    ]


def test_it_filters_by_kind(admin_client):
    adjustment(date(2026, 2, 23), AdjustmentKind.DAY_OFF)
    url = reverse("admin:workdays_calendaradjustment_changelist")

    response = admin_client.get(url, {"kind__exact": AdjustmentKind.MAKEUP_WORKING_DAY})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_it_refuses_a_no_op_adjustment_in_the_form(admin_client):
    url = reverse("admin:workdays_calendaradjustment_add")
    data = {"date": "10/03/2026", "kind": AdjustmentKind.MAKEUP_WORKING_DAY, "reason": "x"}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "kind" in response.context["adminform"].form.errors
    assert not CalendarAdjustment.objects.exists()
