"""Pages with wide content on a phone, in real Chromium: nothing pushes the page sideways
(charts scale to their column, tables scroll inside their own box); screenshots to artifacts/."""

from __future__ import annotations

import pytest

from cpms.cases.choices import CaseState
from cpms.cases.tests.walk import walk_to
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _fits(page) -> bool:
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width <= PHONE["width"]


def test_the_dashboard_and_the_case_page_fit_a_phone(browser, live_server, transactional_db):
    world = build_world()
    case = walk_to(world, CaseState.IN_PROGRESS)  # clocks met on time: the widest badges
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    page = browser.new_page(viewport=PHONE)

    sign_in(page, base, "officer")
    page.goto(f"{base}/stats/")
    assert page.locator("[data-testid=stats-table] figure svg").count() > 0
    assert _fits(page)
    page.screenshot(path=str(ARTIFACTS / "stats-dashboard-phone.png"), full_page=True)

    sign_in(page, base, "worker")
    page.goto(f"{base}/cases/{case.uid}/")
    assert "Đã hoàn thành đúng hạn" in page.inner_text("[data-testid=case-deadlines]")
    assert _fits(page)
    page.screenshot(path=str(ARTIFACTS / "case-detail-phone.png"), full_page=True)
