from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def test_an_idle_session_ends_after_30_minutes(world, client_for):
    with time_machine.travel(START, tick=False) as clock:
        client = client_for("worker")
        assert client.get(reverse("home:index")).status_code == 200
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(reverse("home:index")).status_code == 200
        clock.shift(dt.timedelta(minutes=29))  # 58 minutes in, but never 30 idle
        assert client.get(reverse("home:index")).status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get(reverse("home:index"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_an_active_session_still_ends_after_the_maximum(world, client_for, settings):
    settings.CPMS_SESSION_MAX_HOURS = 1
    with time_machine.travel(START, tick=False) as clock:
        client = client_for("worker")
        for _ in range(3):
            clock.shift(dt.timedelta(minutes=20))
            assert client.get(reverse("home:index")).status_code == 200
        clock.shift(dt.timedelta(minutes=20))  # 80 minutes after the login
        response = client.get(reverse("children:list"))
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next=%2Fchildren%2F"
        assert "_auth_user_id" not in client.session
        assert AuditLog.objects.filter(event_type=AuditEvent.LOGOUT, actor__username="worker")
        assert client.get(reverse("home:index")).status_code == 302


def test_the_default_lifetimes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.CPMS_SESSION_MAX_HOURS == 12
    assert settings.CPMS_REAUTH_MINUTES == 10
    assert settings.CPMS_REQUIRE_2FA is True
