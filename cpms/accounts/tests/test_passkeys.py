"""Passkeys at the second login step, against a software authenticator (EC P-256) that
builds clientDataJSON, authenticator data and signatures the way a browser and a security
key do."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import time
from typing import Any

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client
from django.urls import reverse
from webauthn.helpers import bytes_to_base64url

from cpms.accounts.models import Passkey
from cpms.accounts.passkeys import CHALLENGE_KEY, CHALLENGE_SECONDS
from cpms.audit.models import AuditEvent, AuditLog

from .test_twofactor import enrol_device, password_login

ORIGIN = "http://testserver"
RP_ID = "testserver"


class SoftAuthenticator:
    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.sign_count = 0

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,  # kty: EC2
                3: -7,  # alg: ES256
                -1: 1,  # crv: P-256
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    @staticmethod
    def _client_data(kind: str, challenge: str, origin: str) -> bytes:
        data = {"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}
        return json.dumps(data).encode()

    def create(self, options: dict[str, Any], *, origin: str = ORIGIN, rp_id: str = RP_ID):
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        auth_data = (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([0x01 | 0x04 | 0x40])  # user present, user verified, attested data
            + struct.pack(">I", self.sign_count)
            + bytes(16)  # AAGUID
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + self._cose_key()
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        raw_id = bytes_to_base64url(self.credential_id)
        return {
            "id": raw_id,
            "rawId": raw_id,
            "type": "public-key",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "attestationObject": bytes_to_base64url(attestation),
                "transports": ["internal"],
            },
        }

    def get(
        self,
        options: dict[str, Any],
        *,
        origin: str = ORIGIN,
        rp_id: str = RP_ID,
        sign_count: int | None = None,
    ):
        self.sign_count = self.sign_count + 1 if sign_count is None else sign_count
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        auth_data = (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([0x01 | 0x04])
            + struct.pack(">I", self.sign_count)
        )
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        raw_id = bytes_to_base64url(self.credential_id)
        return {
            "id": raw_id,
            "rawId": raw_id,
            "type": "public-key",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "authenticatorData": bytes_to_base64url(auth_data),
                "signature": bytes_to_base64url(signature),
            },
        }


def post_json(client: Client, url: str, body: dict[str, Any] | None = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def register(client: Client, authenticator: SoftAuthenticator, **kwargs: Any):
    options = post_json(client, reverse("accounts:passkey-register-options")).json()
    credential = authenticator.create(options, **kwargs)
    return post_json(
        client,
        reverse("accounts:passkey-register"),
        {"name": "Điện thoại", "credential": credential},
    )


def login_with(client: Client, authenticator: SoftAuthenticator, next_url: str = "", **kw: Any):
    options = post_json(client, reverse("accounts:passkey-login-options")).json()
    assertion = authenticator.get(options, **kw)
    return post_json(
        client, reverse("accounts:passkey-login"), {"credential": assertion, "next": next_url}
    )


@pytest.fixture
def enrolled(world, client_for):
    """The worker has an authenticator app and has added one passkey."""
    enrol_device(world)
    authenticator = SoftAuthenticator()
    response = register(client_for("worker"), authenticator)
    assert response.status_code == 200, response.content
    return authenticator


def test_a_verified_user_adds_a_passkey_and_the_addition_is_audited(world, client_for):
    authenticator = SoftAuthenticator()
    client = client_for("worker")
    response = register(client, authenticator)
    assert response.status_code == 200
    assert response.json()["redirect"] == reverse("accounts:passkeys")
    passkey = Passkey.objects.get(user=world.personas["worker"])
    assert bytes(passkey.credential_id) == authenticator.credential_id
    assert passkey.name == "Điện thoại" and passkey.transports == ["internal"]
    assert AuditLog.objects.filter(
        event_type=AuditEvent.CREATE, subject_type="accounts.passkey", subject_id=str(passkey.uid)
    ).exists()
    page = client.get(reverse("accounts:passkeys"))
    assert page.status_code == 200 and "Điện thoại" in page.content.decode()


def test_registration_from_another_origin_or_rp_is_refused(world, client_for):
    client = client_for("worker")
    assert register(client, SoftAuthenticator(), origin="https://evil.example").status_code == 400
    assert register(client, SoftAuthenticator(), rp_id="evil.example").status_code == 400
    assert not Passkey.objects.exists()
    assert (
        AuditLog.objects.filter(
            event_type=AuditEvent.LOGIN_FAILED, extra_data__step="passkey_register"
        ).count()
        == 2
    )


def test_adding_a_passkey_needs_recent_authentication(world, client_for):
    client = client_for("worker")
    session = client.session
    session["cpms_auth_at"] = time.time() - 3600
    session.save()
    response = post_json(client, reverse("accounts:passkey-register-options"))
    assert response.status_code == 403
    page = client.get(reverse("accounts:passkeys"))
    assert 'data-testid="passkey-reauth"' in page.content.decode()


def test_the_passkey_passes_the_second_login_step(world, enrolled):
    client = password_login(next_url=reverse("children:list"))
    assert client.get(reverse("home:index")).status_code == 302
    page = client.get(reverse("accounts:otp-verify"))
    html = page.content.decode()
    assert "Dùng khóa truy cập (passkey)" in html and "js/passkeys.js" in html
    response = login_with(client, enrolled, next_url=reverse("children:list"))
    assert response.status_code == 200, response.content
    assert response.json()["redirect"] == reverse("children:list")
    assert client.session["cpms_2fa_device"].startswith("accounts.passkey/")
    assert client.get(reverse("home:index")).status_code == 200
    passkey = Passkey.objects.get()
    assert passkey.sign_count == 1 and passkey.last_used_at is not None
    assert AuditLog.objects.filter(
        event_type=AuditEvent.LOGIN,
        actor__username="worker",
        extra_data__factor="passkey",
        extra_data__step="login",
    ).exists()


def test_a_user_without_a_passkey_sees_no_button(world):
    enrol_device(world)
    page = password_login().get(reverse("accounts:otp-verify"))
    assert "data-passkey-login" not in page.content.decode()


def refused(client: Client) -> None:
    assert client.get(reverse("home:index")).status_code == 302
    assert "cpms_2fa_device" not in client.session


def test_a_wrong_origin_is_refused(world, enrolled):
    client = password_login()
    assert login_with(client, enrolled, origin="https://evil.example").status_code == 400
    refused(client)
    assert AuditLog.objects.filter(
        event_type=AuditEvent.LOGIN_FAILED, extra_data__factor="passkey", extra_data__step="login"
    ).exists()


def test_a_wrong_rp_id_is_refused(world, enrolled):
    client = password_login()
    assert login_with(client, enrolled, rp_id="evil.example").status_code == 400
    refused(client)


def test_a_challenge_is_used_once(world, enrolled):
    client = password_login()
    options = post_json(client, reverse("accounts:passkey-login-options")).json()
    url = reverse("accounts:passkey-login")
    first = enrolled.get(options, origin="https://evil.example")
    assert post_json(client, url, {"credential": first}).status_code == 400
    # The same challenge, now correctly signed, no longer counts.
    again = enrolled.get(options)
    assert post_json(client, url, {"credential": again}).status_code == 400
    refused(client)
    assert AuditLog.objects.filter(
        event_type=AuditEvent.LOGIN_FAILED, extra_data__reason="challenge"
    ).exists()


def test_an_expired_challenge_is_refused(world, enrolled):
    client = password_login()
    options = post_json(client, reverse("accounts:passkey-login-options")).json()
    session = client.session
    session[CHALLENGE_KEY]["at"] -= CHALLENGE_SECONDS + 1
    session.save()
    assertion = enrolled.get(options)
    assert (
        post_json(client, reverse("accounts:passkey-login"), {"credential": assertion}).status_code
        == 400
    )
    refused(client)


def test_a_revoked_passkey_is_refused(world, enrolled, client_for):
    owner = client_for("worker")
    passkey = Passkey.objects.get()
    url = reverse("accounts:passkey-revoke", args=[passkey.uid])
    assert owner.get(url).status_code == 200
    assert client_for("leader").post(url).status_code == 404
    assert owner.post(url).status_code == 302
    passkey.refresh_from_db()
    assert passkey.revoked_at is not None
    assert AuditLog.objects.filter(
        event_type=AuditEvent.ARCHIVE, subject_id=str(passkey.uid)
    ).exists()
    client = password_login()
    # With no active passkey left there is nothing to offer …
    assert post_json(client, reverse("accounts:passkey-login-options")).status_code == 404
    # … and with another one still active, the revoked key's signature is not accepted.
    Passkey.objects.create(
        user=world.personas["worker"], name="khác", credential_id=b"other", public_key=b"k"
    )
    assert login_with(client, enrolled).status_code == 400
    refused(client)
    assert AuditLog.objects.filter(
        event_type=AuditEvent.LOGIN_FAILED, extra_data__reason="revoked"
    ).exists()


def test_a_sign_count_going_backwards_is_refused(world, enrolled):
    client = password_login()
    assert login_with(client, enrolled, sign_count=5).status_code == 200
    again = password_login()
    assert login_with(again, enrolled, sign_count=3).status_code == 400
    refused(again)
    assert Passkey.objects.get().sign_count == 5


def test_another_users_passkey_is_refused(world, enrolled):
    enrol_device(world, "leader")
    Passkey.objects.create(
        user=world.personas["leader"], name="x", credential_id=b"other", public_key=b"k"
    )
    client = password_login("leader")
    assert login_with(client, enrolled).status_code == 400
    refused(client)


def test_the_configured_rp_id_and_origin_win_over_the_request_host(world, client_for, settings):
    settings.CPMS_WEBAUTHN_RP_ID = "cpms.example.vn"
    settings.CPMS_WEBAUTHN_ORIGIN = "https://cpms.example.vn"
    client = client_for("worker")
    assert register(client, SoftAuthenticator()).status_code == 400
    good = register(
        client, SoftAuthenticator(), origin="https://cpms.example.vn", rp_id="cpms.example.vn"
    )
    assert good.status_code == 200


def test_a_passkey_needs_a_name(world, client_for):
    client = client_for("worker")
    options = post_json(client, reverse("accounts:passkey-register-options")).json()
    credential = SoftAuthenticator().create(options)
    response = post_json(
        client, reverse("accounts:passkey-register"), {"name": "  ", "credential": credential}
    )
    assert response.status_code == 400
    assert not Passkey.objects.exists()


def test_revoking_needs_recent_authentication_and_happens_once(world, enrolled, client_for):
    client = client_for("worker")
    url = reverse("accounts:passkey-revoke", args=[Passkey.objects.get().uid])
    session = client.session
    session["cpms_auth_at"] = time.time() - 3600
    session.save()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:reauth"))
    assert Passkey.objects.get().revoked_at is None
    fresh = client_for("worker")
    assert fresh.post(url).status_code == 302
    assert fresh.post(url).status_code == 404
    assert AuditLog.objects.filter(event_type=AuditEvent.ARCHIVE).count() == 1


def test_the_list_runs_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    user = world.personas["worker"]
    for n in range(5):
        Passkey.objects.create(user=user, name=f"k{n}", credential_id=bytes([n]), public_key=b"k")
    Passkey.objects.create(
        user=world.personas["leader"], name="của người khác", credential_id=b"x", public_key=b"k"
    )
    client = client_for("worker")
    client.get(reverse("accounts:passkeys"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("accounts:passkeys"))
    html = page.content.decode()
    assert all(f"k{n}" in html for n in range(5)) and "của người khác" not in html


def test_a_session_before_the_second_step_cannot_add_a_passkey(world):
    enrol_device(world)
    client = password_login()
    response = post_json(client, reverse("accounts:passkey-register-options"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-verify"))
    assert CHALLENGE_KEY not in client.session
