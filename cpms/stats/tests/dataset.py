"""A small hand-checked data set for the indicator tests (period: the year 2025).

Children and what the figures must say about them:

| child | sex | born       | case (commune, received)       | abuse, setting, perpetrator   |
|-------|-----|------------|--------------------------------|-------------------------------|
| c1    | F   | 2015-03-14 | A, 2025-09-10 (age 10)         | violence, family, parent      |
| c2    | M   | 2020-01-01 | A, 2025-10-01 (age 5), interv. | rape + violence, school, teacher |
| c3    | F   | 2012-05-05 | old commune, 2025-03-01 (12)   | molestation, online, none     |
| c4    | F   | 2009-02-01 | B, 2025-08-01                  | neglect (commune B: not ours) |
| c5    | M   | 2016-06-06 | A, 2025-11-11                  | at risk only (not abuse)      |
| c6    | F   | 2014-01-01 | A, 2024-12-31 (before period)  | violence, still open          |
| c7    | F   | 2013-07-07 | none                           |                               |

The old commune ended on 30/06/2025 and merged into commune A.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from cpms.cases.abuse import PerpetratorData, abuse_update, perpetrator_add
from cpms.cases.models import Case, Plan
from cpms.cases.services import case_open
from cpms.children.circumstances import circumstance_add
from cpms.children.models import Child, SpecialCircumstanceGroup
from cpms.children.tests.factories import make_child
from cpms.geography.models import AdminUnit
from cpms.intake.choices import Channel
from cpms.intake.models import ConcernType
from cpms.intake.tests.factories import make_report
from cpms.referrals.models import Referral
from cpms.testing import World

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


@dataclass
class Data:
    children: dict[str, Child]
    cases: dict[str, Case]


def _case(world: World, child: Child, commune: AdminUnit, received: dt.date, **kw: Any) -> Case:
    return case_open(
        actor=world.personas["worker"],
        child=child,
        commune=commune,
        received_at=at(received),
        **kw,
    )


def _abuse(world: World, case: Case, codes: list[str], setting: str) -> Case:
    case.refresh_from_db()
    return abuse_update(
        actor=world.personas["worker"],
        case=case,
        concern_types=list(ConcernType.objects.filter(code__in=codes)),
        setting=setting,
        expected_version=case.version,
    )


def build(world: World) -> Data:
    a, b = world.commune_a, world.commune_b
    kids = {
        "c1": make_child(world, full_name="Trẻ Một", sex="female", birth_date=dt.date(2015, 3, 14)),
        "c2": make_child(world, full_name="Trẻ Hai", sex="male", birth_date=dt.date(2020, 1, 1)),
        "c3": make_child(world, full_name="Trẻ Ba", sex="female", birth_date=dt.date(2012, 5, 5)),
        "c4": make_child(
            world,
            full_name="Trẻ Bốn",
            sex="female",
            birth_date=dt.date(2009, 2, 1),
            commune=b,
            village=world.village_b1,
        ),
        "c5": make_child(world, full_name="Trẻ Năm", sex="male", birth_date=dt.date(2016, 6, 6)),
        "c6": make_child(world, full_name="Trẻ Sáu", sex="female", birth_date=dt.date(2014, 1, 1)),
        "c7": make_child(world, full_name="Trẻ Bảy", sex="female", birth_date=dt.date(2013, 7, 7)),
    }
    cases = {
        "c1": _case(world, kids["c1"], a, dt.date(2025, 9, 10)),
        "c2": _case(world, kids["c2"], a, dt.date(2025, 10, 1), protection_level="intervention"),
        "c3": _case(world, kids["c3"], world.old_commune, dt.date(2025, 3, 1)),
        "c4": _case(world, kids["c4"], b, dt.date(2025, 8, 1)),
        "c5": _case(world, kids["c5"], a, dt.date(2025, 11, 11)),
        "c6": _case(world, kids["c6"], a, dt.date(2024, 12, 31)),
    }
    _abuse(world, cases["c1"], ["violence"], "family")
    _abuse(world, cases["c2"], ["rape", "violence"], "school")
    _abuse(world, cases["c3"], ["molestation"], "online")
    _abuse(world, cases["c4"], ["neglect"], "community")
    _abuse(world, cases["c5"], ["at_risk"], "family")
    _abuse(world, cases["c6"], ["violence"], "family")
    worker = world.personas["worker"]
    perpetrator_add(actor=worker, case=cases["c1"], data=PerpetratorData(relationship="parent"))
    perpetrator_add(actor=worker, case=cases["c2"], data=PerpetratorData(relationship="teacher"))
    _plans(world, cases)
    _referrals(world, cases)
    _reports(world)
    groups = {g.code: g for g in SpecialCircumstanceGroup.objects.filter(code__in=["a", "i", "d"])}
    circumstance_add(
        actor=worker, child=kids["c1"], group=groups["i"], from_date=dt.date(2025, 9, 15)
    )
    circumstance_add(
        actor=worker, child=kids["c5"], group=groups["d"], from_date=dt.date(2020, 1, 1)
    )
    circumstance_add(
        actor=worker, child=kids["c7"], group=groups["a"], from_date=dt.date(2024, 1, 1)
    )
    circumstance_add(
        actor=worker, child=kids["c4"], group=groups["a"], from_date=dt.date(2024, 1, 1)
    )
    return Data(children=kids, cases=cases)


def _plans(world: World, cases: dict[str, Case]) -> None:
    for key, approved in (("c1", dt.date(2025, 9, 20)), ("c2", dt.date(2025, 10, 4))):
        Plan.objects.create(
            case=cases[key],
            recorded_by=world.personas["worker"],
            drafted_at=at(approved, 8),
            objectives="An toàn",
            measures="Tư vấn",
            starts_on=approved,
            ends_on=approved + dt.timedelta(days=90),
            approved_at=at(approved),
            decision_number="01/QĐ",
            decision_date=approved,
            approved_by=world.personas["leader"],
        )


def _referrals(world: World, cases: dict[str, Case]) -> None:
    common = {
        "agency": world.police_a,
        "kind": "investigation",
        "service": "Xác minh",
        "sharing_basis": "state_duty",
        "sent_by": world.personas["worker"],
    }
    c1, c2 = cases["c1"], cases["c2"]
    Referral.objects.create(
        case=c1,
        due_on=dt.date(2025, 9, 20),
        state="completed",
        completed_at=at(dt.date(2025, 9, 20), 23),
        **common,
    )
    Referral.objects.create(
        case=c2,
        due_on=dt.date(2025, 10, 10),
        state="completed",
        completed_at=at(dt.date(2025, 10, 12)),
        **common,
    )
    Referral.objects.create(case=c2, due_on=dt.date(2025, 11, 1), state="sent", **common)
    Referral.objects.create(
        case=c2, due_on=dt.date(2025, 11, 2), state="cancelled", cancel_reason="Nhầm", **common
    )
    Referral.objects.create(case=cases["c4"], due_on=dt.date(2025, 11, 1), state="sent", **common)


def _reports(world: World) -> None:
    for day, channel, commune in (
        (dt.date(2025, 5, 1), Channel.HOTLINE_111, world.commune_a),
        (dt.date(2025, 6, 1), Channel.HOTLINE_111, world.commune_a),
        (dt.date(2025, 7, 2), Channel.SCHOOL, world.commune_a),
        (dt.date(2025, 7, 2), Channel.SCHOOL, world.commune_b),
        (dt.date(2024, 7, 2), Channel.SCHOOL, world.commune_a),
    ):
        make_report(world, received_at=at(day), channel=channel, commune=commune)
