"""Every paginated list page and every API list, with a builder that adds rows of its kind in
the persona's scope (test_list_queries.py counts the queries with few and with more rows).

A new paginating view or list API operation must get an entry here: the meta-tests in
test_list_queries.py find them in the URL patterns and fail until it does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from cpms.accountability.tests.factories import make_entry
from cpms.api.models import Scope
from cpms.api.tests.factories import auth, make_client, make_token
from cpms.care.tests.factories import make_placement, make_provider
from cpms.cases.tests.factories import make_case
from cpms.children.circumstances import circumstance_add
from cpms.children.models import (
    ImportRowIssue,
    JobKind,
    JobStatus,
    SpecialCircumstanceGroup,
    SpreadsheetJob,
)
from cpms.children.tests.factories import make_child
from cpms.directives.tests.factories import make_directive
from cpms.emergency.services import emergency_access_open
from cpms.geography.models import UnitLevel
from cpms.geography.services import unit_create
from cpms.hotline.tests.factories import make_call
from cpms.intake.models import ConcernType
from cpms.intake.tests.factories import make_report
from cpms.notifications.tests.factories import make_notification
from cpms.programmes.tests.factories import (
    make_activity,
    make_board,
    make_course,
    make_decision,
    make_inspection,
    make_meeting,
    make_plan,
    make_recommendation,
    make_session,
)
from cpms.referrals.tests.factories import send
from cpms.testing import World
from cpms.transfers.tests.factories import transfer_to_b

Adder = Callable[[World, Any, int], object]


def page_rows(response: Any) -> int:
    return len(response.context["page"].object_list)


def json_rows(response: Any) -> int:
    return len(response.json())


@dataclass(frozen=True)
class ListPage:
    """`add(world, ctx, i)` adds the i-th row; `ctx` is what `setup(world)` returned (the
    parent record of a list inside a detail page, an API token…)."""

    persona: str
    add: Adder
    url: Callable[[World, Any], str]
    setup: Callable[[World], Any] = lambda w: None
    headers: Callable[[Any], dict[str, Any]] = lambda ctx: {}
    rows: Callable[[Any], int] = page_rows


def plain(name: str) -> Callable[[World, Any], str]:
    return lambda w, ctx: reverse(name)


def of_ctx(name: str) -> Callable[[World, Any], str]:
    return lambda w, ctx: reverse(name, kwargs={"uid": ctx.uid})


def _child(world: World, i: int) -> Any:
    return make_child(world, full_name=f"Trần Văn Số {i}", birth_date=dt.date(2016, 1, i + 1))


def _placement(world: World, ctx: Any, i: int) -> None:
    provider = make_provider(world, name=f"Gia đình số {i}")
    make_placement(world, child=_child(world, i), provider=provider)


def _emergency(world: World, ctx: Any, i: int) -> None:
    reason = "Trẻ đang gặp nguy hiểm, cần xem hồ sơ ngay trong đêm nay"
    emergency_access_open(actor=world.personas["outsider"], case=make_case(world), reason=reason)


def _needing_care(world: World, ctx: Any, i: int) -> None:
    """An orphan (group "a"), listed in the six-monthly list of children needing care."""
    circumstance_add(
        actor=world.personas["worker"],
        child=_child(world, i),
        group=SpecialCircumstanceGroup.objects.get(code="a"),
        from_date=dt.date(2025, 1, 1),
    )


def _import_job(world: World) -> SpreadsheetJob:
    return SpreadsheetJob.objects.create(
        kind=JobKind.IMPORT,
        status=JobStatus.VALIDATED,
        original_name="so.xlsx",
        commune=world.commune_a,
        created_by=world.personas["worker"],
    )


def _issue(world: World, job: Any, i: int) -> None:
    ImportRowIssue.objects.create(
        job=job, row_number=i + 2, severity="error", column="Họ và tên", message="Thiếu họ tên"
    )


def _api_token(world: World) -> Any:
    return make_token(make_client(world), scopes=(Scope.REPORTS_CREATE,))


def _concern_type(world: World, ctx: Any, i: int) -> None:
    parent = ConcernType.objects.filter(parent=None).order_by("position").first()
    ConcernType.objects.create(code=f"test_{i}", name=f"Loại thử {i}", parent=parent)


def _decision_meeting(world: World) -> Any:
    return make_meeting(world, board=make_board(world))


LISTS: dict[str, ListPage] = {
    "home:unit-list": ListPage(
        "officer",
        lambda w, ctx, i: unit_create(
            name=f"Thôn số {i}", level=UnitLevel.VILLAGE, parent=w.commune_b
        ),
        plain("home:unit-list"),
    ),
    "children:list": ListPage("worker", lambda w, ctx, i: _child(w, i), plain("children:list")),
    "children-sheets:import-detail": ListPage(
        "worker", _issue, of_ctx("children-sheets:import-detail"), setup=_import_job
    ),
    "intake:list": ListPage("worker", lambda w, ctx, i: make_report(w), plain("intake:list")),
    "intake:sent": ListPage(
        "collaborator",
        lambda w, ctx, i: make_report(w, actor=w.personas["collaborator"]),
        plain("intake:sent"),
    ),
    "hotline:list": ListPage("hotline", lambda w, ctx, i: make_call(w), plain("hotline:list")),
    "cases:list": ListPage("worker", lambda w, ctx, i: make_case(w), plain("cases:list")),
    "care:placement-list": ListPage("worker", _placement, plain("care:placement-list")),
    "care:provider-list": ListPage(
        "worker",
        lambda w, ctx, i: make_provider(w, name=f"Gia đình số {i}"),
        plain("care:provider-list"),
    ),
    "care:needs": ListPage("worker", _needing_care, plain("care:needs")),
    "transfers:list": ListPage(
        "worker", lambda w, ctx, i: transfer_to_b(w, make_case(w)), plain("transfers:list")
    ),
    "referrals:inbox": ListPage(
        "police", lambda w, ctx, i: send(w, make_case(w)), plain("referrals:inbox")
    ),
    "accountability:list": ListPage(
        "officer", lambda w, ctx, i: make_entry(w), plain("accountability:list")
    ),
    "notifications:list": ListPage(
        "worker",
        lambda w, ctx, i: make_notification(w.personas["worker"], title=f"Việc {i}"),
        plain("notifications:list"),
    ),
    "directives:list": ListPage(
        "officer",
        lambda w, ctx, i: make_directive(w, subject=f"Văn bản số {i}"),
        plain("directives:list"),
    ),
    "emergency:list": ListPage("leader", _emergency, plain("emergency:list")),
    "programmes:course-list": ListPage(
        "officer", lambda w, ctx, i: make_course(w), plain("programmes:course-list")
    ),
    "programmes:course-detail": ListPage(
        "officer",
        lambda w, ctx, i: make_session(w, course=ctx),
        of_ctx("programmes:course-detail"),
        setup=make_course,
    ),
    "programmes:activity-list": ListPage(
        "officer", lambda w, ctx, i: make_activity(w), plain("programmes:activity-list")
    ),
    "programmes:plan-list": ListPage(
        "officer", lambda w, ctx, i: make_plan(w), plain("programmes:plan-list")
    ),
    "programmes:plan-detail": ListPage(
        "officer",
        lambda w, ctx, i: make_inspection(w, plan=ctx),
        of_ctx("programmes:plan-detail"),
        setup=make_plan,
    ),
    "programmes:recommendation-list": ListPage(
        "officer",
        lambda w, ctx, i: make_recommendation(w),
        plain("programmes:recommendation-list"),
    ),
    "programmes:board-list": ListPage(
        "officer", lambda w, ctx, i: make_board(w), plain("programmes:board-list")
    ),
    "programmes:decision-list": ListPage(
        "officer",
        lambda w, ctx, i: make_decision(w, meeting=ctx),
        plain("programmes:decision-list"),
        setup=_decision_meeting,
    ),
    "api:commune-list": ListPage(
        "anonymous",
        lambda w, ctx, i: unit_create(
            name=f"Xã số {i}", level=UnitLevel.COMMUNE, code=f"9{i:04}", parent=w.province
        ),
        lambda w, ctx: f"{reverse('api:commune-list')}?province_code={w.province.code}",
        setup=_api_token,
        headers=lambda ctx: auth(ctx, key=None),
        rows=json_rows,
    ),
    "api:concern-type-list": ListPage(
        "anonymous",
        _concern_type,
        plain("api:concern-type-list"),
        setup=_api_token,
        headers=lambda ctx: auth(ctx, key=None),
        rows=json_rows,
    ),
}
