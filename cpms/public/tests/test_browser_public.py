"""A visitor on a phone: the public page → "Báo tin" → the form → the code → its status,
in real Chromium with JavaScript off (the site must work without it)."""

from __future__ import annotations

import pytest

from cpms.intake.models import Report
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_a_visitor_reports_on_a_phone_and_checks_the_status(browser, live_server, transactional_db):
    world = build_world()
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    base = live_server.url

    page.goto(f"{base}/public/")
    assert page.get_attribute("[data-testid=call-111]", "href") == "tel:111"
    # Nothing overflows sideways on a narrow screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=ARTIFACTS / "public-index-phone.png", full_page=True)
    page.click("[data-testid=report-button]")
    page.wait_for_url(f"{base}/public/report/")
    assert page.is_visible("[data-testid=danger-alert]")
    honeypot = page.locator("#id_website").bounding_box()
    assert honeypot is not None and honeypot["x"] + honeypot["width"] <= 0  # off screen

    page.select_option("#id_commune", str(world.commune_a.pk))
    page.fill("#id_description", "Bé trai nhà bên cạnh bị bỏ đói, hay bị nhốt ngoài trời.")
    page.check("#id_immediate_danger")
    page.select_option("#id_child_age", "5")
    page.select_option("#id_child_sex", "male")
    page.screenshot(path=ARTIFACTS / "public-report-phone.png", full_page=True)
    page.click("[data-testid=submit-report]")
    code = page.inner_text("[data-testid=follow-up-code]").strip()
    assert len(code.replace("-", "")) == 10
    assert page.is_visible("[data-testid=danger-alert]")  # in danger: call now, again

    report = Report.objects.get()
    assert report.commune_id == world.commune_a.pk and report.immediate_danger

    page.click("text=Tra cứu bằng mã theo dõi")
    page.fill("#id_code", code)
    page.click("[data-testid=check-status]")
    assert page.inner_text("[data-testid=status-result]").startswith("Đã tiếp nhận")
    page.fill("#id_code", "ABCD-EFGH-JK")
    page.click("[data-testid=check-status]")
    assert page.inner_text("[data-testid=status-result]").startswith("Không tìm thấy")
    context.close()
