"""A hotline report triaged into a case, assessed by the worker, the child separated and the
plan approved by the chairman, in real Chromium (see cpms/home/tests/test_browser.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connections
from django.utils import timezone

from cpms.cases.models import Case
from cpms.cases.tests.factories import needs_data, plan_data, step
from cpms.children.tests.factories import make_child
from cpms.intake.tests.factories import make_report
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_worker_and_chairman_take_a_report_to_an_approved_plan(
    browser, live_server, transactional_db
):
    world = build_world()
    child = make_child(world)
    report = make_report(world, immediate_danger=True)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    base = live_server.url

    sign_in(page, base, "worker")
    page.goto(f"{base}/reports/")
    page.click(f"a[href='/reports/{report.uid}/']")
    assert "0905123456" not in page.content()
    page.click("#reporter-box button")
    page.wait_for_selector("[data-testid=reporter-identity]")
    assert "0905123456" in page.inner_text("[data-testid=reporter-identity]")
    page.click("text=Tìm hoặc thêm vào sổ theo dõi")
    page.click("[data-testid=duplicates] button")
    page.wait_for_url(f"{base}/reports/{report.uid}/")
    page.click(f"a[href='/cases/triage/{report.uid}/']")
    page.select_option("select[name^=outcome_]", "case_opened")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/reports/{report.uid}/")
    case = Case.objects.get(child=child)
    page.goto(f"{base}/cases/{case.uid}/")
    assert "Quá hạn" not in page.inner_text("[data-testid=case-deadlines]")
    page.click("text=Đánh giá nguy cơ ban đầu (Mẫu 02)")
    page.select_option("#id_overall_risk", "high")
    page.check("#id_emergency_needed")
    page.select_option("#id_risk_harm_severity", "high")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/cases/{case.uid}/")
    assert "Quyết định tạm thời cách ly" not in page.inner_text("[data-testid=case-steps]")

    sign_in(page, base, "leader")
    page.goto(f"{base}/cases/{case.uid}/step/separate/")
    now = timezone.localtime()
    page.fill("#id_decision_number", "01/QĐ-UBND")
    page.fill("#id_decided_at", f"{now:%d/%m/%Y %H:%M}")
    page.fill("#id_separated_from", "Nguyễn Văn Cha (cha)")
    page.fill("#id_reason", "Cha là người gây tổn hại")
    page.fill("#id_place", "Nhà bà ngoại")
    page.fill("#id_starts_at", f"{now:%d/%m/%Y %H:%M}")
    page.fill("#id_ends_at", f"{now + dt.timedelta(days=7):%d/%m/%Y %H:%M}")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/cases/{case.uid}/")
    assert "Đang tạm thời cách ly" in page.inner_text("[data-testid=case-state]")
    today = timezone.localdate()
    step(world, case, "needs_assess", **needs_data(today))
    step(world, case, "draft_plan", **plan_data(today, today + dt.timedelta(days=30)))
    page.goto(f"{base}/cases/my-work/")
    assert "Phê duyệt kế hoạch (Mẫu 05)" in page.inner_text("[data-testid=my-deadlines]")
    page.goto(f"{base}/cases/{case.uid}/step/approve_plan/")
    page.fill("#id_decision_number", "05/QĐ-UBND")
    page.fill("#id_decision_date", f"{today:%d/%m/%Y}")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/cases/{case.uid}/")
    assert "Kế hoạch đã được phê duyệt" in page.inner_text("[data-testid=case-state]")
    page.screenshot(path=str(ARTIFACTS / "case-plan-approved.png"), full_page=True)
    connections.close_all()
