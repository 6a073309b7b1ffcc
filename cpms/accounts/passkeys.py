"""Passkeys (WebAuthn) as an alternative to the authenticator-app code at the second login
step, and how users add and revoke them (docs/security.md, "Passkeys").

The challenge of a ceremony lives in the session: it is taken out (single use) by the
verification and is refused after CHALLENGE_SECONDS.
"""

from __future__ import annotations

import json
import time
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url, options_to_json_dict
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record

from .models import Passkey, User

CHALLENGE_KEY = "cpms_webauthn"
CHALLENGE_SECONDS = 300
SUBJECT = "accounts.passkey"
_TRANSPORTS = {t.value for t in AuthenticatorTransport}


def rp_id(request: HttpRequest) -> str:
    """CPMS_WEBAUTHN_RP_ID, else the host name the browser used (without the port)."""
    configured = str(getattr(settings, "CPMS_WEBAUTHN_RP_ID", "") or "")
    return configured or request.get_host().rsplit(":", 1)[0].strip("[]")


def origin(request: HttpRequest) -> str:
    """CPMS_WEBAUTHN_ORIGIN, else scheme and host of this request (behind a proxy that sets
    X-Forwarded-Proto, as SECURE_PROXY_SSL_HEADER says)."""
    configured = str(getattr(settings, "CPMS_WEBAUTHN_ORIGIN", "") or "")
    return configured or f"{request.scheme}://{request.get_host()}"


def active_passkeys(user: User) -> list[Passkey]:
    return list(Passkey.objects.filter(user=user, revoked_at__isnull=True).order_by("created_at"))


def has_passkey(user: User) -> bool:
    return Passkey.objects.filter(user=user, revoked_at__isnull=True).exists()


def access_passkey(user: User, uid: UUID | str) -> Passkey:
    """The user's own, not yet revoked passkey; anyone else's, or a revoked one, is a 404
    (a passkey is never shown to anyone but its owner, not even to administrators)."""
    passkey = Passkey.objects.filter(user=user, uid=uid, revoked_at__isnull=True).first()
    if passkey is None:
        raise Http404
    return passkey


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(
            id=bytes(p.credential_id),
            transports=[AuthenticatorTransport(t) for t in p.transports if t in _TRANSPORTS],
        )
        for p in active_passkeys(user)
    ]


def _keep_challenge(request: HttpRequest, purpose: str, challenge: bytes) -> None:
    request.session[CHALLENGE_KEY] = {
        "purpose": purpose,
        "challenge": bytes_to_base64url(challenge),
        "at": time.time(),
    }


def _take_challenge(request: HttpRequest, purpose: str) -> bytes | None:
    """The pending challenge for this purpose, removed from the session whatever happens."""
    kept = request.session.pop(CHALLENGE_KEY, None)
    if not isinstance(kept, dict) or kept.get("purpose") != purpose:
        return None
    age = time.time() - float(kept.get("at", 0))
    if not 0 <= age <= CHALLENGE_SECONDS:
        return None
    return base64url_to_bytes(str(kept["challenge"]))


def registration_options(request: HttpRequest, user: User) -> dict[str, Any]:
    options = generate_registration_options(
        rp_id=rp_id(request),
        rp_name=str(getattr(settings, "OTP_TOTP_ISSUER", "cpms")),
        user_name=user.get_username(),
        user_id=user.uid.bytes,
        user_display_name=str(user),
        timeout=CHALLENGE_SECONDS * 1000,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(user),
    )
    _keep_challenge(request, "register", options.challenge)
    return dict(options_to_json_dict(options))


def authentication_options(request: HttpRequest, user: User) -> dict[str, Any]:
    options = generate_authentication_options(
        rp_id=rp_id(request),
        timeout=CHALLENGE_SECONDS * 1000,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    _keep_challenge(request, "login", options.challenge)
    return dict(options_to_json_dict(options))


def _failed(request: HttpRequest, user: User, step: str, reason: str) -> None:
    audit_record(
        event=AuditEvent.LOGIN_FAILED,
        actor=user,
        request=request,
        extra={"step": step, "factor": "passkey", "reason": reason[:200]},
    )


@transaction.atomic
def passkey_register(
    *, request: HttpRequest, user: User, credential: dict[str, Any], name: str
) -> Passkey | None:
    """Verify a new credential (attestation "none" is enough: the passkey only stands in for
    a second factor the user already has) and store it. None, audited, when refused."""
    challenge = _take_challenge(request, "register")
    if challenge is None:
        _failed(request, user, "passkey_register", "challenge")
        return None
    try:
        verified = verify_registration_response(
            credential=json.dumps(credential),
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=origin(request),
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as exc:
        _failed(request, user, "passkey_register", str(exc))
        return None
    if Passkey.objects.filter(credential_id=verified.credential_id).exists():
        _failed(request, user, "passkey_register", "duplicate")
        return None
    transports = (credential.get("response") or {}).get("transports") or []
    passkey = Passkey.objects.create(
        user=user,
        name=name,
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[t for t in transports if t in _TRANSPORTS],
    )
    audit_record(
        event=AuditEvent.CREATE,
        actor=user,
        request=request,
        subject_type=SUBJECT,
        subject_id=passkey.uid,
        extra={"name": name},
    )
    return passkey


@transaction.atomic
def passkey_authenticate(
    *, request: HttpRequest, user: User, credential: dict[str, Any], step: str = "login"
) -> Passkey | None:
    """Check an assertion against the user's passkeys. Returns the passkey that signed it or
    None. A revoked passkey, another user's, a replayed or expired challenge, a wrong origin
    or RP ID and a signature counter that did not go up are all refused and audited."""
    challenge = _take_challenge(request, "login")
    if challenge is None:
        _failed(request, user, step, "challenge")
        return None
    try:
        raw_id = base64url_to_bytes(str(credential.get("rawId") or credential.get("id") or ""))
    except ValueError:
        raw_id = b""
    passkey = (
        Passkey.objects.select_for_update().filter(user=user, credential_id=raw_id).first()
        if raw_id
        else None
    )
    if passkey is None or passkey.revoked_at is not None:
        _failed(request, user, step, "revoked" if passkey else "unknown credential")
        return None
    try:
        verified = verify_authentication_response(
            credential=json.dumps(credential),
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=origin(request),
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as exc:
        _failed(request, user, step, str(exc))
        return None
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = timezone.now()
    passkey.save(update_fields=["sign_count", "last_used_at", "updated_at"])
    audit_record(
        event=AuditEvent.LOGIN,
        actor=user,
        request=request,
        subject_type=SUBJECT,
        subject_id=passkey.uid,
        extra={"step": step, "factor": "passkey"},
    )
    return passkey


def device_id(passkey: Passkey) -> str:
    """The session's `cpms_2fa_device` mark for a passkey (TOTP devices use django-otp's)."""
    return f"{SUBJECT}/{passkey.pk}"


@transaction.atomic
def passkey_revoke(*, request: HttpRequest, user: User, passkey: Passkey) -> None:
    Passkey.objects.filter(pk=passkey.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), updated_at=timezone.now()
    )
    audit_record(
        event=AuditEvent.ARCHIVE,
        actor=user,
        request=request,
        subject_type=SUBJECT,
        subject_id=passkey.uid,
        extra={"name": passkey.name},
    )
