"""Acceptance in real Chromium: a commune worker submits the 6-month report, the area officer
reviews and approves it, and the province sees the aggregate, protected."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cpms.cases.tests.factories import make_case
from cpms.reports.models import PeriodicReport
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def confirm(page, base: str, report: PeriodicReport, action: str) -> None:
    page.click(f"[data-testid=action-{action}]")
    page.wait_for_url(f"{base}/periodic-reports/{report.uid}/step/{action}/")
    page.click("[data-testid=confirm]")
    page.wait_for_url(f"{base}/periodic-reports/{report.uid}/")


def create(page, base: str, year: int = 2026) -> PeriodicReport:
    page.goto(f"{base}/periodic-reports/new/")
    page.select_option("#id_kind", "six_monthly")
    page.fill("#id_year", str(year))
    page.select_option("#id_half", "1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/periodic-reports/*/")
    return PeriodicReport.objects.order_by("-created_at").first()  # type: ignore[return-value]


def test_worker_submits_officer_approves_province_sees_the_aggregate(
    browser, live_server, transactional_db
):
    world = build_world()
    for day in range(1, 7):
        make_case(world, received_at=dt.datetime(2026, 3, day, 9, tzinfo=VN))
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    base = live_server.url

    sign_in(page, base, "worker")
    report = create(page, base)
    assert report.unit == world.commune_a
    assert report.figures, "the six-monthly report has tables"
    assert page.locator("[data-testid=stat-table]").count() == len(report.figures)
    confirm(page, base, report, "submit")
    assert "Đã gửi lên cấp trên" in page.inner_text("[data-testid=report-status]")

    sign_in(page, base, "officer")
    page.goto(f"{base}/periodic-reports/")
    page.click(f"[data-testid=received-reports] a[href='/periodic-reports/{report.uid}/']")
    confirm(page, base, report, "review")
    confirm(page, base, report, "approve")
    assert "Đã phê duyệt" in page.inner_text("[data-testid=report-status]")
    province = create(page, base)
    assert province.unit == world.province
    assert province.sources["included"][0]["uid"] == str(report.uid)

    sign_in(page, base, "statistician")
    page.goto(f"{base}/periodic-reports/{province.uid}/")
    assert "đã ẩn ô nhỏ" in page.inner_text("[data-testid=figures-scope]")
    assert province.figures_protected
    assert page.locator("[data-testid=stat-table]").count() == len(province.figures_protected)
    assert page.locator("a[href^='/children/'], a[href^='/cases/']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "reports-province-aggregate.png"), full_page=True)
