from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cpms.accounts.twofactor import totp_now
from cpms.audit.models import AuditEvent, AuditLog
from cpms.testing import PASSWORD

KEY = "3132333435363738393031323334353637383930"


def password_login(username: str = "worker", next_url: str = "") -> Client:
    client = Client()
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("accounts:login"), data)
    assert response.status_code == 302
    return client


def enrol_device(world, persona: str = "worker", key: str = KEY) -> TOTPDevice:
    return TOTPDevice.objects.create(
        user=world.personas[persona], name="phone", key=key, confirmed=True
    )


def test_after_the_password_every_page_asks_for_the_code(world):
    enrol_device(world)
    client = password_login()
    for url in (reverse("home:index"), reverse("children:list"), "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:otp-verify"))
    response = client.get(reverse("home:index"))
    assert response["Location"] == f"{reverse('accounts:otp-verify')}?next=%2F"


def test_the_right_code_opens_the_session_and_returns_to_the_page_asked_for(world):
    enrol_device(world)
    client = password_login(next_url=reverse("children:list"))
    response = client.get(reverse("accounts:otp-verify"), {"next": reverse("children:list")})
    assert response.status_code == 200
    response = client.post(
        reverse("accounts:otp-verify"), {"code": totp_now(KEY), "next": reverse("children:list")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("children:list")
    assert client.get(reverse("home:index")).status_code == 200
    assert AuditLog.objects.filter(
        event_type=AuditEvent.LOGIN, actor__username="worker", extra_data__step="login"
    ).exists()


def test_a_foreign_next_is_ignored(world):
    enrol_device(world)
    client = password_login()
    response = client.post(
        reverse("accounts:otp-verify"),
        {"code": totp_now(KEY), "next": "https://evil.example/steal"},
    )
    assert response["Location"] == reverse("home:index")


@time_machine.travel(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC), tick=False)
def test_a_wrong_code_is_refused_audited_and_throttles_the_next_try(world):
    # The clock stands still: the one-second back-off cannot run out between two requests.
    enrol_device(world)
    client = password_login()
    wrong = "000000" if totp_now(KEY) != "000000" else "111111"
    response = client.post(reverse("accounts:otp-verify"), {"code": wrong})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    # Straight after a failure even the right code is refused (django-otp back-off).
    response = client.post(reverse("accounts:otp-verify"), {"code": totp_now(KEY)})
    assert response.status_code == 200
    assert "Đã nhập sai nhiều lần" in response.content.decode()
    assert client.get(reverse("home:index")).status_code == 302
    assert (
        AuditLog.objects.filter(
            event_type=AuditEvent.LOGIN_FAILED, actor__username="worker", extra_data__step="login"
        ).count()
        == 2
    )


def test_a_code_works_only_once(world):
    enrol_device(world)
    code = totp_now(KEY)
    first = password_login()
    assert first.post(reverse("accounts:otp-verify"), {"code": code}).status_code == 302
    second = password_login()
    assert second.post(reverse("accounts:otp-verify"), {"code": code}).status_code == 200
    assert second.get(reverse("home:index")).status_code == 302


def test_a_user_without_an_authenticator_enrols_with_a_qr_code_and_gets_recovery_codes(world):
    client = password_login()
    response = client.get(reverse("home:index"))
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-setup"))
    page = client.get(reverse("accounts:otp-setup"))
    html = page.content.decode()
    assert "<svg" in html and "<script>" not in html
    key = client.session["cpms_2fa_pending"]
    secret = re.search(r'data-testid="otp-secret">([A-Z2-7 ]+)<', html)
    assert secret is not None and len(secret.group(1).replace(" ", "")) == 32
    assert not TOTPDevice.objects.filter(user=world.personas["worker"]).exists()

    bad = client.post(reverse("accounts:otp-setup"), {"code": "12345a"})
    assert bad.status_code == 200 and not TOTPDevice.objects.exists()

    done = client.post(reverse("accounts:otp-setup"), {"code": totp_now(key)})
    assert done.status_code == 200
    codes = re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>", done.content.decode())
    assert len(set(codes)) == 10
    device = TOTPDevice.objects.get(user=world.personas["worker"])
    assert device.confirmed and device.key == key
    assert client.get(reverse("home:index")).status_code == 200
    assert AuditLog.objects.filter(
        event_type=AuditEvent.CREATE, subject_type="otp.totpdevice", actor__username="worker"
    ).exists()


def test_a_stolen_password_cannot_enrol_a_second_authenticator(world):
    enrol_device(world)
    client = password_login()
    response = client.get(reverse("accounts:otp-setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-verify"))
    client.post(reverse("accounts:otp-setup"), {"code": "123456"})
    assert TOTPDevice.objects.count() == 1


def test_a_recovery_code_signs_in_once(world):
    enrol_device(world)
    client = password_login()
    client.get(reverse("accounts:otp-verify"))
    # Recovery codes come with enrolment; here made through the regenerate page.
    verified = Client()
    verified.force_login(world.personas["worker"])
    page = verified.post(reverse("accounts:recovery-codes-new")).content.decode()
    codes = re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>", page)
    assert len(codes) == 10
    response = client.post(reverse("accounts:otp-verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(reverse("home:index")).status_code == 200
    assert StaticToken.objects.count() == 9
    again = password_login()
    assert again.post(reverse("accounts:otp-verify"), {"code": codes[0]}).status_code == 200


def test_regenerating_recovery_codes_voids_the_old_ones(world, client_for):
    client = client_for("worker")
    first = re.findall(
        r"<li>([a-z0-9-]{11})</li>",
        client.post(reverse("accounts:recovery-codes-new")).content.decode(),
    )
    second = re.findall(
        r"<li>([a-z0-9-]{11})</li>",
        client.post(reverse("accounts:recovery-codes-new")).content.decode(),
    )
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert stored == {c.replace("-", "") for c in second}
    assert not stored & {c.replace("-", "") for c in first}
    assert "Còn 10 mã" in client.get(reverse("accounts:recovery-codes")).content.decode()


def test_htmx_requests_of_an_unverified_session_move_the_whole_page(world):
    enrol_device(world)
    client = password_login()
    response = client.get(reverse("home:index"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("accounts:otp-verify")


def test_the_public_site_and_logout_stay_open_before_the_code(world):
    enrol_device(world)
    client = password_login()
    assert client.get(reverse("public:index")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_can_be_switched_off_for_trials(world, settings):
    settings.CPMS_REQUIRE_2FA = False
    client = password_login()
    assert client.get(reverse("home:index")).status_code == 200


@pytest.mark.parametrize("persona", ["worker", "sysadmin", "collaborator"])
def test_every_staff_role_needs_the_second_factor(world, persona):
    client = password_login(persona)
    assert client.get(reverse("home:index")).status_code == 302


def test_lockout_looks_the_same_for_an_account_that_does_not_exist(world):
    answers = []
    for username in ("worker", "nobody-here"):
        client = Client()
        for _ in range(5):
            client.post(reverse("accounts:login"), {"username": username, "password": "wrong-pw"})
        response = client.post(reverse("accounts:login"), {"username": username, "password": "x"})
        body = response.content.decode().replace(username, "NAME")
        body = re.sub(r'value="[^"]*"|[A-Za-z0-9]{64}', "", body)  # per-client CSRF tokens
        answers.append((response.status_code, body))
    assert answers[0] == answers[1]
