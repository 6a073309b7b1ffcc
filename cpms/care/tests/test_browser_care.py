"""Propose a placement (worker) and record the decision (chairman), in real Chromium."""

from __future__ import annotations

import pytest
from django.db import connections
from django.utils import timezone

from cpms.care.tests.factories import make_provider
from cpms.children.tests.factories import make_child
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_a_worker_proposes_and_the_chairman_decides(browser, live_server, transactional_db):
    world = build_world()
    provider = make_provider(world)
    child = make_child(world, full_name="Đinh Văn Bảo")
    today = f"{timezone.localdate():%d/%m/%Y}"
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    base = live_server.url
    sign_in(page, base, "worker")
    page.goto(f"{base}/care/new/{child.uid}/")
    page.select_option("#id_kind", "foster")
    page.select_option("#id_provider", str(provider.pk))
    page.fill("#id_reason", "Trẻ không có người chăm sóc")
    page.check("#id_guardian_consent")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/care/*/")
    assert "Đề xuất, chờ quyết định" in page.inner_text("[data-testid=placement-status]")
    detail = page.url
    sign_in(page, base, "leader")
    page.goto(detail)
    page.click("text=Ghi quyết định giao, nhận trẻ")
    page.fill("#id_decision_number", "15/QĐ-UBND")
    page.fill("#id_decision_date", today)
    page.fill("#id_decision_issuer", "Chủ tịch UBND phường An Hòa")
    page.fill("#id_start_on", today)
    page.click("main button[type=submit]")
    page.wait_for_url(detail)
    assert "Đang chăm sóc thay thế" in page.inner_text("[data-testid=placement-status]")
    assert "Trong hạn" in page.inner_text("[data-testid=review-due]")
    page.screenshot(path=str(ARTIFACTS / "care-placement-active.png"), full_page=True)
    page.goto(f"{base}/care/caregivers/")
    assert "1 / 2" in page.inner_text("[data-testid=provider-rows]")
    page.screenshot(path=str(ARTIFACTS / "care-caregivers.png"), full_page=True)
    connections.close_all()
