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


def sign_in(page: Any, base: str, username: str) -> None:
    """Sign in as a persona (password cpms.testing.PASSWORD), signing out whoever was in."""
    from cpms.testing import PASSWORD

    # A request still running on the previous page (the notification badge) would set the
    # previous user's session cookie again after the cookies are cleared.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")
