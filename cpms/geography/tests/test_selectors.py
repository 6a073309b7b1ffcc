from __future__ import annotations

import datetime as dt

import pytest

from cpms.geography.demo import DemoGeography, seed_demo_geography
from cpms.geography.models import AdminUnit, SuccessionKind, UnitLevel
from cpms.geography.selectors import unit_subtree, unit_successors_at, units_rolling_up_to
from cpms.geography.services import succession_record, unit_create

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def geo() -> DemoGeography:
    return seed_demo_geography()


def names(units) -> set[str]:
    return {u.name for u in units}


def commune(name: str, *, until: dt.date | None = None, since: dt.date | None = None) -> AdminUnit:
    return unit_create(name=name, level=UnitLevel.COMMUNE, valid_from=since, valid_to=until)


def test_it_returns_the_unit_itself_while_it_is_valid(geo):
    an_phu = geo.communes["Xã An Phú"]
    nghia_lo_old = geo.legacy_communes["Phường Nghĩa Lộ"]
    assert unit_successors_at(an_phu, D(2025, 8, 1)) == [an_phu]
    assert unit_successors_at(nghia_lo_old, D(2025, 6, 30)) == [nghia_lo_old]


def test_it_follows_the_2024_merger_and_then_the_2025_merger(geo, django_assert_num_queries):
    nghia_an = geo.legacy_communes["Xã Nghĩa An"]
    an_phu_2024 = geo.legacy_communes["Xã An Phú"]
    assert unit_successors_at(nghia_an, D(2024, 12, 31)) == [nghia_an]
    assert unit_successors_at(nghia_an, D(2025, 1, 1)) == [an_phu_2024]
    assert unit_successors_at(nghia_an, D(2025, 6, 30)) == [an_phu_2024]
    with django_assert_num_queries(2):  # one per hop
        assert unit_successors_at(nghia_an, D(2025, 7, 1)) == [geo.communes["Xã An Phú"]]
    nghia_phu = geo.legacy_communes["Xã Nghĩa Phú"]
    assert unit_successors_at(nghia_phu, D(2026, 1, 1)) == [geo.communes["Xã An Phú"]]


# legal-framework.md §9.4 (NQ 1677/NQ-UBTVQH15).
SUCCESSORS_2025 = {
    "Phường Cẩm Thành": ["Trần Hưng Đạo", "Nguyễn Nghiêm", "Chánh Lộ", "Nghĩa Chánh"],
    "Phường Nghĩa Lộ": ["Lê Hồng Phong", "Trần Phú", "Quảng Phú", "Nghĩa Lộ"],
    "Phường Trương Quang Trọng": ["Trương Quang Trọng", "Tịnh Ấn Tây", "Tịnh Ấn Đông", "Tịnh An"],
    "Xã Tịnh Khê": ["Tịnh Kỳ", "Tịnh Châu", "Tịnh Long", "Tịnh Thiện", "Tịnh Khê"],
    "Xã An Phú": ["Nghĩa Hà", "Nghĩa Dõng", "Nghĩa Dũng", "An Phú", "Nghĩa An", "Nghĩa Phú"],
    "Xã Đông Sơn": ["Tịnh Hòa"],
}


def test_it_maps_every_old_city_unit_to_its_2025_unit(geo):
    assert len(geo.legacy_communes) == 24  # the 23 units of 2023 plus the 2024 Xã An Phú
    mapped: dict[str, set[str]] = {}
    for name, unit in geo.legacy_communes.items():
        (successor,) = unit_successors_at(unit, D(2025, 7, 1))
        mapped.setdefault(successor.name, set()).add(name.split(" ", 1)[1])
    assert mapped == {new: set(old) for new, old in SUCCESSORS_2025.items()}


def test_it_follows_tinh_hoa_into_dong_son_outside_the_old_city(geo):
    dong_son = geo.communes["Xã Đông Sơn"]
    assert unit_successors_at(geo.legacy_communes["Xã Tịnh Hòa"], D(2025, 9, 1)) == [dong_son]
    assert dong_son.parent == geo.province
    assert not unit_subtree(geo.city).filter(pk=dong_son.pk).exists()


def test_it_returns_every_part_of_a_split_and_follows_each_branch():
    old = commune("Xã Cũ", until=D(2020, 12, 31))
    north = commune("Xã Bắc", since=D(2021, 1, 1))
    south = commune("Xã Nam", since=D(2021, 1, 1), until=D(2022, 12, 31))
    merged = commune("Xã Nam Mới", since=D(2023, 1, 1))
    for part in (north, south):
        succession_record(
            predecessor=old, successor=part, kind=SuccessionKind.SPLIT, date=D(2021, 1, 1)
        )
    succession_record(predecessor=south, successor=merged, kind="merge", date=D(2023, 1, 1))
    succession_record(predecessor=north, successor=merged, kind="transfer", date=D(2023, 1, 1))
    assert set(unit_successors_at(old, D(2021, 6, 1))) == {north, south}
    # North still exists; the part of the area that went on to Nam Mới is reported there too.
    assert set(unit_successors_at(old, D(2024, 1, 1))) == {north, merged}


def test_it_ignores_links_dated_after_the_day():
    old = commune("Xã Cũ", until=D(2020, 6, 30))
    new = commune("Xã Mới", since=D(2021, 1, 1))
    succession_record(predecessor=old, successor=new, kind="merge", date=D(2021, 1, 1))
    assert unit_successors_at(old, D(2020, 9, 1)) == []
    assert unit_successors_at(old, D(2021, 1, 1)) == [new]


