"""Demo agencies and one user per role for the Quảng Ngãi demo (idempotent)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.geography.demo import DemoGeography
from cpms.geography.models import AdminUnit

from .models import Agency, AgencyKind, Membership, User
from .permissions import Role
from .services import agency_create, membership_grant, user_create
from .twofactor import secret_base32, totp_now

DEMO_PASSWORD = "demo-cpms-2025"  # noqa: S105 - published demo credential, demo data only
DEMO_OTP_DEVICE = "demo"
LEGACY_END = dt.date(2025, 6, 30)
REFORM_START = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    agency: str


def _agency(
    name: str, kind: AgencyKind, unit: AdminUnit, *, valid_to: dt.date | None = None
) -> Agency:
    existing = Agency.objects.filter(name=name, admin_unit=unit).first()
    if existing:
        return existing
    valid_from = REFORM_START if valid_to is None and unit.valid_from == REFORM_START else None
    return agency_create(
        actor=None, name=name, kind=kind, admin_unit=unit, valid_from=valid_from, valid_to=valid_to
    )


def _user(
    username: str,
    full_name: str,
    role: Role,
    agency: Agency,
    *,
    scope: AdminUnit | None = None,
    password: str = DEMO_PASSWORD,
    staff: bool = False,
) -> User:
    user = User.objects.filter(username=username).first() or user_create(
        actor=None,
        username=username,
        password=password,
        full_name=full_name,
        is_staff=staff,
        is_superuser=staff,
    )
    unit = scope or agency.admin_unit
    if not Membership.objects.filter(user=user, agency=agency, role=role, scope_unit=unit).exists():
        membership_grant(actor=None, user=user, agency=agency, role=role, scope_unit=unit)
    return user


@transaction.atomic
def seed_demo_accounts(geo: DemoGeography, *, password: str = DEMO_PASSWORD) -> list[DemoUser]:
    """Agencies of today's structure and of the 2023 letter (historical), and the demo users."""
    province = geo.province
    nghia_lo = geo.communes["Phường Nghĩa Lộ"]
    an_phu = geo.communes["Xã An Phú"]
    village = geo.villages["Phường Nghĩa Lộ"][0]

    # The letter's own agencies ended with the district level on 30/06/2025.
    _agency(
        "Phòng Lao động - Thương binh và Xã hội thành phố Quảng Ngãi",
        AgencyKind.AREA_OFFICE,
        geo.city,
        valid_to=LEGACY_END,
    )
    _agency("Công an thành phố Quảng Ngãi", AgencyKind.POLICE, geo.city, valid_to=LEGACY_END)
    _agency(
        "UBND thành phố Quảng Ngãi", AgencyKind.PEOPLES_COMMITTEE, geo.city, valid_to=LEGACY_END
    )

    health_dept = _agency("Sở Y tế tỉnh Quảng Ngãi", AgencyKind.AREA_OFFICE, province)
    hotline = _agency("Đường dây nóng bảo vệ trẻ em tỉnh Quảng Ngãi", AgencyKind.HOTLINE, province)
    pc_nghia_lo = _agency("UBND phường Nghĩa Lộ", AgencyKind.PEOPLES_COMMITTEE, nghia_lo)
    pc_an_phu = _agency("UBND xã An Phú", AgencyKind.PEOPLES_COMMITTEE, an_phu)
    police = _agency("Công an phường Nghĩa Lộ", AgencyKind.POLICE, nghia_lo)
    school = _agency("Trường THCS Nghĩa Lộ", AgencyKind.SCHOOL, nghia_lo)
    _agency("Trạm Y tế phường Nghĩa Lộ", AgencyKind.HEALTH, nghia_lo)
    _agency("UBND phường Cẩm Thành", AgencyKind.PEOPLES_COMMITTEE, geo.communes["Phường Cẩm Thành"])

    people = [
        ("ctv.nghialo", "Trần Thị Hoa", Role.COLLABORATOR, pc_nghia_lo, village),
        ("canbo.nghialo", "Nguyễn Thị Lan", Role.COMMUNE_WORKER, pc_nghia_lo, None),
        ("chutich.nghialo", "Phạm Văn Minh", Role.COMMUNE_LEADER, pc_nghia_lo, None),
        ("canbo.anphu", "Lê Văn Đức", Role.COMMUNE_WORKER, pc_an_phu, None),
        ("congan.nghialo", "Võ Văn Hùng", Role.POLICE, police, None),
        ("truong.nghialo", "Huỳnh Thị Mai", Role.PARTNER_FOCAL, school, None),
        ("soyte.quangngai", "Đặng Thị Thu", Role.AREA_OFFICER, health_dept, None),
        ("thongke.quangngai", "Bùi Văn Nam", Role.STATISTICS_VIEWER, health_dept, None),
        ("tongdai.quangngai", "Ngô Thị Yến", Role.HOTLINE_OPERATOR, hotline, None),
    ]
    result = []
    for username, name, role, agency, scope in people:
        _user(username, name, role, agency, scope=scope, password=password)
        result.append(DemoUser(username, name, role, agency.name))
    _user(
        "quantri",
        "Quản trị hệ thống",
        Role.SYSTEM_ADMIN,
        health_dept,
        password=password,
        staff=True,
    )
    result.append(DemoUser("quantri", "Quản trị hệ thống", Role.SYSTEM_ADMIN, health_dept.name))
    for demo in result:
        _demo_otp_device(User.objects.get(username=demo.username))
    return result


def demo_otp_key(username: str) -> str:
    """The published authenticator secret of a demo login (hex, 20 bytes): derived from the
    name so that it is the same on every demo machine. Demo data only."""
    return hashlib.sha256(f"cpms-demo-otp:{username}".encode()).hexdigest()[:40]


def _demo_otp_device(user: User) -> None:
    if not TOTPDevice.objects.filter(user=user, name=DEMO_OTP_DEVICE).exists():
        device = TOTPDevice.objects.create(
            user=user, name=DEMO_OTP_DEVICE, key=demo_otp_key(user.username), confirmed=True
        )
        audit_record(
            event=AuditEvent.CREATE,
            actor=None,
            subject_type="otp.totpdevice",
            subject_id=device.pk,
            extra={"demo": True},
        )


def demo_otp_code(username: str) -> str:
    """The current code of a demo login's authenticator. Refuses any account whose device is
    not the published demo one, so it can never print a code for a real account."""
    device = TOTPDevice.objects.filter(
        user__username=username, name=DEMO_OTP_DEVICE, confirmed=True
    ).first()
    if device is None or device.key != demo_otp_key(username):
        raise LookupError(username)
    return totp_now(device.key)


def demo_login_help() -> list[str]:
    """Lines for `list_demo_users`: how to pass the second step as each demo login."""
    rows = TOTPDevice.objects.filter(name=DEMO_OTP_DEVICE, confirmed=True).select_related("user")
    lines = [
        "Xác thực hai bước / two-factor login: thêm khóa dưới đây vào ứng dụng xác thực, "
        "hoặc chạy / or run `python manage.py demo_otp <username>` để lấy mã hiện tại "
        "/ for the current code:",
    ]
    for device in rows.order_by("user__username"):
        if device.key == demo_otp_key(device.user.username):
            lines.append(f"  {device.user.username:<20} {secret_base32(device.key)}")
    return lines
