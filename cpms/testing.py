"""Test foundations: a small administrative tree and named personas, one per role.

Commune A is where everything happens; the outsider works in commune B. Import the
fixtures through the root conftest.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cpms.accounts.models import Agency, AgencyKind, User
from cpms.accounts.permissions import Role
from cpms.accounts.services import agency_create, membership_grant, user_create
from cpms.geography.models import AdminUnit, SuccessionKind, UnitLevel
from cpms.geography.services import succession_record, unit_create

PASSWORD = "correct horse battery"  # noqa: S105
REFORM = dt.date(2025, 7, 1)


@dataclass
class World:
    province: AdminUnit
    commune_a: AdminUnit
    commune_b: AdminUnit
    village_a1: AdminUnit
    village_a2: AdminUnit
    village_b1: AdminUnit
    old_commune: AdminUnit
    pc_a: Agency
    pc_b: Agency
    police_a: Agency
    school_a: Agency
    province_office: Agency
    hotline: Agency
    personas: dict[str, User]


PERSONA_ROLES: dict[str, tuple[Role, str, str | None]] = {
    # name: (role, agency attribute, narrower scope attribute)
    "collaborator": (Role.COLLABORATOR, "pc_a", "village_a1"),
    "worker": (Role.COMMUNE_WORKER, "pc_a", None),
    "leader": (Role.COMMUNE_LEADER, "pc_a", None),
    "police": (Role.POLICE, "police_a", None),
    "school": (Role.PARTNER_FOCAL, "school_a", None),
    "officer": (Role.AREA_OFFICER, "province_office", None),
    "statistician": (Role.STATISTICS_VIEWER, "province_office", None),
    "hotline": (Role.HOTLINE_OPERATOR, "hotline", None),
    "sysadmin": (Role.SYSTEM_ADMIN, "province_office", None),
    "outsider": (Role.COMMUNE_WORKER, "pc_b", None),
}
PERSONAS = (*PERSONA_ROLES, "anonymous")


def build_world() -> World:
    province = unit_create(
        name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE, code="99", valid_from=REFORM
    )
    commune_a = unit_create(
        name="Phường An Hòa",
        level=UnitLevel.COMMUNE,
        code="99001",
        parent=province,
        valid_from=REFORM,
    )
    commune_b = unit_create(
        name="Xã Bình Đông",
        level=UnitLevel.COMMUNE,
        code="99002",
        parent=province,
        valid_from=REFORM,
    )
    old_commune = unit_create(
        name="Xã Nghĩa Cũ",
        level=UnitLevel.COMMUNE,
        code="99003",
        valid_to=REFORM - dt.timedelta(days=1),
    )
    succession_record(
        predecessor=old_commune,
        successor=commune_a,
        kind=SuccessionKind.MERGE,
        date=REFORM,
        legal_basis="NQ thử nghiệm",
    )
    world = World(
        province=province,
        commune_a=commune_a,
        commune_b=commune_b,
        village_a1=unit_create(name="Tổ dân phố 1", level=UnitLevel.VILLAGE, parent=commune_a),
        village_a2=unit_create(name="Tổ dân phố 2", level=UnitLevel.VILLAGE, parent=commune_a),
        village_b1=unit_create(name="Thôn Đông", level=UnitLevel.VILLAGE, parent=commune_b),
        old_commune=old_commune,
        pc_a=agency_create(
            actor=None,
            name="UBND phường An Hòa",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            admin_unit=commune_a,
        ),
        pc_b=agency_create(
            actor=None,
            name="UBND xã Bình Đông",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            admin_unit=commune_b,
        ),
        police_a=agency_create(
            actor=None, name="Công an phường An Hòa", kind=AgencyKind.POLICE, admin_unit=commune_a
        ),
        school_a=agency_create(
            actor=None, name="Trường THCS An Hòa", kind=AgencyKind.SCHOOL, admin_unit=commune_a
        ),
        province_office=agency_create(
            actor=None,
            name="Sở Y tế tỉnh Thử Nghiệm",
            kind=AgencyKind.AREA_OFFICE,
            admin_unit=province,
        ),
        hotline=agency_create(
            actor=None, name="Đường dây nóng tỉnh", kind=AgencyKind.HOTLINE, admin_unit=province
        ),
        personas={},
    )
    for name, (role, agency_attr, scope_attr) in PERSONA_ROLES.items():
        user = user_create(
            actor=None,
            username=name,
            password=PASSWORD,
            full_name=name.title(),
            is_staff=name == "sysadmin",
            is_superuser=name == "sysadmin",
        )
        agency = getattr(world, agency_attr)
        scope = getattr(world, scope_attr) if scope_attr else None
        membership_grant(actor=None, user=user, agency=agency, role=role, scope_unit=scope)
        world.personas[name] = user
    return world


REFERENCE_DATA_MIGRATIONS = (
    "cpms.cases.migrations.0002_fill_deadline_rules",
    "cpms.intake.migrations.0002_fill_concern_types",
    "cpms.referrals.migrations.0002_fill_shared_field_groups",
)


def fill_reference_data() -> None:
    """The seeded deadline rules, concern types and referral sharing table, restored if a
    transactional test flushed them (each fill is idempotent)."""
    import importlib

    from django.apps import apps

    for module in REFERENCE_DATA_MIGRATIONS:
        importlib.import_module(module).fill(apps, None)
