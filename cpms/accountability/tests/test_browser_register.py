"""Record an entry from a case (worker), confirm it (chairman), see it in the register, in
real Chromium."""

from __future__ import annotations

import pytest
from django.db import connections

from cpms.accountability.models import LegalReference
from cpms.cases.tests.factories import make_case
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_a_worker_records_and_the_chairman_confirms(browser, live_server, transactional_db):
    world = build_world()
    case = make_case(world)
    reference = LegalReference.objects.get(code="decree_130_2021_art28")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    base = live_server.url
    sign_in(page, base, "worker")
    page.goto(f"{base}/accountability/new/?case={case.uid}")
    page.select_option("#id_kind", "concealment")
    page.fill("#id_description", "Chủ nhà trọ che giấu việc trẻ bị đánh")
    page.fill("#id_person_name", "Lê Văn Cường")
    page.check(f"input[name=legal_references][value='{reference.pk}']")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/accountability/*/")
    assert "Đề xuất, chờ xem xét" in page.inner_text("[data-testid=entry-status]")
    detail = page.url
    sign_in(page, base, "leader")
    page.goto(detail)
    page.click("main a:has-text('Xác nhận')")
    page.select_option("#id_action", "fine_proposal")
    page.fill("#id_action_note", "Tờ trình số 7/TTr-UBND")
    page.click("main button[type=submit]")
    page.wait_for_url(detail)
    assert "Đã xác nhận" in page.inner_text("[data-testid=entry-status]")
    assert "Đề nghị xử phạt" in page.inner_text("[data-testid=entry-action]")
    page.screenshot(path=str(ARTIFACTS / "accountability-entry.png"), full_page=True)
    page.click(".navbar-toggler")  # the phone-width menu is collapsed
    page.click("[data-testid=section-cases]")  # the drop-down that holds it
    page.click("[data-testid=nav-accountability]")
    page.wait_for_url(f"{base}/accountability/")
    assert "Lê Văn Cường" in page.inner_text("[data-testid=entry-rows]")
    page.screenshot(path=str(ARTIFACTS / "accountability-register.png"), full_page=True)
    connections.close_all()
