from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cpms.geography.importers import (
    LEGACY_END,
    REFORM_DATE,
    import_admin_units,
    import_legacy_admin_units,
    link_legacy_successors,
)
from cpms.geography.models import AdminUnit, AdminUnitSuccession, SuccessionKind, UnitLevel
from cpms.geography.sources import name_key

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple[object, ...]]:
    units = AdminUnit.objects.values_list("pk", "code", "name", "path", "valid_to", "updated_at")
    links = AdminUnitSuccession.objects.values_list("pk", "predecessor", "successor", "updated_at")
    return [*units.order_by("pk"), *links.order_by("pk")]


def test_it_imports_the_2025_province_with_its_96_commune_level_units():
    result = import_admin_units(province_code="51")
    province = AdminUnit.objects.get(level=UnitLevel.PROVINCE)
    assert (province.code, province.name, province.valid_from) == (
        "51",
        "Tỉnh Quảng Ngãi",
        REFORM_DATE,
    )
    communes = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, parent=province)
    assert result.created == communes.count() + 1 == 97
    kinds = [c.name.split()[0] for c in communes]
    assert (kinds.count("Xã"), kinds.count("Phường"), kinds.count("Đặc")) == (86, 9, 1)
    assert all(c.valid_from == REFORM_DATE and c.valid_to is None for c in communes)
    assert all(c.path == f"{province.path}{c.pk}/" for c in communes)


def test_it_changes_nothing_when_the_imports_run_again():
    import_admin_units(province_code="51", ward_codes=["21034", "21109"])
    import_legacy_admin_units(province_code="51", district_code="522")
    link_legacy_successors(province_code="51", district_code="522")
    before = snapshot()
    again = import_admin_units(province_code="51", ward_codes=["21034", "21109"])
    legacy = import_legacy_admin_units(province_code="51", district_code="522")
    links = link_legacy_successors(province_code="51", district_code="522")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert (legacy.created, legacy.updated, legacy.unchanged) == (0, 0, 2 + 22 + 2)
    assert links.created == 0
    assert snapshot() == before


def test_it_updates_a_renamed_unit_in_place():
    import_admin_units(province_code="51", ward_codes=["21028"])
    AdminUnit.objects.filter(code="21028").update(name="Phường Cũ")
    result = import_admin_units(province_code="51", ward_codes=["21028"])
    assert (result.created, result.updated) == (0, 1)
    assert AdminUnit.objects.get(code="21028").name == "Phường Nghĩa Lộ"


def test_it_imports_legacy_units_valid_until_the_reform():
    result = import_legacy_admin_units(province_code="51", district_code="522")
    city = AdminUnit.objects.get(level=UnitLevel.DISTRICT)
    assert city.parent is not None
    assert (city.code, city.name, city.parent.code) == ("522", "Thành phố Quảng Ngãi", "51")
    assert all(u.valid_to in (LEGACY_END, dt.date(2024, 12, 31)) for u in result.units)
    assert city.children.count() == 22 + 2


def test_it_dates_the_2024_an_phu_merger_from_the_hand_typed_table():
    import_legacy_admin_units(province_code="51", district_code="522")
    an_phu = AdminUnit.objects.get(name="Xã An Phú")
    assert (an_phu.code, an_phu.valid_from, an_phu.valid_to) == (
        "21262",
        dt.date(2025, 1, 1),
        LEGACY_END,
    )
    links = AdminUnitSuccession.objects.filter(successor=an_phu)
    assert {(link.predecessor.name, link.predecessor.code) for link in links} == {
        ("Xã Nghĩa An", "21262"),
        ("Xã Nghĩa Phú", "21253"),
    }
    assert {link.legal_basis for link in links} == {"Nghị quyết 1279/NQ-UBTVQH15"}
    assert all(link.predecessor.valid_to == dt.date(2024, 12, 31) for link in links)


