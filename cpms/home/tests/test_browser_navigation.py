"""The grouped navbar in real Chromium: one row from 992 px, drop-downs opened with the
keyboard, the phone menu collapsed; screenshots per persona and width go to artifacts/."""

from __future__ import annotations

import pytest
from django.db import connections

from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

WIDTHS = (1024, 1280, 1440)


def test_the_navbar_fits_one_row_and_opens_with_the_keyboard(
    browser, live_server, transactional_db
):
    build_world()
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    for persona in ("worker", "officer"):
        sign_in(page, base, persona)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{base}/")
            assert page.locator(".navbar-toggler").is_hidden()
            box = page.locator("nav.navbar").bounding_box()
            assert box is not None and box["height"] < 80  # one row, nothing wrapped
            page.screenshot(path=str(ARTIFACTS / f"nav-{persona}-{width}.png"))
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/")
        assert page.locator("#main-nav").is_hidden()
        page.click(".navbar-toggler")
        page.click("[data-testid=section-prevention]")
        page.wait_for_selector("[data-testid=nav-directives]", state="visible")
        page.screenshot(path=str(ARTIFACTS / f"nav-{persona}-390.png"), full_page=True)

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}/")
    page.focus("[data-testid=section-prevention]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=nav-programmes]", state="visible")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/programmes/")
    toggle = page.locator("[data-testid=section-prevention]")
    assert "active" in (toggle.get_attribute("class") or "")
    page.screenshot(path=str(ARTIFACTS / "nav-officer-open.png"))
    connections.close_all()
