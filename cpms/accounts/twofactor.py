"""Two-factor login (TOTP authenticator apps, single-use recovery codes) and the session marks
that say how and when the user last proved who they are (docs/security.md).

The marks live in the session (server-side rows) so checking them costs no query per page.
"""

from __future__ import annotations

import base64
import io
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import HttpRequest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record

from .models import User

VERIFIED_KEY = "cpms_2fa_device"  # persistent id of the device that verified this session
AUTH_AT_KEY = "cpms_auth_at"  # epoch seconds of the last full authentication (or re-auth)
LOGIN_AT_KEY = "cpms_login_at"  # epoch seconds of the password login (absolute lifetime)
PENDING_KEY = "cpms_2fa_pending"  # enrolment secret (hex) until the user confirms a code
DEVICE_NAME = "default"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def two_factor_required() -> bool:
    return bool(getattr(settings, "CPMS_REQUIRE_2FA", True))


# --- session marks --------------------------------------------------------------------------


def session_is_verified(session: SessionBase) -> bool:
    return bool(session.get(VERIFIED_KEY))


def mark_login(session: SessionBase) -> None:
    """Called on every password login (user_logged_in): start of the absolute lifetime."""
    now = time.time()
    session[LOGIN_AT_KEY] = now
    session.pop(VERIFIED_KEY, None)
    session.pop(AUTH_AT_KEY, None)
    if not two_factor_required():
        session[AUTH_AT_KEY] = now


def mark_verified(session: SessionBase, device_id: str) -> None:
    session[VERIFIED_KEY] = device_id
    session[AUTH_AT_KEY] = time.time()
    session.pop(PENDING_KEY, None)


def mark_reauthenticated(session: SessionBase) -> None:
    session[AUTH_AT_KEY] = time.time()


def seconds_since_auth(session: SessionBase) -> float | None:
    at = session.get(AUTH_AT_KEY)
    return None if at is None else time.time() - float(at)


def seconds_since_login(session: SessionBase) -> float | None:
    at = session.get(LOGIN_AT_KEY)
    return None if at is None else time.time() - float(at)


# --- devices --------------------------------------------------------------------------------


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def recovery_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def new_secret_hex() -> str:
    return secrets.token_hex(20)


def secret_base32(key_hex: str) -> str:
    """The secret as authenticator apps take it when typed by hand (groups of four)."""
    text = base64.b32encode(bytes.fromhex(key_hex)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def otpauth_url(user: User, key_hex: str) -> str:
    return str(TOTPDevice(user=user, key=key_hex, name=DEVICE_NAME).config_url)


def qr_svg(data: str) -> str:
    """An inline SVG QR code, made on the server (nothing leaves for a QR web service)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode("utf-8")
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg)


def totp_now(key_hex: str, *, offset_steps: int = 0) -> str:
    """The current code for a secret (demo command, tests); same maths as TOTPDevice."""
    totp = TOTP(bytes.fromhex(key_hex), step=30, t0=0, digits=6, drift=offset_steps)
    totp.time = time.time()
    return f"{totp.token():06d}"


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalize_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


def _replace_recovery_codes(user: User) -> list[str]:
    device = recovery_device(user) or StaticDevice.objects.create(
        user=user, name="recovery", confirmed=True
    )
    # Spent or replaced codes are secrets with no record value: they are removed, not archived.
    device.token_set.all().delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=normalize_code(code)) for code in codes]
    )
    return codes


@dataclass(frozen=True)
class Enrolled:
    device: TOTPDevice
    recovery_codes: list[str]


def pending_secret(request: HttpRequest) -> str:
    """The enrolment secret kept in the session until confirmed (nothing is written before)."""
    key = request.session.get(PENDING_KEY)
    if not key:
        key = new_secret_hex()
        request.session[PENDING_KEY] = key
    return str(key)


@transaction.atomic
def totp_enrol(*, request: HttpRequest, user: User, key_hex: str, code: str) -> Enrolled | None:
    """Confirm a new authenticator: the code must match the secret shown. Returns None (and
    audits the failure) when it does not."""
    totp = TOTP(bytes.fromhex(key_hex), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    token = normalize_code(code)
    if not (token.isdigit() and totp.verify(int(token), tolerance=1)):
        audit_record(
            event=AuditEvent.LOGIN_FAILED,
            actor=user,
            request=request,
            extra={"step": "otp_enrol"},
        )
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).update(confirmed=False)
    device = TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, key=key_hex, confirmed=True, last_t=totp.t()
    )
    codes = _replace_recovery_codes(user)
    audit_record(
        event=AuditEvent.CREATE,
        actor=user,
        request=request,
        subject_type="otp.totpdevice",
        subject_id=device.pk,
        extra={"recovery_codes": len(codes)},
    )
    return Enrolled(device=device, recovery_codes=codes)


@transaction.atomic
def recovery_codes_regenerate(*, request: HttpRequest, user: User) -> list[str]:
    codes = _replace_recovery_codes(user)
    audit_record(
        event=AuditEvent.UPDATE,
        actor=user,
        request=request,
        subject_type="otp.staticdevice",
        subject_id=user.pk,
        extra={"recovery_codes": len(codes)},
    )
    return codes


def _device_for(user: User, token: str) -> Any:
    if token.isdigit() and len(token) == 6:
        return confirmed_totp(user)
    return recovery_device(user)


@transaction.atomic
def otp_check(*, request: HttpRequest, user: User, code: str, step: str) -> str | None:
    """Check a code from the authenticator app (six digits) or a recovery code.

    Returns the persistent id of the device that accepted it, or None. django-otp throttles
    each device: after a failure the next attempt is refused for 1, 2, 4, 8… seconds, even
    with the right code. Every attempt is audited.
    """
    token = normalize_code(code)
    device = _device_for(user, token) if token else None
    verified = (
        django_otp.verify_token(user, device.persistent_id, token) if device is not None else None
    )
    audit_record(
        event=AuditEvent.LOGIN if verified else AuditEvent.LOGIN_FAILED,
        actor=user,
        request=request,
        extra={"step": step, "factor": "recovery" if isinstance(device, StaticDevice) else "totp"},
    )
    return str(verified.persistent_id) if verified is not None else None


def otp_throttled(user: User, code: str) -> bool:
    device = _device_for(user, normalize_code(code))
    return device is not None and not device.verify_is_allowed()[0]
