"""Load administrative units and their 2025 successions from the offline package data.

Every import is idempotent: a unit is matched on (code, level, valid_from), so running an import
again creates nothing and changes nothing (a renamed unit or a changed end date is updated in
place). Codes alone are not keys: 2025 units reuse the codes of legacy units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db import transaction

from . import sources
from .models import AdminUnit, AdminUnitSuccession, SuccessionKind, UnitLevel
from .services import succession_record, unit_create

REFORM_DATE = dt.date(2025, 7, 1)  # two-tier local government (Law 72/2025/QH15)
LEGACY_END = dt.date(2025, 6, 30)
PROVINCE_MERGER_BASIS = "Nghị quyết 202/2025/QH15"
# The NASC resolution arranging each province's commune-level units from 1 July 2025. Only
# the resolutions we have checked are listed; other provinces get an empty legal basis.
COMMUNE_ARRANGEMENT_BASIS = {"51": "Nghị quyết 1677/NQ-UBTVQH15"}

# ---- HAND-TYPED: mergers before 30/06/2025 that vietnamadminunits does not record --------------
# The package's legacy list is a snapshot of 30/06/2025, so a 2024 merger's successor looks as if
# it had always existed (Xã An Phú carries Nghĩa An's code 21262) and its predecessors are
# missing. Source: legal-framework.md §9.3 (NQ 1279/NQ-UBTVQH15 of 14/11/2024).
# UNCONFIRMED: the effective date. The resolution was announced on 16/12/2024; 01/01/2025 is
# assumed (the usual date for that round of commune arrangements), not read from its text.
AN_PHU_MERGER_DATE = dt.date(2025, 1, 1)


@dataclass(frozen=True)
class EarlierMerger:
    province_code: str
    successor_code: str
    predecessors: tuple[sources.SourceUnit, ...]
    date: dt.date
    legal_basis: str


EARLIER_MERGERS: tuple[EarlierMerger, ...] = (
    EarlierMerger(
        province_code="51",
        successor_code="21262",  # Xã An Phú, thành phố Quảng Ngãi
        predecessors=(
            sources.SourceUnit("21262", "Xã Nghĩa An"),
            sources.SourceUnit("21253", "Xã Nghĩa Phú"),
        ),
        date=AN_PHU_MERGER_DATE,
        legal_basis="Nghị quyết 1279/NQ-UBTVQH15",
    ),
)
# ------------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    units: list[AdminUnit] = field(default_factory=list)


@dataclass
class LinkResult:
    created: int = 0
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)  # "legacy → 2025 (code)" not yet imported


class _Upserter:
    """Find-or-create units by (code, level, valid_from), counting what happened."""

    def __init__(self) -> None:
        self.result = ImportResult()

    def unit(
        self,
        *,
        code: str,
        name: str,
        level: UnitLevel,
        parent: AdminUnit | None,
        valid_from: dt.date | None,
        valid_to: dt.date | None,
    ) -> AdminUnit:
        unit = (
            AdminUnit.objects.filter(code=code, level=level, valid_from=valid_from)
            .order_by("pk")
            .first()
        )
        if unit is None:
            unit = unit_create(
                code=code,
                name=name,
                level=level,
                parent=parent,
                valid_from=valid_from,
                valid_to=valid_to,
            )
            self.result.created += 1
        elif (unit.name, unit.valid_to) != (name, valid_to):
            unit.name, unit.valid_to = name, valid_to
            unit.full_clean(exclude=["path"])
            unit.save(update_fields=["name", "valid_to", "updated_at"])
            self.result.updated += 1
        else:
            self.result.unchanged += 1
        self.result.units.append(unit)
        return unit


@transaction.atomic
def import_admin_units(
    *, province_code: str, ward_codes: Collection[str] | None = None
) -> ImportResult:
    """Import a 2025 province and its commune-level units (all, or only `ward_codes`)."""
    source = sources.new_province(sources.province_code(province_code))
    communes = sources.new_communes(source.code)
    if ward_codes is not None:
        wanted = {sources.commune_code(code) for code in ward_codes}
        if unknown := wanted - {c.code for c in communes}:
            raise ValueError(f"No 2025 units {sorted(unknown)} in province {source.code}.")
        communes = [c for c in communes if c.code in wanted]
    upsert = _Upserter()
    province = upsert.unit(
        code=source.code,
        name=source.name,
        level=UnitLevel.PROVINCE,
        parent=None,
        valid_from=REFORM_DATE,
        valid_to=None,
    )
    for commune in communes:
        upsert.unit(
            code=commune.code,
            name=commune.name,
            level=UnitLevel.COMMUNE,
            parent=province,
            valid_from=REFORM_DATE,
            valid_to=None,
        )
    return upsert.result


@transaction.atomic
def import_legacy_admin_units(
    *, province_code: str, district_code: str | None = None
) -> ImportResult:
    """Import a legacy province, its districts and communes (valid to 30/06/2025).

    Also applies EARLIER_MERGERS whose successor is imported: the successor starts on the
    merger date, and its hand-typed predecessors are created with a succession link.
    """
    code = sources.province_code(province_code)
    district = district_code.strip().zfill(3) if district_code else None
    rows = sources.legacy_rows(code, district)
    if not rows:
        raise ValueError(f"No legacy province {code} (district {district}) in vietnamadminunits.")
    mergers = {m.successor_code: m for m in EARLIER_MERGERS if m.province_code == code}
    upsert = _Upserter()
    province = upsert.unit(
        code=rows[0].province.code,
        name=rows[0].province.name,
        level=UnitLevel.PROVINCE,
        parent=None,
        valid_from=None,
        valid_to=LEGACY_END,
    )
    districts: dict[str, AdminUnit] = {}
    for row in rows:
        if row.district.code not in districts:
            districts[row.district.code] = upsert.unit(
                code=row.district.code,
                name=row.district.name,
                level=UnitLevel.DISTRICT,
                parent=province,
                valid_from=None,
                valid_to=LEGACY_END,
            )
        if row.commune is None:
            continue
        merger = mergers.get(row.commune.code)
        commune = upsert.unit(
            code=row.commune.code,
            name=row.commune.name,
            level=UnitLevel.COMMUNE,
            parent=districts[row.district.code],
            valid_from=merger.date if merger else None,
            valid_to=LEGACY_END,
        )
        if merger:
            _apply_earlier_merger(upsert, merger, commune)
    return upsert.result


def _apply_earlier_merger(upsert: _Upserter, merger: EarlierMerger, successor: AdminUnit) -> None:
    for source in merger.predecessors:
        predecessor = upsert.unit(
            code=source.code,
            name=source.name,
            level=UnitLevel.COMMUNE,
            parent=successor.parent,
            valid_from=None,
            valid_to=merger.date - dt.timedelta(days=1),
        )
        succession_record(
            predecessor=predecessor,
            successor=successor,
            kind=SuccessionKind.MERGE,
            date=merger.date,
            legal_basis=merger.legal_basis,
        )


@transaction.atomic
def link_legacy_successors(
    *, province_code: str, district_code: str | None = None, legal_basis: str | None = None
) -> LinkResult:
    """Link imported legacy communes to the 2025 units they became (merge or split, 01/07/2025).

    Both structures must have been imported. The 2025 unit is found by name under the 2025
    province (the two packages disagree on some codes). Also links the legacy province
    to the 2025 province. Links whose 2025 unit is not imported are listed in `missing`.
    """
    code = sources.province_code(province_code)
    district = district_code.strip().zfill(3) if district_code else None
    legacy_province = AdminUnit.objects.filter(
        code=code, level=UnitLevel.PROVINCE, valid_from=None, valid_to=LEGACY_END
    ).first()
    if legacy_province is None:
        raise ValueError(f"Legacy province {code} is not imported.")
    legacy = {
        (unit.level, unit.code): unit
        for unit in AdminUnit.objects.filter(
            path__startswith=legacy_province.path, valid_to=LEGACY_END
        )
    }
    result = LinkResult()
    targets: dict[str, _Targets] = {}
    for conversion in sources.legacy_conversions(code, district):
        level = UnitLevel.DISTRICT if conversion.is_district else UnitLevel.COMMUNE
        unit = legacy.get((level, conversion.legacy.code))
        if unit is None:
            continue
        if conversion.province_code not in targets:
            targets[conversion.province_code] = _Targets(conversion.province_code)
        found = targets[conversion.province_code]
        basis = COMMUNE_ARRANGEMENT_BASIS.get(conversion.province_code, "")
        if legal_basis is not None:
            basis = legal_basis
        kind = SuccessionKind.SPLIT if len(conversion.successors) > 1 else SuccessionKind.MERGE
        for source in conversion.successors:
            successor = found.get(source)
            if successor is None:
                result.missing.append(f"{unit.name} → {source.name} ({source.code})")
                continue
            _link(result, unit, successor, kind, basis)
    for found in targets.values():
        if found.province is not None:
            _link(
                result, legacy_province, found.province, SuccessionKind.MERGE, PROVINCE_MERGER_BASIS
            )
    return result


class _Targets:
    """The imported 2025 units of one province, by normalised name."""

    def __init__(self, code: str) -> None:
        self.province = AdminUnit.objects.filter(
            code=code, level=UnitLevel.PROVINCE, valid_from=REFORM_DATE
        ).first()
        units = []
        if self.province is not None:
            units = list(
                AdminUnit.objects.filter(
                    path__startswith=self.province.path,
                    level=UnitLevel.COMMUNE,
                    valid_from=REFORM_DATE,
                )
            )
        self.by_name: dict[str, list[AdminUnit]] = {}
        for unit in units:
            self.by_name.setdefault(sources.name_key(unit.name), []).append(unit)

    def get(self, source: sources.SourceUnit) -> AdminUnit | None:
        """The unit with this name (and code, if several share the name).

        The packages disagree on about 120 codes (some swapped between units) but, once
        normalised, on no name, so a code match alone is not trusted.
        """
        named = self.by_name.get(sources.name_key(source.name), [])
        if len(named) == 1:
            return named[0]
        return next((unit for unit in named if unit.code == source.code), None)


def _link(
    result: LinkResult, old: AdminUnit, new: AdminUnit, kind: SuccessionKind, basis: str
) -> None:
    exists = AdminUnitSuccession.objects.filter(
        predecessor=old, successor=new, date=REFORM_DATE
    ).exists()
    succession_record(
        predecessor=old, successor=new, kind=kind, date=REFORM_DATE, legal_basis=basis
    )
    if exists:
        result.unchanged += 1
    else:
        result.created += 1
