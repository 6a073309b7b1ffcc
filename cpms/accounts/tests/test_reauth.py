from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cpms.accounts.twofactor import totp_now
from cpms.intake.tests.factories import make_report
from cpms.testing import PASSWORD

KEY = "3132333435363738393031323334353637383930"
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)

# Views that hand out personal data in bulk or a reporter's identity.
MUST_REAUTH = {
    "children-sheets:export-create",
    "children-sheets:export-download",
    "accountability:export",
    "care:needs-export",
    "intake:reporter",
    "hotline:caller",
    "attachments:download",
    "privacy:subject-access",
}
# Named like them but holding no personal data: the blank import template, the list of
# one's own export jobs and the progress fragments they poll.
EXEMPT = {
    "children-sheets:template",
    "children-sheets:export-list",
    "children-sheets:export-detail",
    "reports:export-detail",
}


def named_views() -> dict[str, object]:
    found: dict[str, object] = {}

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns)
            elif pattern.name:
                found[f"{namespace}{pattern.name}"] = pattern.callback

    walk(get_resolver().url_patterns, "")
    return found


def test_every_export_download_and_reveal_view_asks_for_recent_authentication():
    views = named_views()
    assert set(views) >= MUST_REAUTH
    for name in MUST_REAUTH:
        assert getattr(views[name], "requires_recent_auth", False), name
    for name, view in views.items():
        function = getattr(view, "__name__", "")
        if name in EXEMPT or name.startswith(("admin:", "api:")):
            continue
        if any(word in function for word in ("export", "download", "reveal")):
            assert getattr(view, "requires_recent_auth", False), name


@pytest.fixture
def stale_worker(world, client_for):
    """A worker with an authenticator whose last sign-in was 11 minutes ago."""
    TOTPDevice.objects.create(user=world.personas["worker"], name="p", key=KEY, confirmed=True)
    with time_machine.travel(START, tick=False) as clock:
        client = client_for("worker")
        clock.shift(dt.timedelta(minutes=11))
        yield client


def test_an_export_after_the_window_goes_to_re_authentication_and_back(stale_worker):
    client = stale_worker
    url = reverse("care:needs-export")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:reauth')}?next={quote(url, safe='')}"
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'name="code"' in page.content.decode()

    wrong = client.post(
        reverse("accounts:reauth"), {"password": "wrong-pass", "code": totp_now(KEY), "next": url}
    )
    assert wrong.status_code == 200 and client.get(url).status_code == 302
    ok = client.post(
        reverse("accounts:reauth"), {"password": PASSWORD, "code": totp_now(KEY), "next": url}
    )
    assert ok.status_code == 302 and ok["Location"] == url
    assert client.get(url).status_code == 200


def test_the_password_alone_is_not_enough_with_two_factor_on(stale_worker):
    client = stale_worker
    url = reverse("care:needs-export")
    response = client.post(reverse("accounts:reauth"), {"password": PASSWORD, "next": url})
    assert response.status_code == 200
    assert client.get(url).status_code == 302


def test_re_authentication_never_sends_the_user_off_site(stale_worker):
    response = stale_worker.post(
        reverse("accounts:reauth"),
        {"password": PASSWORD, "code": totp_now(KEY), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home:index")


def test_a_reveal_by_htmx_moves_the_page_to_re_authentication(world, stale_worker):
    report = make_report(world)
    detail = reverse("intake:detail", args=[report.uid])
    response = stale_worker.post(
        reverse("intake:reporter", args=[report.uid]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{detail}",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{reverse('accounts:reauth')}?next={quote(detail, safe='')}"


def test_within_the_window_nothing_is_asked(world, client_for):
    with time_machine.travel(START, tick=False) as clock:
        client = client_for("worker")
        clock.shift(dt.timedelta(minutes=9))
        assert client.get(reverse("care:needs-export")).status_code == 200
