"""Expected answers of the programme pages for every persona (merged into the role matrix).

Records belong to commune A (the plan to the province, with an inspection of commune A).
Programme records are not about children: aggregate and area grants reach them (the
statistician and the system administrator get 403, lacking the permission); referral and
own-scoped roles do not (404). The collaborator's village does not hold commune records."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.children.tests.matrix import expect
from cpms.programmes.tests.factories import (
    make_activity,
    make_board,
    make_course,
    make_decision,
    make_inspection,
    make_meeting,
    make_member,
    make_plan,
    make_recommendation,
    make_session,
)
from cpms.testing import World

NO_PERM = {
    "collaborator": 403,
    "police": 403,
    "school": 403,
    "statistician": 403,
    "hotline": 403,
    "sysadmin": 403,
}
LISTS = expect(200, anonymous=302, **NO_PERM)
ONE_VIEW = expect(
    200,
    anonymous=302,
    collaborator=404,
    outsider=404,
    police=404,
    school=404,
    hotline=404,
    statistician=403,
    sysadmin=403,
)
INSPECTING = {**ONE_VIEW, "worker": 403, "leader": 403}
CLOSING = {**ONE_VIEW, "worker": 403}

Url = Callable[[World], str]


def page(name: str) -> Url:
    return lambda w: reverse(f"programmes:{name}")


def record(name: str, build: Callable[[World], object]) -> Url:
    def url(world: World) -> str:
        return reverse(f"programmes:{name}", kwargs={"uid": build(world).uid})  # type: ignore[attr-defined]

    return url


def _course(w: World) -> object:
    return make_course(w, unit=w.commune_a)


def _session(w: World) -> object:
    return make_session(w, course=make_course(w, unit=w.commune_a))


def _plan(w: World) -> object:
    plan = make_plan(w)
    make_inspection(w, plan=plan)
    return plan


PROGRAMMES_MATRIX: dict[str, tuple[Url, dict[str, int]]] = {
    "programmes:index": (page("index"), LISTS),
    "programmes:course-list": (page("course-list"), LISTS),
    "programmes:course-create": (page("course-create"), LISTS),
    "programmes:coverage": (page("coverage"), LISTS),
    "programmes:course-detail": (record("course-detail", _course), ONE_VIEW),
    "programmes:course-edit": (record("course-edit", _course), ONE_VIEW),
    "programmes:session-create": (record("session-create", _course), ONE_VIEW),
    "programmes:session-detail": (record("session-detail", _session), ONE_VIEW),
    "programmes:session-edit": (record("session-edit", _session), ONE_VIEW),
    "programmes:activity-list": (page("activity-list"), LISTS),
    "programmes:activity-create": (page("activity-create"), LISTS),
    "programmes:activity-detail": (record("activity-detail", make_activity), ONE_VIEW),
    "programmes:activity-edit": (record("activity-edit", make_activity), ONE_VIEW),
    "programmes:plan-list": (page("plan-list"), LISTS),
    "programmes:plan-create": (page("plan-create"), expect(403, anonymous=302, officer=200)),
    "programmes:recommendation-list": (page("recommendation-list"), LISTS),
    "programmes:plan-detail": (record("plan-detail", _plan), ONE_VIEW),
    "programmes:plan-edit": (record("plan-edit", _plan), INSPECTING),
    "programmes:inspection-create": (record("inspection-create", _plan), INSPECTING),
    "programmes:inspection-detail": (record("inspection-detail", make_inspection), ONE_VIEW),
    "programmes:inspection-edit": (record("inspection-edit", make_inspection), INSPECTING),
    "programmes:recommendation-close": (
        record("recommendation-close", make_recommendation),
        CLOSING,
    ),
    "programmes:board-list": (page("board-list"), LISTS),
    "programmes:board-create": (page("board-create"), LISTS),
    "programmes:decision-list": (page("decision-list"), LISTS),
    "programmes:board-detail": (record("board-detail", make_board), ONE_VIEW),
    "programmes:board-edit": (record("board-edit", make_board), ONE_VIEW),
    "programmes:member-edit": (record("member-edit", make_member), ONE_VIEW),
    "programmes:member-end": (record("member-end", make_member), ONE_VIEW),
    "programmes:meeting-create": (record("meeting-create", make_board), ONE_VIEW),
    "programmes:meeting-detail": (record("meeting-detail", make_meeting), ONE_VIEW),
    "programmes:decision-done": (record("decision-done", make_decision), ONE_VIEW),
}
