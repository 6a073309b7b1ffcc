"""Demo geography: the former Quảng Ngãi city before and after 1 July 2025 (idempotent).

Units, codes and successions come from the package data through the importers (the 2024
An Phú merger from importers.EARLIER_MERGERS). Only the villages below are typed by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from . import sources
from .importers import import_admin_units, import_legacy_admin_units, link_legacy_successors
from .models import AdminUnit, UnitLevel
from .services import unit_create

DEMO_PROVINCE_CODE = "51"  # Quảng Ngãi
DEMO_CITY_CODE = "522"  # thành phố Quảng Ngãi (district level, until 30/06/2025)

# ---- DEMO DATA, hand-typed: villages and residential groups. The names are illustrative, ------
# ---- not taken from any official list. ---------------------------------------------------------
DEMO_VILLAGES: dict[str, tuple[str, ...]] = {
    "Phường Cẩm Thành": ("Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3"),
    "Phường Nghĩa Lộ": ("Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3"),
    "Phường Trương Quang Trọng": ("Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3"),
    "Xã Tịnh Khê": ("Thôn An Lộc", "Thôn Trung Sơn", "Thôn Hòa Bình"),
    "Xã An Phú": ("Thôn Phú Mỹ", "Thôn An Hòa", "Thôn Tân Lập"),
    "Xã Đông Sơn": ("Thôn Đông Thành", "Thôn Bình Tây", "Thôn Sơn Trà"),
}
# Under legacy communes; they end with their commune.
DEMO_LEGACY_VILLAGES: dict[str, tuple[str, ...]] = {
    "Phường Nghĩa Lộ": ("Tổ dân phố 4", "Tổ dân phố 5"),
    "Xã Tịnh Hòa": ("Thôn Khánh Lộc",),
    "Xã Nghĩa An": ("Thôn Phú Long",),
}
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoGeography:
    province_legacy: AdminUnit  # Tỉnh Quảng Ngãi, code 51, until 30/06/2025
    city: AdminUnit  # Thành phố Quảng Ngãi, code 522, until 30/06/2025
    province: AdminUnit  # Tỉnh Quảng Ngãi, code 51, from 01/07/2025
    legacy_communes: dict[str, AdminUnit]  # the city's communes and wards, 2024 merger included
    communes: dict[str, AdminUnit]  # the 2025 successors of the city's communes and wards
    villages: dict[str, list[AdminUnit]]  # by 2025 commune name
    legacy_villages: dict[str, list[AdminUnit]]  # by legacy commune name


def _village(parent: AdminUnit, name: str, valid_from: dt.date | None) -> AdminUnit:
    existing = AdminUnit.objects.filter(parent=parent, level=UnitLevel.VILLAGE, name=name).first()
    return existing or unit_create(
        name=name,
        level=UnitLevel.VILLAGE,
        parent=parent,
        valid_from=valid_from,
        valid_to=parent.valid_to,
    )


def _villages(
    parents: dict[str, AdminUnit], table: dict[str, tuple[str, ...]]
) -> dict[str, list[AdminUnit]]:
    return {
        commune: [_village(parents[commune], name, parents[commune].valid_from) for name in names]
        for commune, names in table.items()
    }


@transaction.atomic
def seed_demo_geography() -> DemoGeography:
    """Import the city's legacy units, their 2025 successors and the links between them."""
    legacy = import_legacy_admin_units(
        province_code=DEMO_PROVINCE_CODE, district_code=DEMO_CITY_CODE
    )
    successor_codes = {
        successor.code
        for conversion in sources.legacy_conversions(DEMO_PROVINCE_CODE, DEMO_CITY_CODE)
        for successor in conversion.successors
    }
    current = import_admin_units(province_code=DEMO_PROVINCE_CODE, ward_codes=successor_codes)
    links = link_legacy_successors(province_code=DEMO_PROVINCE_CODE, district_code=DEMO_CITY_CODE)
    if links.missing:
        raise RuntimeError(f"Demo successions without a 2025 unit: {links.missing}")

    def at(units: list[AdminUnit], level: UnitLevel) -> list[AdminUnit]:
        return [unit for unit in units if unit.level == level]

    legacy_communes = {unit.name: unit for unit in at(legacy.units, UnitLevel.COMMUNE)}
    communes = {unit.name: unit for unit in at(current.units, UnitLevel.COMMUNE)}
    return DemoGeography(
        province_legacy=at(legacy.units, UnitLevel.PROVINCE)[0],
        city=at(legacy.units, UnitLevel.DISTRICT)[0],
        province=at(current.units, UnitLevel.PROVINCE)[0],
        legacy_communes=legacy_communes,
        communes=communes,
        villages=_villages(communes, DEMO_VILLAGES),
        legacy_villages=_villages(legacy_communes, DEMO_LEGACY_VILLAGES),
    )
