"""The Content-Security-Policy in real Chromium: the main pages of several personas load
without a single violation (a violation is what an inline script or handler would cause)."""

from __future__ import annotations

import pytest

from cpms.cases.tests.factories import make_case
from cpms.testing import build_world
from cpms.testing_browser import sign_in

pytestmark = pytest.mark.browser

PAGES = {
    "worker": ["/", "/children/", "/cases/", "/reports/", "/notifications/", "/care/needs/"],
    "leader": ["/", "/cases/", "/accountability/"],
    "hotline": ["/", "/hotline/", "/reports/sent/"],
    "officer": ["/", "/referrals/", "/children/sheets/exports/"],
}


def violations(messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m or "Refused to" in m]


def test_main_pages_load_without_csp_violations(browser, live_server, transactional_db):
    world = build_world()
    case = make_case(world)
    base = live_server.url
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{page.url}: {message.text}"))
    for persona, paths in PAGES.items():
        sign_in(page, base, persona)
        extra = [f"/cases/{case.uid}/"] if persona == "worker" else []
        for path in [*paths, *extra]:
            page.goto(f"{base}{path}")
            page.wait_for_load_state("networkidle")
    assert violations(messages) == []

    # The listener does see a violation: an injected inline handler is refused.
    page.evaluate(
        """document.body.insertAdjacentHTML(
            'beforeend', '<img src="/nothing.png" onerror="document.title = 1">')"""
    )
    page.wait_for_timeout(500)
    assert violations(messages) != []
    page.close()


def test_enrolment_shows_the_qr_code_under_the_policy(browser, live_server, transactional_db):
    build_world()
    base = live_server.url
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "worker")
    from cpms.testing import PASSWORD

    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/accounts/otp/setup/**")
    assert page.locator("[data-testid=otp-qr] svg").is_visible()
    assert violations(messages) == []
    page.close()
