"""Worker → police referral → the police take and accept it and record a milestone → the
worker sees both on the case timeline, in real Chromium."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connections
from django.utils import timezone

from cpms.cases.tests.factories import make_case
from cpms.referrals.models import Referral
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_worker_refers_to_the_police_who_accept_and_record_a_milestone(
    browser, live_server, transactional_db
):
    world = build_world()
    case = make_case(world)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    base = live_server.url
    case_url = f"{base}/cases/{case.uid}/"

    sign_in(page, base, "worker")
    page.goto(case_url)
    page.click("[data-testid=case-referrals] a.btn")
    page.select_option("#id_agency", str(world.police_a.pk))
    page.select_option("#id_kind", "investigation")
    page.fill("#id_service", "Xác minh, điều tra hành vi bạo lực")
    page.fill("#id_due_on", f"{timezone.localdate() + dt.timedelta(days=5):%d/%m/%Y}")
    page.select_option("#id_sharing_basis", "state_duty")
    page.click("[data-testid=referral-send-form] button[type=submit]")
    page.wait_for_url(f"{base}/referrals/*/")
    assert "Đã chuyển gửi" in page.inner_text("[data-testid=referral-state]")
    referral = Referral.objects.get(case=case)

    sign_in(page, base, "police")
    page.goto(f"{base}/referrals/")
    page.click(f"a[href='/referrals/{referral.uid}/']")
    page.click("text=Tôi nhận việc này")
    page.wait_for_url(f"{base}/referrals/{referral.uid}/")
    assert page.inner_text("[data-testid=referral-assignee]").strip() != "—"
    page.click("[data-testid=referral-steps] summary:has-text('Tiếp nhận')")
    page.click("[data-testid=referral-steps] button:has-text('Tiếp nhận')")
    page.wait_for_url(f"{base}/referrals/{referral.uid}/")
    assert "Đã tiếp nhận" in page.inner_text("[data-testid=referral-state]")
    # The shared part of the case, with the police and court track.
    page.click("[data-testid=case-justice] >> text=Thêm mốc")
    page.fill("#id_occurred_on", f"{timezone.localdate():%d/%m/%Y}")
    page.fill("#id_unit", "Công an phường An Hòa")
    page.click("main button[type=submit]")
    page.wait_for_url(case_url)
    assert "Công an phường An Hòa" in page.inner_text("[data-testid=case-justice]")
    assert page.locator("[data-testid=case-timeline]").count() == 0  # not shared with police
    page.screenshot(path=str(ARTIFACTS / "referral-police-view.png"), full_page=True)

    sign_in(page, base, "worker")
    page.goto(case_url)
    timeline = page.inner_text("[data-testid=case-timeline]")
    assert "Tiếp nhận chuyển gửi" in timeline
    assert "Công an phường An Hòa" in timeline
    assert "Đã tiếp nhận" in page.inner_text("[data-testid=case-referrals]")
    page.screenshot(path=str(ARTIFACTS / "referral-worker-timeline.png"), full_page=True)
    connections.close_all()
