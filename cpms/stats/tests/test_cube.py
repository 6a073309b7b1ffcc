"""The dashboard cube gives the same tables as the live computation, for any period, rolled up
or as the units were; it is used above commune level only, rebuilt when the data changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from cpms.cases.models import Case
from cpms.children.circumstances import circumstance_add
from cpms.children.models import Child, SpecialCircumstanceGroup
from cpms.children.tests.factories import make_child
from cpms.geography.models import SuccessionKind, UnitLevel
from cpms.geography.services import succession_record, unit_create
from cpms.intake.choices import Channel
from cpms.intake.tests.factories import make_report
from cpms.stats.cube import current_cube
from cpms.stats.cube.build import build_cube, refresh_cube
from cpms.stats.models import CubeChild, Indicator
from cpms.stats.selectors import dashboard, dashboard_tables
from cpms.testing import REFORM

from . import dataset
from .dataset import _abuse, _case, at

pytestmark = pytest.mark.django_db

PERIODS = [
    (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    (dt.date(2025, 3, 1), dt.date(2025, 3, 1)),
    (dt.date(2025, 5, 5), dt.date(2025, 9, 10)),
    (dt.date(2025, 6, 2), dt.date(2025, 10, 1)),
    (dt.date(2024, 12, 31), dt.date(2025, 2, 1)),
    (dt.date(2025, 9, 11), dt.date(2026, 6, 30)),
    (dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
    (dt.date(2025, 7, 1), dt.date(2025, 7, 31)),
]


def _more(world) -> dict[str, Child]:
    """Children the running totals cannot count alone: two abuse cases (c8), several cases
    with different protection levels, one closed (c9), two circumstance groups (c10); a case
    closed in the middle of the year (c11); and a commune split between A and B (c12, a report),
    whose units count for both communes and once in the totals."""
    a, b = world.commune_a, world.commune_b
    kids = {
        key: make_child(world, full_name=f"Trẻ {key}", sex=sex, birth_date=born)
        for key, sex, born in (
            ("c8", "male", dt.date(2013, 4, 4)),
            ("c9", "female", dt.date(2011, 2, 2)),
            ("c10", "male", dt.date(2018, 8, 8)),
            ("c11", "female", dt.date(2010, 10, 10)),
            ("c12", "male", dt.date(2015, 5, 15)),
        )
    }
    split = unit_create(
        name="Xã Chia Đôi", level=UnitLevel.COMMUNE, code="99004", valid_to=REFORM - dt.timedelta(1)
    )
    for successor in (a, b):
        succession_record(
            predecessor=split,
            successor=successor,
            kind=SuccessionKind.SPLIT,
            date=REFORM,
            legal_basis="NQ thử nghiệm",
        )
    split_case = _case(world, kids["c12"], split, dt.date(2025, 3, 3))
    _abuse(world, split_case, ["violence"], "school")
    make_report(world, received_at=at(dt.date(2025, 3, 2)), channel=Channel.SCHOOL, commune=split)
    first = _case(world, kids["c8"], a, dt.date(2025, 2, 1))
    _abuse(world, first, ["violence"], "family")
    _close(first, dt.date(2025, 3, 3))
    second = _case(world, kids["c8"], world.old_commune, dt.date(2025, 6, 1))
    _abuse(world, second, ["molestation"], "online")
    early = _case(world, kids["c9"], a, dt.date(2025, 1, 15), protection_level="prevention")
    _close(early, dt.date(2025, 4, 1))
    _case(world, kids["c9"], b, dt.date(2025, 8, 20), protection_level="intervention")
    late = _case(world, kids["c11"], a, dt.date(2025, 2, 2))
    _abuse(world, late, ["neglect"], "community")
    _close(late, dt.date(2025, 5, 5))
    groups = {g.code: g for g in SpecialCircumstanceGroup.objects.filter(code__in=["a", "d"])}
    worker = world.personas["worker"]
    for code in ("a", "d"):
        circumstance_add(
            actor=worker, child=kids["c10"], group=groups[code], from_date=dt.date(2025, 4, 1)
        )
    return kids


def _close(case: Case, day: dt.date) -> None:
    Case.objects.filter(pk=case.pk).update(state="closed", closed_at=at(day))


@pytest.fixture
def data(world):
    built = dataset.build(world)
    built.children |= _more(world)
    return built


def _tables(world, start, end, *, as_they_were=False, cube=None):
    with translation.override("vi"):
        return dashboard_tables(
            unit=world.province,
            start=start,
            end=end,
            protect=False,
            as_they_were=as_they_were,
            cube=cube,
        )


@pytest.mark.parametrize("as_they_were", [False, True])
def test_the_cube_gives_the_live_tables_for_any_period(world, data, as_they_were):
    build_cube()
    cube = current_cube()
    assert cube is not None
    assert (
        len(cube.keys)
        == Indicator.objects.filter(active=True)
        .exclude(
            calculator__in=["training_coverage", "campaign_reach", "inspection_recommendations"]
        )
        .count()
    )
    for start, end in PERIODS:
        live = _tables(world, start, end, as_they_were=as_they_were)
        cubed = _tables(world, start, end, as_they_were=as_they_were, cube=cube)
        assert [t.title for t in cubed] == [t.title for t in live]
        for cubed_table, live_table in zip(cubed, live, strict=True):
            assert cubed_table == live_table, (start, end, live_table.title)
    assert any(t.total for t in live)  # the periods are not all empty


def test_children_the_totals_cannot_count_alone_are_listed_apart(world, data):
    build_cube()
    kids = {child.pk: key for key, child in data.children.items()}
    listed: dict[str, set[str]] = {}
    for key, child_id in CubeChild.objects.values_list("key", "child_id"):
        listed.setdefault(key.split(":")[0], set()).add(kids[child_id])
    assert listed["0101"] == {"c8"}  # two abuse cases
    assert listed["VH03"] == {"c8", "c9"}  # several cases
    # several circumstance groups (c10), or a circumstance and a case
    assert listed["TE-HCĐB"] == {"c1", "c4", "c5", "c10"}


def test_an_edited_indicator_is_counted_live_until_the_next_build(world, data):
    build_cube()
    indicator = Indicator.objects.get(code="0101")
    indicator.breakdowns = ["sex", "setting"]
    indicator.save()
    cube = current_cube()
    live = _tables(world, *PERIODS[0])
    cubed = _tables(world, *PERIODS[0], cube=cube)
    assert cubed == live
    [table] = [t for t in cubed if t.indicator_code == "0101"]
    assert table.row_label == "Môi trường xâm hại"


def test_the_dashboard_reads_the_cube_above_the_commune_and_live_in_it(world, data):
    build_cube()
    officer = world.personas["officer"]
    board = dashboard(
        viewer=officer, unit=world.province, start=PERIODS[0][0], end=PERIODS[0][1],
        as_they_were=False,
    )  # fmt: skip
    assert board.as_of is not None
    worker = world.personas["worker"]
    board = dashboard(
        viewer=worker, unit=world.commune_a, start=PERIODS[0][0], end=PERIODS[0][1],
        as_they_were=False,
    )  # fmt: skip
    assert board.as_of is None


def test_figures_stand_as_of_the_build_until_the_data_changes(world, data):
    first = build_cube()
    assert refresh_cube() is None  # nothing written since
    cube = current_cube()
    before = _tables(world, *PERIODS[0], cube=cube)
    child = make_child(world, full_name="Trẻ Mới", sex="female", birth_date=dt.date(2012, 1, 1))
    case = _case(world, child, world.commune_a, dt.date(2025, 4, 4))
    _abuse(world, case, ["violence"], "family")
    assert _tables(world, *PERIODS[0], cube=cube) == before  # as of the build
    rebuilt = refresh_cube()
    assert rebuilt is not None and rebuilt.as_of > first.as_of
    after = _tables(world, *PERIODS[0], cube=current_cube())
    assert after == _tables(world, *PERIODS[0])
    assert after != before
