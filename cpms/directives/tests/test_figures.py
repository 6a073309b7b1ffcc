"""Pre-filled figures match the underlying records: records outside the unit or the period do
not count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cpms.cases.models import CaseDeadline, EmergencyAction
from cpms.cases.tests.factories import make_case
from cpms.children.models import ChildCircumstance, SpecialCircumstanceGroup
from cpms.children.tests.factories import make_child
from cpms.directives.figures import FIGURES, expand, labelled, unit_figures
from cpms.intake.tests.factories import make_report
from cpms.programmes.tests.factories import attend, make_activity, make_meeting, make_session

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def at(y: int, m: int, d: int, h: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, h))


def circumstance(child, *, start=dt.date(2025, 1, 1), end=None, code=None):
    group = SpecialCircumstanceGroup.objects.filter(parent__isnull=True).order_by("order")
    return ChildCircumstance.objects.create(
        child=child, group=group[code or 0], from_date=start, to_date=end
    )


def test_case_figures_count_only_the_unit_and_the_period(world):
    make_report(world, received_at=at(2026, 1, 1, 0))
    make_report(world, received_at=at(2026, 6, 30, 23))
    make_report(world, received_at=at(2025, 12, 31, 23))  # before
    make_report(world, received_at=at(2026, 7, 1, 0))  # after
    make_report(world, received_at=at(2026, 3, 1), commune=world.commune_b)  # elsewhere
    opened = make_case(world, received_at=at(2026, 2, 1))  # its report counts too
    older = make_case(world, received_at=at(2025, 11, 1))
    type(opened).objects.filter(pk=older.pk).update(closed_at=at(2026, 5, 1))
    type(opened).objects.filter(pk=opened.pk).update(closed_at=at(2026, 8, 1))  # after

    clocks = list(CaseDeadline.objects.filter(case__in=[opened, older]).order_by("pk"))
    CaseDeadline.objects.filter(pk__in=[c.pk for c in clocks]).update(
        due_at=at(2026, 8, 1), met_at=None, cancelled_at=None
    )
    overdue, met_late, met_in_time = clocks[0], clocks[1], clocks[-1]
    assert len({overdue.pk, met_late.pk, met_in_time.pk}) == 3
    CaseDeadline.objects.filter(pk=overdue.pk).update(due_at=at(2026, 3, 1))
    CaseDeadline.objects.filter(pk=met_late.pk).update(due_at=at(2026, 3, 1), met_at=at(2026, 7, 2))
    CaseDeadline.objects.filter(pk=met_in_time.pk).update(
        due_at=at(2026, 3, 1), met_at=at(2026, 2, 28)
    )
    worker = world.personas["worker"]
    for taken in (at(2026, 2, 2), at(2026, 7, 2)):
        EmergencyAction.objects.create(
            case=opened, recorded_by=worker, taken_at=taken, measures="x"
        )

    circumstance(opened.child)
    circumstance(opened.child, code=1)  # the same child once
    circumstance(older.child, end=dt.date(2026, 3, 1))  # ended before the end of the period
    outside = make_child(world, commune=world.commune_b, village=world.village_b1)
    circumstance(outside)

    figures = unit_figures(world.commune_a, START, END, list(FIGURES)[:6])
    assert figures == {
        "reports_received": 3,
        "cases_opened": 1,
        "cases_closed": 1,
        "overdue_clocks": 2,
        "emergency_actions": 1,
        "special_circumstances": 1,
    }
    assert unit_figures(world.commune_b, START, END, ["reports_received"]) == {
        "reports_received": 1
    }
    assert unit_figures(world.province, START, END, ["reports_received"]) == {"reports_received": 4}


def test_activity_figures_are_summed_over_the_communes_of_the_area(world):
    session = make_session(world, unit=world.commune_a, date=dt.date(2026, 3, 1))
    attend(world, session, name="Trần Văn Học")
    attend(world, session, name="Lê Thị Vắng", present=False)
    make_session(world, unit=world.commune_b, date=dt.date(2026, 3, 2))
    make_session(world, unit=world.commune_a, date=dt.date(2026, 7, 2))  # after
    make_activity(world, unit=world.village_a1, date=dt.date(2026, 4, 1), promoted_111=True)
    make_activity(world, unit=world.commune_b, date=dt.date(2026, 4, 1))
    make_meeting(world, date=dt.date(2026, 5, 5))

    keys = ["training", "campaigns", "board_meetings"]
    commune_a = unit_figures(world.commune_a, START, END, keys)
    assert commune_a["training_sessions"] == 1
    assert commune_a["training_attendances"] == 1
    assert commune_a["campaign_activities"] == 1
    assert commune_a["campaign_reach"] == 10
    assert commune_a["campaign_hotline_promoted"] == 1
    assert commune_a["board_meetings"] == 1
    province = unit_figures(world.province, START, END, keys)
    assert province["training_sessions"] == 2
    assert province["campaign_activities"] == 2
    assert province["campaign_hotline_promoted"] == 1


def test_groups_expand_and_labels_keep_the_display_order():
    assert expand(["campaigns", "reports_received"]) == [
        "reports_received",
        "campaign_activities",
        "campaign_reach",
        "campaign_hotline_promoted",
    ]
    assert expand(["unknown"]) == []
    rows = labelled({"campaign_reach": 5, "reports_received": 2, "old_key": 1})
    assert [key for key, _label, _value in rows] == [
        "reports_received",
        "campaign_reach",
        "old_key",
    ]
