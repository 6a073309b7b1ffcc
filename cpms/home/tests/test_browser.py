"""Real Chromium (Debian's /usr/bin/chromium) through Playwright against the live server.

Skipped when Chromium is missing, unless CPMS_REQUIRE_BROWSER=1 (set by .ci/run), in which
case a missing browser fails the run. Screenshots go to artifacts/ (kept by CI).
"""

from __future__ import annotations

import pytest
from django.db import connections
from playwright.sync_api import expect

from cpms.testing import PASSWORD, build_world
from cpms.testing_browser import ARTIFACTS, enter_code, give_test_authenticator

pytestmark = pytest.mark.browser


def test_it_signs_in_and_shows_the_home_page_in_vietnamese(browser, live_server, transactional_db):
    build_world()
    give_test_authenticator("worker")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert page.locator("html").get_attribute("lang") == "vi"
    page.screenshot(path=str(ARTIFACTS / "login-phone.png"), full_page=True)
    page.fill("#id_username", "worker")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    enter_code(page, live_server.url)
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Xin chào, Worker"
    assert "Người làm công tác bảo vệ trẻ em cấp xã" in page.content()
    page.screenshot(path=str(ARTIFACTS / "home-phone.png"), full_page=True)

    desktop = browser.new_page(viewport={"width": 1280, "height": 800})
    desktop.context.add_cookies(page.context.cookies())
    desktop.goto(f"{live_server.url}/units/")
    desktop.fill("#unit-search", "to dan pho 2")
    # A locator, not wait_for_function: the page's CSP forbids evaluating strings.
    expect(desktop.locator("#unit-rows tbody tr")).to_have_count(1)
    assert "Tổ dân phố 2" in desktop.locator("#unit-rows").inner_text()
    desktop.screenshot(path=str(ARTIFACTS / "units-desktop.png"), full_page=True)
    # Under Playwright's event loop Django keeps separate, context-local connections in this
    # thread; close them here or the test database cannot be dropped at the end.
    connections.close_all()


def test_it_refuses_a_wrong_password_in_plain_vietnamese(browser, live_server, transactional_db):
    build_world()
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "worker")
    page.fill("#id_password", "not-the-password")
    page.click("button[type=submit]")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.locator(".alert-danger").inner_text()
    connections.close_all()