def test_it_links_each_legacy_commune_to_its_2025_commune():
    import_admin_units(province_code="51")
    import_legacy_admin_units(province_code="51", district_code="522")
    result = link_legacy_successors(province_code="51", district_code="522")
    assert (result.created, result.missing) == (22 + 1, [])  # communes, and the province
    links = AdminUnitSuccession.objects.filter(date=REFORM_DATE).select_related(
        "predecessor", "successor"
    )
    by_old = {link.predecessor.name: link for link in links if link.predecessor.level == "commune"}
    assert by_old["Xã Tịnh Hòa"].successor.name == "Xã Đông Sơn"
    assert by_old["Xã Nghĩa Dũng"].successor.code == "21034"  # same code, another unit
    assert by_old["Xã Nghĩa Dũng"].successor.valid_from == REFORM_DATE
    assert {link.kind for link in by_old.values()} == {SuccessionKind.MERGE}
    assert {link.legal_basis for link in by_old.values()} == {"Nghị quyết 1677/NQ-UBTVQH15"}
    (province_link,) = [link for link in links if link.predecessor.level == "province"]
    assert province_link.legal_basis == "Nghị quyết 202/2025/QH15"
    assert province_link.successor.valid_from == REFORM_DATE


def test_it_links_a_split_commune_to_every_part():
    import_admin_units(province_code="51")
    import_legacy_admin_units(province_code="51", district_code="525")  # Huyện Trà Bồng
    link_legacy_successors(province_code="51", district_code="525")
    links = AdminUnitSuccession.objects.filter(predecessor__name="Xã Trà Bùi")
    assert {(link.successor.name, link.kind) for link in links} == {
        ("Xã Cà Đam", SuccessionKind.SPLIT),
        ("Xã Tây Trà Bồng", SuccessionKind.SPLIT),
    }


def test_it_links_a_district_without_communes_to_its_special_zone():
    import_admin_units(province_code="51", ward_codes=["21548"])
    import_legacy_admin_units(province_code="51", district_code="536")  # Huyện Lý Sơn
    link_legacy_successors(province_code="51", district_code="536")
    link = AdminUnitSuccession.objects.get(predecessor__level=UnitLevel.DISTRICT)
    assert (link.predecessor.name, link.successor.name) == ("Huyện Lý Sơn", "Đặc khu Lý Sơn")


def test_it_lists_successions_whose_2025_unit_is_not_imported():
    import_admin_units(province_code="51", ward_codes=["21109"])
    import_legacy_admin_units(province_code="51", district_code="522")
    result = link_legacy_successors(province_code="51", district_code="522")
    assert "Xã Tịnh Hòa" not in " ".join(result.missing)
    assert "Phường Nghĩa Lộ → Phường Nghĩa Lộ (21028)" in result.missing
    assert len(result.missing) == 21


def test_it_refuses_unknown_codes():
    with pytest.raises(ValueError, match="99"):
        import_admin_units(province_code="99")
    with pytest.raises(ValueError, match="21999"):
        import_admin_units(province_code="51", ward_codes=["21999"])
    with pytest.raises(ValueError, match="999"):
        import_legacy_admin_units(province_code="51", district_code="999")
    with pytest.raises(ValueError, match="not imported"):
        link_legacy_successors(province_code="51")


def test_it_matches_names_across_the_two_packages():
    assert name_key("Xã Ea H\u2019leo") == name_key("Xã Ea H'Leo")
    assert name_key("Xã Thuận Hoà") == name_key("Xã Thuận Hòa")
    assert name_key("Xã Chân Mây \u2013 Lăng Cô") == name_key("Xã Chân Mây-Lăng Cô")
    assert name_key("Xã Tân Hòa") != name_key("Xã Tân Hóa")


def test_it_runs_both_commands_and_links_successors():
    out = StringIO()
    call_command("import_admin_units", "--province", "51", stdout=out)
    assert "Tỉnh Quảng Ngãi: 97 created" in out.getvalue()
    call_command(
        "import_legacy_admin_units",
        "--province",
        "51",
        "--district",
        "522",
        "--link-successors",
        stdout=out,
    )
    assert "Successions: 23 created" in out.getvalue()
    assert AdminUnitSuccession.objects.count() == 2 + 22 + 1


def test_it_fails_the_command_when_2025_units_are_missing():
    with pytest.raises(CommandError, match="import_admin_units first"):
        call_command(
            "import_legacy_admin_units",
            "--province",
            "51",
            "--district",
            "522",
            "--link-successors",
            stdout=StringIO(),
        )
    with pytest.raises(CommandError, match="99"):
        call_command("import_admin_units", "--province", "99", stdout=StringIO())
