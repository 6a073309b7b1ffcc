"""Acceptance (issue 6): the lead office opens the directive, sees which wards have not
reported on clause 1.2, a ward worker files that report, and the board shows it submitted,
in real Chromium."""

from __future__ import annotations

import pytest
from django.db import connections

from cpms.directives.services import assignment_add, report_save
from cpms.directives.tests.factories import last_ended_start, make_assignment
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

CLAUSE = "[data-testid='clause-1.2']"


def test_the_lead_office_sees_the_gap_and_the_ward_fills_it(browser, live_server, transactional_db):
    world = build_world()
    ours = make_assignment(world)
    directive = ours.clause.directive
    theirs = assignment_add(actor=None, clause=ours.clause, agency=world.pc_b)
    report_save(
        actor=None,
        assignment=theirs,
        period_start=last_ended_start(),
        narrative="Đã tổ chức tập huấn",
        submit=True,
        expected_version=0,
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1024, "height": 900})
    base = live_server.url
    detail = f"{base}/directives/{directive.uid}/"

    sign_in(page, base, "officer")
    page.goto(f"{base}/directives/")
    page.click(f"a[href='/directives/{directive.uid}/']")
    page.wait_for_url(detail)
    page.click("[data-testid=filter-missing]")
    page.wait_for_url(f"{detail}?missing=1")
    missing = page.inner_text(CLAUSE)
    assert "UBND phường An Hòa" in missing and "UBND xã Bình Đông" not in missing
    page.screenshot(path=str(ARTIFACTS / "directive-board-missing.png"), full_page=True)

    sign_in(page, base, "worker")
    page.goto(f"{base}/directives/mine/")
    start = last_ended_start().isoformat()
    page.click(f"a[href='/directives/assignments/{ours.uid}/periods/{start}/']")
    page.fill("#id_narrative", "Tổ chức 2 lớp tập huấn cho cộng tác viên")
    page.click("[data-testid=submit-report]")
    page.wait_for_selector("[data-testid=report-submitted]")

    sign_in(page, base, "officer")
    page.goto(f"{detail}?missing=1")
    assert "UBND phường An Hòa" not in page.inner_text(CLAUSE)
    page.goto(detail)
    row = page.locator(f"{CLAUSE} tr[data-agency='UBND phường An Hòa']")
    cell = row.locator(
        f"a[href='/directives/assignments/{ours.uid}/periods/{start}/'] [data-state]"
    )
    assert cell.get_attribute("data-state") == "submitted"
    page.screenshot(path=str(ARTIFACTS / "directive-board.png"), full_page=True)
    connections.close_all()
