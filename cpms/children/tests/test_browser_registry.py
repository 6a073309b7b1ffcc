"""Register → duplicate warning → merge, in real Chromium (see cpms/home/tests/test_browser.py)."""

from __future__ import annotations

import pytest
from django.db import connections

from cpms.children.models import Child
from cpms.children.tests.factories import make_child
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_it_warns_of_a_duplicate_and_merges_after_comparison(
    browser, live_server, transactional_db
):
    world = build_world()
    existing = make_child(world, full_name="Nguyễn Thị Lan")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    base = live_server.url
    sign_in(page, base, "worker")
    page.goto(f"{base}/children/new/")
    page.fill("#id_full_name", "nguyen thi lan")
    page.fill("#id_birth_date", "14/03/2015")
    page.select_option("#id_sex", "female")
    page.select_option("#id_commune", str(world.commune_a.pk))
    page.select_option("#id_village", str(world.village_a1.pk))
    page.click("main button[type=submit]")
    warning = page.locator("[data-testid=duplicates]")
    assert "Nguyễn Thị Lan" in warning.inner_text()
    page.screenshot(path=str(ARTIFACTS / "register-duplicate-warning.png"), full_page=True)
    page.check("#confirm_new")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/children/*/")
    new_uid = page.url.rstrip("/").split("/")[-1]
    page.goto(f"{base}/children/{existing.uid}/merge/{new_uid}/")
    assert "So sánh hai hồ sơ" in page.content()
    page.fill("#id_reason", "Nhập trùng")
    page.check("#id_confirm")
    page.click("button.btn-danger")
    page.wait_for_url(f"{base}/children/{existing.uid}/")
    page.screenshot(path=str(ARTIFACTS / "after-merge.png"), full_page=True)
    merged = Child.objects.get(uid=new_uid)
    assert merged.merged_into_id == existing.pk
    connections.close_all()
