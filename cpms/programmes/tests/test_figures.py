"""activity_figures: every figure against records built through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cpms.geography.models import UnitLevel
from cpms.geography.services import unit_create
from cpms.programmes.choices import ParticipantGroup
from cpms.programmes.selectors import ActivityFigures, activity_figures
from cpms.programmes.selectors.figures import trained_window, year_before
from cpms.programmes.services.inspections import recommendation_close
from cpms.programmes.tests.factories import (
    actor,
    attend,
    make_activity,
    make_board,
    make_inspection,
    make_meeting,
    make_plan,
    make_recommendation,
    make_session,
)

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def figures_for(world, **kwargs):
    ids = [world.commune_a.pk, world.commune_b.pk]
    return activity_figures(commune_ids=ids, start=kwargs.get("start", START), end=END)


def test_it_answers_zeros_for_every_requested_commune_when_nothing_happened(world):
    extra = unit_create(name="Xã Vắng", level=UnitLevel.COMMUNE, parent=world.province)
    result = activity_figures(commune_ids=[extra.pk, world.commune_b.pk], start=START, end=END)
    assert result[extra.pk] == ActivityFigures.zero()
    assert result[world.commune_b.pk] == ActivityFigures(
        **{**vars(ActivityFigures.zero()), "staff_total": 1}
    )


def test_zero_and_add(world):
    one = ActivityFigures(**{**vars(ActivityFigures.zero()), "inspections": 2, "board_meetings": 1})
    two = ActivityFigures(**{**vars(ActivityFigures.zero()), "inspections": 3})
    total = one + two
    assert (total.inspections, total.board_meetings, total.campaign_reach) == (5, 1, 0)
    assert set(vars(ActivityFigures.zero()).values()) == {0}


def test_it_counts_training_sessions_and_present_attendances_in_the_period(world):
    inside = make_session(world, unit=world.village_a1, date=dt.date(2026, 2, 1))
    attend(world, inside, name="Nguyễn Thị Mẹ", group=ParticipantGroup.PARENT)
    attend(world, inside, name="Trần Văn Vắng", present=False)
    attend(world, inside, user=world.personas["worker"])
    make_session(world, date=dt.date(2025, 12, 31))  # before the period
    make_session(world, unit=world.commune_b, date=dt.date(2026, 3, 1))
    a, b = figures_for(world).values()
    assert (a.training_sessions, a.training_attendances) == (1, 2)
    assert (b.training_sessions, b.training_attendances) == (1, 0)


def test_staff_trained_counts_workers_and_collaborators_present_in_the_12_months(world):
    window_start, _ = trained_window(END)
    assert window_start == dt.date(2025, 7, 1)
    on_edge = make_session(world, date=window_start)
    attend(world, on_edge, user=world.personas["worker"])
    too_early = make_session(world, date=window_start - dt.timedelta(days=1))
    attend(world, too_early, user=world.personas["collaborator"])
    leader_session = make_session(world, date=dt.date(2026, 5, 1))
    attend(world, leader_session, user=world.personas["leader"])  # not staff
    absent = make_session(world, unit=world.commune_b, date=dt.date(2026, 5, 1))
    attend(world, absent, user=world.personas["outsider"], present=False)
    a, b = figures_for(world).values()
    assert (a.staff_total, a.staff_trained_12m) == (2, 1)
    assert (b.staff_total, b.staff_trained_12m) == (1, 0)


def test_a_session_outside_the_commune_still_trains_its_staff(world):
    provincial = make_session(world, unit=world.province, date=dt.date(2026, 4, 1))
    attend(world, provincial, user=world.personas["collaborator"])
    a = figures_for(world)[world.commune_a.pk]
    assert (a.staff_trained_12m, a.training_sessions) == (1, 0)


def test_year_before_handles_29_february():
    assert year_before(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_it_sums_campaign_activities_reach_and_hotline_promotion(world):
    make_activity(
        world,
        unit=world.village_a2,
        date=START,
        audience={("children", "male"): 40, ("children", "female"): 35, ("parents", "female"): 5},
        promoted_111=True,
    )
    make_activity(world, date=END, audience={("residents", "male"): 20})
    make_activity(world, date=END + dt.timedelta(days=1), audience={("residents", "male"): 99})
    a, b = figures_for(world).values()
    assert (a.campaign_activities, a.campaign_reach, a.campaign_hotline_promoted) == (2, 100, 1)
    assert (b.campaign_activities, b.campaign_reach) == (0, 0)


def test_it_counts_inspections_and_recommendations_by_the_inspected_commune(world):
    plan = make_plan(world)
    inspection = make_inspection(world, plan=plan, date=dt.date(2026, 3, 1))
    make_inspection(world, plan=plan, unit=world.commune_b, date=dt.date(2026, 7, 1))
    overdue = make_recommendation(world, inspection=inspection, deadline=dt.date(2026, 4, 1))
    on_time = make_recommendation(world, inspection=inspection, deadline=dt.date(2026, 12, 31))
    closed_late = make_recommendation(world, inspection=inspection, deadline=dt.date(2026, 5, 1))
    recommendation_close(
        actor=actor(world),
        recommendation=closed_late,
        closed_on=dt.date(2026, 7, 15),  # after END: still open and overdue on END
        note="Đã lập sổ",
        expected_version=1,
    )
    recommendation_close(
        actor=actor(world),
        recommendation=on_time,
        closed_on=dt.date(2026, 6, 1),
        note="Đã thực hiện",
        expected_version=1,
    )
    assert overdue.status == "open"
    a, b = figures_for(world).values()
    assert a.inspections == 1 and b.inspections == 0
    assert (a.recommendations_issued, a.recommendations_closed) == (3, 1)
    assert a.recommendations_overdue == 2
    earlier = activity_figures(
        commune_ids=[world.commune_a.pk], start=START, end=dt.date(2026, 2, 28)
    )[world.commune_a.pk]
    assert (earlier.recommendations_issued, earlier.recommendations_overdue) == (0, 0)


def test_it_counts_board_meetings_of_the_commune(world):
    board = make_board(world)
    make_meeting(world, board=board, date=dt.date(2026, 1, 15))
    make_meeting(world, board=board, date=dt.date(2026, 7, 15))
    make_meeting(world, board=make_board(world, commune=world.commune_b), date=START)
    a, b = figures_for(world).values()
    assert (a.board_meetings, b.board_meetings) == (1, 1)


def test_it_takes_a_fixed_number_of_queries_whatever_the_number_of_communes(world):
    make_activity(world)
    extra = [
        unit_create(name=f"Xã Thêm {i}", level=UnitLevel.COMMUNE, parent=world.province).pk
        for i in range(5)
    ]
    with CaptureQueriesContext(connection) as one:
        activity_figures(commune_ids=[world.commune_a.pk], start=START, end=END)
    with CaptureQueriesContext(connection) as many:
        result = activity_figures(
            commune_ids=[world.commune_a.pk, world.commune_b.pk, *extra], start=START, end=END
        )
    assert len(one) == len(many)
    assert set(result) == {world.commune_a.pk, world.commune_b.pk, *extra}
    assert result[extra[0]] == ActivityFigures.zero()


@pytest.mark.parametrize("ids", [[], ()])
def test_no_communes_no_figures(db, ids):
    assert activity_figures(commune_ids=ids, start=START, end=END) == {}
