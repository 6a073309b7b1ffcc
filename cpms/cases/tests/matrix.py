"""Expected answers of the case pages for every persona (merged into the role matrix).

The case is in commune A. Police hold case.view but reach a case only through a referral."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.cases.models import SeparationDecision
from cpms.cases.tests.factories import initial_data, make_case, step
from cpms.children.tests.matrix import expect
from cpms.intake.tests.matrix import ONE_REPORT_TRIAGE, ONE_REPORT_VIEW, report_url
from cpms.testing import World

NO_CASE_VIEW = {"collaborator": 403, "school": 403, "statistician": 403, "hotline": 403}
CASE_LISTS = expect(200, anonymous=302, sysadmin=403, **NO_CASE_VIEW)
NOT_REACHED = {
    "collaborator": 404,
    "police": 404,
    "school": 404,
    "statistician": 404,
    "hotline": 404,
    "outsider": 404,
}
ONE_CASE_VIEW = expect(200, anonymous=302, sysadmin=403, **NOT_REACHED)
ONE_CASE_EDIT = {**ONE_CASE_VIEW, "officer": 403}
ONE_CASE_SEPARATE = {**ONE_CASE_EDIT, "worker": 403}
POST_ONLY = expect(405, anonymous=302)


def case_url(name: str, **kwargs: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        return reverse(name, kwargs={"uid": make_case(world).uid, **kwargs})

    return build


def task_done_url(world: World) -> str:
    from cpms.cases.services import task_add

    case = make_case(world)
    task = task_add(
        actor=world.personas["worker"], case=case, title="Thăm nhà", owner=None, due_on=None
    )
    return reverse("cases:task-done", kwargs={"uid": case.uid, "task_uid": task.uid})


def separation_url(world: World) -> str:
    import datetime as dt

    from django.utils import timezone

    case = make_case(world, emergency=True)
    step(world, case, "initial_assess", **initial_data(emergency=True))
    now = timezone.now()
    step(
        world,
        case,
        "separate",
        "leader",
        decision_number="01/QĐ-UBND",
        separated_from="Nguyễn Văn Cha (cha)",
        reason="Cha là người gây tổn hại",
        place="Nhà tạm lánh phường",
        starts_at=now,
        ends_at=now + dt.timedelta(days=7),
    )
    sep = SeparationDecision.objects.get(case=case)
    return reverse(
        "cases:separation", kwargs={"uid": case.uid, "sep_uid": sep.uid, "action": "extend"}
    )


def form_url(world: World) -> str:
    case = make_case(world)
    step(world, case, "initial_assess", **initial_data())
    return reverse("cases:form", kwargs={"uid": case.uid, "code": "02"})


ONE_REPORT_EXPORT = {**ONE_REPORT_VIEW, "hotline": 403}

CASES_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "cases:list": (lambda w: reverse("cases:list"), CASE_LISTS),
    "cases:my-work": (lambda w: reverse("cases:my-work"), CASE_LISTS),
    "cases:triage": (report_url("cases:triage"), ONE_REPORT_TRIAGE),
    "cases:detail": (case_url("cases:detail"), ONE_CASE_VIEW),
    "cases:step": (case_url("cases:step", code="initial_assess"), ONE_CASE_EDIT),
    "cases:note-add": (case_url("cases:note-add"), POST_ONLY),
    "cases:task-add": (case_url("cases:task-add"), POST_ONLY),
    "cases:task-done": (task_done_url, POST_ONLY),
    "cases:separation": (separation_url, ONE_CASE_SEPARATE),
    "cases:form": (form_url, ONE_CASE_VIEW),
    "cases:report-form": (report_url("cases:report-form"), ONE_REPORT_EXPORT),
}
