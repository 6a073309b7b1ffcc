"""The `browser` fixture: Debian's Chromium through Playwright, for tests marked `browser`.

Skipped when Chromium is missing, unless CPMS_REQUIRE_BROWSER=1 (set by .ci/run), in which
case a missing browser fails the run. Screenshots go to artifacts/ (kept by CI).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("CPMS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}, and browser tests are required")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


TEST_OTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test secret


def give_test_authenticator(username: str) -> None:
    """Give the persona an authenticator holding TEST_OTP_KEY, ready to accept a code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cpms.accounts.models import User

    # A code is accepted once per 30-second step: forget the last one so that the same
    # persona can sign in again within a test.
    TOTPDevice.objects.update_or_create(
        user=User.objects.get(username=username),
        name="test",
        defaults={
            "key": TEST_OTP_KEY,
            "confirmed": True,
            "last_t": -1,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )


def enter_code(page: Any, base: str) -> None:
    """On the second-step page after the password: type the current code of TEST_OTP_KEY."""
    from cpms.accounts.twofactor import totp_now

    page.wait_for_url(f"{base}/accounts/otp/**")
    page.fill("#id_code", totp_now(TEST_OTP_KEY))
    page.click("main button[type=submit]")


def sign_in(page: Any, base: str, username: str) -> None:
    """Sign in as a persona (password cpms.testing.PASSWORD, then the code of an authenticator
    holding TEST_OTP_KEY, enrolled here if the persona has none), signing out whoever was in."""
    from cpms.testing import PASSWORD

    give_test_authenticator(username)
    # A request still running on the previous page (the notification badge) would set the
    # previous user's session cookie again after the cookies are cleared.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    enter_code(page, base)
    page.wait_for_url(f"{base}/")
