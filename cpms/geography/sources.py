"""Read-only access to the two offline unit lists, in plain typed rows.

- `vietnam-provinces` (PyPI): the structure from 1 July 2025, 34 provinces, two tiers.
- `vietnamadminunits` (PyPI): the legacy 63-province, three-tier structure as it stood on
  30 June 2025 (so units merged earlier, e.g. in 2024, are absent), and the converter that maps
  a legacy commune to its 2025 commune.

Both packages are imported lazily: `vietnamadminunits` loads its data files on import (~0.5 s).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SourceUnit:
    code: str
    name: str


@dataclass(frozen=True)
class LegacyRow:
    province: SourceUnit
    district: SourceUnit
    commune: SourceUnit | None  # None for a district without communes (island districts)


@dataclass(frozen=True)
class Conversion:
    """Where a legacy commune (or commune-less district) went on 1 July 2025."""

    legacy: SourceUnit
    is_district: bool
    province_code: str  # the 2025 province
    successors: tuple[SourceUnit, ...]  # 2025 commune-level units, the package's default first


def province_code(code: str | int) -> str:
    text = str(code).strip()
    if not text.isdigit():
        raise ValueError(f"Province code must be digits, got {code!r}.")
    return text.zfill(2)


def commune_code(code: str | int) -> str:
    return str(int(code)).zfill(5)


def name_key(name: str) -> str:
    """Compare names across the two packages: case, spacing, punctuation, tone placement."""
    text = unicodedata.normalize("NFC", name).casefold().translate(_PUNCTUATION)
    text = " ".join(text.replace("-", " - ").split())
    for old, new in _OLD_TONE_PLACEMENT.items():
        text = text.replace(old, new)
    return text


# Typographic apostrophes and dashes, as typed in one package or the other.
_PUNCTUATION = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2013": "-", "\u2014": "-"}
)
_OLD_TONE_PLACEMENT = {
    **{f"o{a}": f"{b}a" for a, b in zip("àáảãạ", "òóỏõọ", strict=True)},
    **{f"o{a}": f"{b}e" for a, b in zip("èéẻẽẹ", "òóỏõọ", strict=True)},
    **{f"u{a}": f"{b}y" for a, b in zip("ỳýỷỹỵ", "ùúủũụ", strict=True)},
}


def new_province(code: str) -> SourceUnit:
    """The 2025 province from vietnam-provinces; "Tỉnh" is prefixed as in the legacy names."""
    from vietnam_provinces import Province, VietNamDivisionType

    try:
        province = Province.from_code(int(code))  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValueError(f"No 2025 province with code {code!r}.") from exc
    name = province.name
    if province.division_type == VietNamDivisionType.TINH and not name.startswith("Tỉnh "):
        name = f"Tỉnh {name}"
    return SourceUnit(code=province_code(int(province.code)), name=name)


def new_communes(code: str) -> list[SourceUnit]:
    """The 2025 commune-level units (xã, phường, đặc khu) of a province, by code."""
    from vietnam_provinces import Ward

    wards = Ward.iter_by_province(int(code))  # type: ignore[arg-type]
    return sorted(
        (SourceUnit(code=commune_code(int(w.code)), name=w.name) for w in wards),
        key=lambda unit: unit.code,
    )


@functools.cache
def _legacy_table() -> tuple[dict[str, Any], ...]:
    from vietnamadminunits.database import get_data

    fields = ["provinceCode", "province", "districtCode", "district", "wardCode", "ward"]
    fields += ["provinceKey", "districtKey", "wardKey"]
    return tuple(get_data(fields=fields, table="admin_units_legacy"))


@functools.cache
def _new_ward_by_key() -> dict[tuple[str, str], SourceUnit]:
    from vietnamadminunits.database import get_data

    rows = get_data(fields=["provinceKey", "wardKey", "wardCode", "ward"], table="admin_units")
    return {
        (row["provinceKey"], row["wardKey"]): SourceUnit(commune_code(row["wardCode"]), row["ward"])
        for row in rows
    }


def _legacy_source_rows(code: str, district: str | None) -> list[dict[str, Any]]:
    rows = [
        row
        for row in _legacy_table()
        if row["provinceCode"] == code and (district is None or row["districtCode"] == district)
    ]
    return sorted(rows, key=lambda row: (row["districtCode"], row["wardCode"] or ""))


def legacy_rows(code: str, district: str | None = None) -> list[LegacyRow]:
    """The legacy rows of a province (optionally one district), sorted by district and code."""
    result = []
    for row in _legacy_source_rows(code, district):
        commune = SourceUnit(row["wardCode"], row["ward"]) if row["wardCode"] else None
        result.append(
            LegacyRow(
                province=SourceUnit(row["provinceCode"], row["province"]),
                district=SourceUnit(row["districtCode"], row["district"]),
                commune=commune,
            )
        )
    return result


def legacy_conversions(code: str, district: str | None = None) -> list[Conversion]:
    """Map each legacy commune (or commune-less district) to its 2025 unit(s).

    Uses `convert_address` on the full legacy address; for a commune the converter knows was
    divided between several 2025 units, adds the other parts from the converter's own table
    (the converter itself returns only the default part when no street is given).
    """
    from vietnamadminunits import convert_address
    from vietnamadminunits.converter.converter_2025 import DICT_PROVINCE_WARD_DIVIDED

    result = []
    for row in _legacy_source_rows(code, district):
        address = ", ".join(
            part for part in (row["ward"], row["district"], row["province"]) if part
        )
        new = convert_address(address)
        old = new.OldAdminUnit
        parsed = old.ward_code if row["wardCode"] else old.district_code
        if parsed != (row["wardCode"] or row["districtCode"]):
            raise RuntimeError(f"vietnamadminunits misread {address!r} as code {parsed!r}.")
        successors = [SourceUnit(commune_code(new.ward_code), new.ward)]
        old_key = f"{old.province_key}_{old.district_key}_{old.ward_key or ''}"
        for part in DICT_PROVINCE_WARD_DIVIDED.get(new.province_key, {}).get(old_key, []):
            unit = _new_ward_by_key()[(new.province_key, part["newWardKey"])]
            if unit not in successors:
                successors.append(unit)
        legacy = (
            SourceUnit(row["wardCode"], row["ward"])
            if row["wardCode"]
            else SourceUnit(row["districtCode"], row["district"])
        )
        result.append(
            Conversion(
                legacy=legacy,
                is_district=not row["wardCode"],
                province_code=province_code(new.province_code),
                successors=tuple(successors),
            )
        )
    return result


@functools.cache
def province_codes() -> frozenset[str]:
    """Two-digit codes of every province, before and after 1 July 2025 (e.g. "51", "62")."""
    from vietnamadminunits.database import get_data

    legacy = {province_code(r["provinceCode"]) for r in _legacy_table()}
    current = {
        province_code(r["provinceCode"])
        for r in get_data(fields=["provinceCode"], table="admin_units")
    }
    return frozenset(legacy | current)
