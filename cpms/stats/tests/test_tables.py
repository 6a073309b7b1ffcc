"""Each seeded indicator computed on the hand-checked data set of dataset.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from cpms.cases.models import CaseDeadline
from cpms.children.tests.factories import make_child
from cpms.stats.models import Indicator
from cpms.stats.tables import StatTable, report_tables

from . import dataset
from .dataset import END, START

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    return dataset.build(world)


def tables_for(world, *, protect=False, communes=None, kind="yearly") -> list[StatTable]:
    with translation.override("vi"):
        return report_tables(
            commune_ids=communes or [world.commune_a.pk],
            start=START,
            end=END,
            kind=kind,
            protect=protect,
        )


def one(tables: list[StatTable], code: str, row_label: str) -> StatTable:
    [table] = [t for t in tables if t.indicator_code == code and t.row_label == row_label]
    return table


def as_dict(table: StatTable) -> dict[str, tuple[int | None, ...]]:
    """Rows with at least one non-zero cell."""
    return {r: cells for r, cells in zip(table.rows, table.cells, strict=True) if any(cells)}


def test_it_counts_abused_children_by_age_group_and_sex(world, data):
    table = one(tables_for(world), "0101", "Nhóm tuổi")
    assert table.cols == ("Nam", "Nữ")
    assert table.rows[:4] == (
        "Từ 0 đến dưới 6 tuổi",
        "Từ 6 đến dưới 11 tuổi",
        "Từ 11 đến dưới 16 tuổi",
        "Từ 16 đến dưới 18 tuổi",
    )
    # c2 (5, male); c1 (10, female); c3 (12, female, old commune rolled up into A)
    assert table.cells[:4] == ((1, 0), (0, 1), (0, 1), (0, 0))
    assert table.col_totals == (1, 2)
    assert table.row_totals[:4] == (1, 1, 1, 0)
    assert table.total == 3
    assert not table.suppressed
    assert table.title == "Số trẻ em bị xâm hại, chia theo nhóm tuổi và giới tính"


def test_it_breaks_abused_children_down_by_setting_type_and_perpetrator(world, data):
    tables = tables_for(world)
    assert as_dict(one(tables, "0101", "Môi trường xâm hại")) == {
        "Gia đình": (0, 1),
        "Trường học": (1, 0),
        "Môi trường mạng": (0, 1),
    }
    types = one(tables, "0101", "Hình thức xâm hại")
    # c2 has rape (a sexual-abuse sub-type) and violence: once in each row, once in the total
    assert as_dict(types) == {"Bạo lực": (1, 1), "Xâm hại tình dục": (1, 1)}
    assert types.total == 3
    assert types.col_totals == (1, 2)
    assert as_dict(one(tables, "0101", "Quan hệ của người gây hại với trẻ")) == {
        "Cha, mẹ": (0, 1),
        "Giáo viên, nhân viên nhà trường": (1, 0),
        "Chưa rõ": (0, 1),
    }


def test_it_rolls_historical_communes_up_into_todays(world, data):
    communes = one(tables_for(world), "0101", "Xã, phường")
    assert communes.rows == ("Phường An Hòa",)
    assert communes.cells == ((1, 2),)
    both = one(
        tables_for(world, communes=[world.commune_a.pk, world.commune_b.pk]), "0101", "Xã, phường"
    )
    assert as_dict(both) == {"Phường An Hòa": (1, 2), "Xã Bình Đông": (0, 1)}
    assert both.total == 4


def test_it_counts_children_in_special_circumstances_and_those_helped(world, data):
    table = one(tables_for(world), "TE-HCĐB", "Nhóm hoàn cảnh đặc biệt")
    assert table.cols == ("Được hỗ trợ, can thiệp", "Chưa được hỗ trợ, can thiệp")
    got = as_dict(table)
    # c7 (group a, no case); c5 (group d, its at-risk case is open); c1 (group i, case open)
    assert [cells for row, cells in got.items()] == [(0, 1), (1, 0), (1, 0)]
    assert [row.split(".")[0] for row in got] == ["a", "d", "i"]
    assert table.col_totals == (2, 1)
    assert table.total == 3


def test_it_counts_reports_by_channel(world, data):
    table = one(tables_for(world), "VH01", "Nguồn tiếp nhận")
    assert as_dict(table) == {"Tổng đài quốc gia 111": (2,), "Trường học": (1,)}
    assert table.total == 3
    assert table.cols == ("Số thông tin",)


def test_it_counts_cases_by_step_and_children_by_protection_level(world, data):
    tables = tables_for(world)
    steps = one(tables, "VH02", "Bước xử lý")
    # open at some time in 2025 in A (with the old commune): c1, c2, c3, c5, c6
    assert steps.cols == ("Phòng ngừa", "Hỗ trợ", "Can thiệp")
    assert as_dict(steps) == {"Đã tiếp nhận": (0, 4, 1)}
    levels = one(tables, "VH03", "Cấp độ bảo vệ")
    assert levels.cols == ("Nam", "Nữ")
    assert as_dict(levels) == {"Hỗ trợ": (1, 3), "Can thiệp": (1, 0)}
    assert levels.total == 5


def test_it_counts_clocks_due_in_the_period(world, data):
    table = one(tables_for(world), "VH04", "Thời hạn")
    ours = [c.pk for key, c in data.cases.items() if key != "c4"]
    due = CaseDeadline.objects.filter(
        case_id__in=ours,
        cancelled_at__isnull=True,
        due_at__gte=dataset.at(START, 0),
        due_at__lt=dataset.at(END, 0) + dt.timedelta(days=1),
    )
    assert due.exists()
    assert table.total == due.count()
    overdue = table.cols.index("Quá hạn, chưa hoàn thành")
    assert table.col_totals[overdue] == due.filter(met_at__isnull=True).count()


def test_it_bands_days_to_an_approved_plan_with_the_median(world, data):
    table = one(tables_for(world), "VH05", "Thời gian từ tiếp nhận đến phê duyệt kế hoạch")
    # c2: 3 days, c1: 10 days
    assert as_dict(table) == {
        "Từ 0 đến dưới 7 ngày": (1,),
        "Từ 7 đến dưới 15 ngày": (1,),
    }
    assert table.note.startswith("Trung vị: 6,5 ngày.")
    protected = one(tables_for(world, protect=True), "VH05", table.row_label)
    assert "Trung vị" not in protected.note  # fewer than 5 plans: no median leaves the commune


def test_it_counts_referrals_completed_on_time(world, data):
    table = one(tables_for(world), "VH06", "Loại dịch vụ")
    assert table.cols == (
        "Hoàn thành đúng hạn",
        "Hoàn thành trễ hạn",
        "Quá hạn, chưa hoàn thành",
        "Chưa đến hạn",
    )
    # the cancelled one and commune B's are not counted
    assert as_dict(table) == {"Điều tra, xác minh": (1, 1, 1, 0)}


def test_it_protects_every_table_that_leaves_the_commune(world, data):
    tables = tables_for(world, protect=True)
    counted = [
        t for t in tables if not t.indicator_code.startswith("VH0") or t.indicator_code < "VH07"
    ]
    assert counted
    for table in counted:
        values = [v for row in table.cells for v in row]
        values += [*table.row_totals, *table.col_totals, table.total]
        assert not any(v is not None and 0 < v < 5 for v in values), table.title
        assert table.suppressed


def test_it_picks_the_tables_of_the_report_kind(world, data):
    Indicator.objects.filter(code="VH04").update(report_kinds=["six_monthly"])
    codes = {t.indicator_code for t in tables_for(world, kind="yearly")}
    assert "VH04" not in codes
    assert {"0101", "TE-HCĐB", "VH01"} <= codes
    moa = {t.indicator_code for t in tables_for(world, kind="month_of_action")}
    assert "VH02" not in moa
    assert "0101" in moa


def test_it_reads_a_fixed_number_of_queries(world, data, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        tables = tables_for(world)
    assert len(first) <= len(tables) + 20
    more = make_child(world, full_name="Trẻ Tám", sex="male")
    case = dataset._case(world, more, world.commune_a, dt.date(2025, 4, 4))
    dataset._abuse(world, case, ["trafficking"], "community")
    with django_assert_num_queries(len(first)):
        again = tables_for(world)
    assert one(again, "0101", "Nhóm tuổi").total == 4
