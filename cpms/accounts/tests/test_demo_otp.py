from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cpms.accounts.demo import DEMO_PASSWORD, demo_otp_key, seed_demo_accounts
from cpms.accounts.twofactor import secret_base32, totp_now
from cpms.geography.demo import seed_demo_geography


@pytest.fixture
def demo(db):
    geo = seed_demo_geography()
    users = seed_demo_accounts(geo)
    seed_demo_accounts(geo)  # idempotent: no second device
    return users


def test_every_demo_login_gets_the_published_authenticator_once(demo):
    devices = TOTPDevice.objects.filter(name="demo", confirmed=True).select_related("user")
    assert sorted(d.user.username for d in devices) == sorted(u.username for u in demo)
    for device in devices:
        assert device.key == demo_otp_key(device.user.username)


def test_list_demo_users_prints_the_secrets_and_how_to_get_a_code(demo):
    out = StringIO()
    call_command("list_demo_users", stdout=out)
    text = out.getvalue()
    assert "demo_otp" in text
    assert secret_base32(demo_otp_key("canbo.nghialo")) in text


def test_demo_otp_prints_a_code_that_signs_in(demo):
    out = StringIO()
    call_command("demo_otp", "canbo.nghialo", stdout=out)
    code = out.getvalue().strip()
    assert code == totp_now(demo_otp_key("canbo.nghialo"))
    client = Client()
    client.post(reverse("accounts:login"), {"username": "canbo.nghialo", "password": DEMO_PASSWORD})
    assert client.get(reverse("home:index")).status_code == 302
    assert client.post(reverse("accounts:otp-verify"), {"code": code}).status_code == 302
    assert client.get(reverse("home:index")).status_code == 200


def test_demo_otp_refuses_an_account_without_the_demo_secret(demo):
    device = TOTPDevice.objects.get(user__username="canbo.anphu", name="demo")
    device.key = "ab" * 20  # a real secret, e.g. after re-enrolment
    device.save()
    with pytest.raises(CommandError):
        call_command("demo_otp", "canbo.anphu", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("demo_otp", "nobody", stdout=StringIO())
