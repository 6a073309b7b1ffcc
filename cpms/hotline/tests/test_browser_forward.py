"""An operator logs a call and forwards it; the commune worker finds it in the inbox
(real Chromium, see cpms/children/tests/test_browser_registry.py)."""

from __future__ import annotations

import pytest
from django.db import connections

from cpms.hotline.models import Call
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_the_operator_forwards_a_call_to_the_communes_inbox(browser, live_server, transactional_db):
    world = build_world()
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    page = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(page, base, "hotline")
    page.goto(f"{base}/hotline/")
    page.click("main >> text=Ghi cuộc gọi mới")
    page.check("input[name=call_type][value=new_report]")
    page.fill("#id_duration", "6:15")
    page.fill("#id_summary", "Bà ngoại gọi: cháu bị cha dượng đánh, có vết bầm ở tay.")
    page.select_option("#id_caller_relation", "relative")
    page.fill("#id_caller_name", "Đỗ Thị Hoa")
    page.fill("#id_caller_phone", "0987654321")
    page.fill("#id_child-0-full_name", "Võ Gia Bảo")
    page.fill("#id_child-0-age_estimate", "8")
    page.select_option("#id_child-0-sex", "male")
    page.screenshot(path=str(ARTIFACTS / "hotline-call-form.png"), full_page=True)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/hotline/*/")
    assert "******321" in page.content()
    page.click("text=Chuyển đến xã, phường")
    page.wait_for_url(f"{base}/hotline/*/forward/")
    page.select_option("#id_commune", str(world.commune_a.pk))
    page.check("#id_immediate_danger")
    page.screenshot(path=str(ARTIFACTS / "hotline-forward.png"), full_page=True)
    page.click("[data-testid=forward-submit]")
    page.wait_for_selector("[data-testid=forwarded]")
    call = Call.objects.select_related("report").get()
    assert call.report is not None
    assert call.report.commune_id == world.commune_a.pk

    worker = browser.new_context().new_page()
    sign_in(worker, base, "worker")
    worker.goto(f"{base}/reports/")
    rows = worker.locator("#report-rows tbody tr")
    assert rows.count() == 1
    assert "Đường dây nóng của tỉnh" in rows.first.inner_text()
    worker.click("#report-rows tbody tr a")
    worker.wait_for_url(f"{base}/reports/{call.report.uid}/")
    assert "Võ Gia Bảo" in worker.content()
    worker.screenshot(path=str(ARTIFACTS / "hotline-forwarded-inbox.png"), full_page=True)
    connections.close_all()