def test_it_returns_nothing_before_the_unit_began_or_without_successors(geo):
    assert unit_successors_at(geo.communes["Xã An Phú"], D(2025, 6, 30)) == []
    assert unit_successors_at(geo.legacy_communes["Xã An Phú"], D(2024, 6, 1)) == []
    assert unit_successors_at(geo.city, D(2025, 7, 1)) == []  # districts have no links


def test_it_stops_on_a_cycle_of_links():
    first = commune("Xã A", until=D(2020, 1, 1))
    second = commune("Xã B", until=D(2020, 1, 1))
    succession_record(predecessor=first, successor=second, kind="merge", date=D(2020, 1, 1))
    succession_record(predecessor=second, successor=first, kind="merge", date=D(2020, 1, 1))
    assert unit_successors_at(first, D(2021, 1, 1)) == []
    assert set(units_rolling_up_to(first)) == {first, second}


def test_it_rolls_the_whole_history_up_into_the_2025_an_phu(geo):
    rolled = units_rolling_up_to(geo.communes["Xã An Phú"])
    assert sorted((u.name, u.level, str(u.valid_to)) for u in rolled) == sorted(
        [
            ("Xã An Phú", UnitLevel.COMMUNE, "None"),
            ("Thôn Phú Mỹ", UnitLevel.VILLAGE, "None"),
            ("Thôn An Hòa", UnitLevel.VILLAGE, "None"),
            ("Thôn Tân Lập", UnitLevel.VILLAGE, "None"),
            ("Xã An Phú", UnitLevel.COMMUNE, "2025-06-30"),
            ("Xã Nghĩa Dũng", UnitLevel.COMMUNE, "2025-06-30"),
            ("Xã Nghĩa Dõng", UnitLevel.COMMUNE, "2025-06-30"),
            ("Xã Nghĩa Hà", UnitLevel.COMMUNE, "2025-06-30"),
            ("Xã Nghĩa An", UnitLevel.COMMUNE, "2024-12-31"),
            ("Thôn Phú Long", UnitLevel.VILLAGE, "2024-12-31"),  # a predecessor's subtree
            ("Xã Nghĩa Phú", UnitLevel.COMMUNE, "2024-12-31"),
        ]
    )


def test_it_rolls_tinh_hoa_into_dong_son_but_not_the_old_city(geo):
    rolled = units_rolling_up_to(geo.communes["Xã Đông Sơn"])
    assert names(rolled) == {
        "Xã Đông Sơn",
        "Thôn Đông Thành",
        "Thôn Bình Tây",
        "Thôn Sơn Trà",
        "Xã Tịnh Hòa",
        "Thôn Khánh Lộc",
    }


def test_it_rolls_the_legacy_province_into_the_2025_province(geo):
    rolled = set(units_rolling_up_to(geo.province))
    assert {geo.province_legacy, geo.city} <= rolled
    assert set(geo.legacy_communes.values()) <= rolled
    assert set(unit_subtree(geo.province)) <= rolled


def test_it_rolls_nothing_forwards_or_sideways(geo):
    nghia_an = geo.legacy_communes["Xã Nghĩa An"]
    assert names(units_rolling_up_to(nghia_an)) == {"Xã Nghĩa An", "Thôn Phú Long"}
    cam_thanh = units_rolling_up_to(geo.communes["Phường Cẩm Thành"])
    assert "Phường Nghĩa Lộ" not in names(cam_thanh)
    assert cam_thanh.filter(level=UnitLevel.COMMUNE).count() == 5


def test_it_rolls_a_split_predecessor_into_each_part():
    old = commune("Xã Cũ", until=D(2020, 12, 31))
    village = unit_create(name="Thôn 1", level=UnitLevel.VILLAGE, parent=old)
    parts = [commune("Xã Bắc", since=D(2021, 1, 1)), commune("Xã Nam", since=D(2021, 1, 1))]
    for part in parts:
        succession_record(predecessor=old, successor=part, kind="split", date=D(2021, 1, 1))
    for part in parts:
        assert set(units_rolling_up_to(part)) == {part, old, village}


def test_it_returns_a_chainable_queryset_in_one_query(geo, django_assert_num_queries):
    with django_assert_num_queries(1):
        codes = set(
            units_rolling_up_to(geo.communes["Phường Nghĩa Lộ"])
            .filter(level=UnitLevel.COMMUNE, valid_to=D(2025, 6, 30))
            .values_list("code", flat=True)
        )
    assert codes == {"21010", "21013", "21016", "21028"}


def test_it_selects_a_subtree_by_path(geo):
    subtree = unit_subtree(geo.city)
    assert subtree.filter(level=UnitLevel.COMMUNE).count() == 24
    assert names(subtree.filter(level=UnitLevel.VILLAGE)) == {
        "Tổ dân phố 4",
        "Tổ dân phố 5",
        "Thôn Khánh Lộc",
        "Thôn Phú Long",
    }
    assert geo.province not in subtree


def test_it_refuses_a_subtree_of_a_unit_without_path():
    with pytest.raises(ValueError, match="unit_create"):
        unit_subtree(AdminUnit(name="x", level=UnitLevel.COMMUNE, path=""))
