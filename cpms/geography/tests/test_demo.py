from __future__ import annotations

import datetime as dt
import time

import pytest

from cpms.geography.demo import seed_demo_geography
from cpms.geography.models import AdminUnit, AdminUnitSuccession, UnitLevel
from cpms.geography.selectors import unit_successors_at

pytestmark = pytest.mark.django_db

# legal-framework.md §9.3: the city's 23 units of December 2023 and their GSO codes.
CITY_2023 = {
    "21010": "Phường Lê Hồng Phong",
    "21013": "Phường Trần Phú",
    "21016": "Phường Quảng Phú",
    "21019": "Phường Nghĩa Chánh",
    "21022": "Phường Trần Hưng Đạo",
    "21025": "Phường Nguyễn Nghiêm",
    "21028": "Phường Nghĩa Lộ",
    "21031": "Phường Chánh Lộ",
    "21172": "Phường Trương Quang Trọng",
    "21034": "Xã Nghĩa Dũng",
    "21037": "Xã Nghĩa Dõng",
    "21187": "Xã Tịnh Hòa",
    "21190": "Xã Tịnh Kỳ",
    "21199": "Xã Tịnh Thiện",
    "21202": "Xã Tịnh Ấn Đông",
    "21208": "Xã Tịnh Châu",
    "21211": "Xã Tịnh Khê",
    "21214": "Xã Tịnh Long",
    "21223": "Xã Tịnh Ấn Tây",
    "21232": "Xã Tịnh An",
    "21253": "Xã Nghĩa Phú",
    "21256": "Xã Nghĩa Hà",
    "21262": "Xã Nghĩa An",
}


def units_of_city_on(geo, day: dt.date) -> dict[str, str]:
    return {u.code: u.name for u in geo.city.children.all() if u.is_valid_on(day)}


def test_it_seeds_the_key_units():
    geo = seed_demo_geography()
    legacy, city, province = geo.province_legacy, geo.city, geo.province
    assert (legacy.code, legacy.name, legacy.valid_to) == (
        "51",
        "Tỉnh Quảng Ngãi",
        dt.date(2025, 6, 30),
    )
    assert (city.code, city.name, city.parent) == ("522", "Thành phố Quảng Ngãi", legacy)
    assert city.valid_to == dt.date(2025, 6, 30)
    assert (province.code, province.valid_from, province.valid_to) == (
        "51",
        dt.date(2025, 7, 1),
        None,
    )
    assert province.pk != legacy.pk
    assert set(geo.communes) == {
        "Phường Cẩm Thành",
        "Phường Nghĩa Lộ",
        "Phường Trương Quang Trọng",
        "Xã Tịnh Khê",
        "Xã An Phú",
        "Xã Đông Sơn",
    }
    assert all(
        c.parent == province and c.valid_from == dt.date(2025, 7, 1) for c in geo.communes.values()
    )
    assert set(geo.legacy_communes) == {*CITY_2023.values(), "Xã An Phú"}


def test_it_adds_three_villages_to_each_2025_commune():
    geo = seed_demo_geography()
    assert set(geo.villages) == set(geo.communes)
    for name, villages in geo.villages.items():
        assert len(villages) == 3
        for village in villages:
            assert village.parent == geo.communes[name]
            assert village.level == UnitLevel.VILLAGE
            assert (village.valid_from, village.valid_to) == (dt.date(2025, 7, 1), None)
    nghia_an_village = geo.legacy_villages["Xã Nghĩa An"][0]
    assert nghia_an_village.valid_to == dt.date(2024, 12, 31)
    assert (
        geo.legacy_villages["Phường Nghĩa Lộ"][0].parent == geo.legacy_communes["Phường Nghĩa Lộ"]
    )


def test_it_matches_the_23_units_of_2023_in_the_legal_framework():
    geo = seed_demo_geography()
    assert units_of_city_on(geo, dt.date(2024, 12, 31)) == CITY_2023
    after_2024_merger = units_of_city_on(geo, dt.date(2025, 1, 1))
    assert len(after_2024_merger) == 22
    assert after_2024_merger["21262"] == "Xã An Phú"  # the package's snapshot of 30/06/2025
    assert units_of_city_on(geo, dt.date(2025, 7, 1)) == {}


def test_it_keeps_a_predecessor_code_for_each_2025_unit():
    geo = seed_demo_geography()
    assert {name: unit.code for name, unit in geo.communes.items()} == {
        "Phường Cẩm Thành": "21025",
        "Phường Nghĩa Lộ": "21028",
        "Phường Trương Quang Trọng": "21172",
        "Xã Tịnh Khê": "21211",
        "Xã An Phú": "21034",
        "Xã Đông Sơn": "21109",
    }
    legacy_by_code = {c.code: c for c in geo.legacy_communes.values() if c.name != "Xã Nghĩa An"}
    for name, unit in geo.communes.items():
        if name == "Xã Đông Sơn":
            continue  # its code comes from a commune outside the old city
        assert unit_successors_at(legacy_by_code[unit.code], dt.date(2025, 7, 1)) == [unit]


def test_it_makes_the_2024_an_phu_a_predecessor_of_the_2025_an_phu():
    geo = seed_demo_geography()
    an_phu_2024 = geo.legacy_communes["Xã An Phú"]
    assert (an_phu_2024.valid_from, an_phu_2024.valid_to) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
    )
    assert AdminUnitSuccession.objects.filter(
        predecessor=an_phu_2024, successor=geo.communes["Xã An Phú"], date=dt.date(2025, 7, 1)
    ).exists()


def test_it_changes_nothing_when_seeded_again():
    first = seed_demo_geography()
    counts = (AdminUnit.objects.count(), AdminUnitSuccession.objects.count())
    second = seed_demo_geography()
    assert second == first
    assert (AdminUnit.objects.count(), AdminUnitSuccession.objects.count()) == counts


def test_it_seeds_quickly():
    started = time.perf_counter()
    seed_demo_geography()
    assert time.perf_counter() - started < 3
