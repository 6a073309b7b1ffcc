"""A worker records a case conference (its decision becomes a task), then transfers the case
to the commune the child moved to; the new commune's worker takes it over, in real Chromium."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connections
from django.utils import timezone

from cpms.cases.models import CaseTask
from cpms.cases.tests.factories import make_case
from cpms.testing import build_world
from cpms.testing_browser import sign_in
from cpms.transfers.models import CaseTransfer

pytestmark = pytest.mark.browser


def test_a_conference_then_a_transfer_to_the_new_commune(browser, live_server, transactional_db):
    world = build_world()
    case = make_case(world)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    base = live_server.url
    case_url = f"{base}/cases/{case.uid}/"

    sign_in(page, base, "worker")
    page.goto(case_url)
    page.click("[data-testid=case-conferences] >> text=Ghi nhận cuộc họp")
    page.fill("#id_chair_name", "Phó Chủ tịch UBND phường")
    page.fill("#id_minutes", "Thống nhất hỗ trợ tâm lý.\nGia đình cam kết.")
    page.select_option("#id_participants-0-agency", label="Công an phường An Hòa")
    page.fill("#id_participants-0-name", "Trần Văn Hùng")
    page.fill("#id_decisions-0-text", "Tư vấn tâm lý cho trẻ")
    page.select_option("#id_decisions-0-owner", label="Leader")
    due = timezone.localdate() + dt.timedelta(days=7)
    page.fill("#id_decisions-0-due_on", due.strftime("%d/%m/%Y"))
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=decisions]")
    assert "Tư vấn tâm lý cho trẻ" in page.inner_text("[data-testid=decisions]")
    task = CaseTask.objects.get(case=case, title="Tư vấn tâm lý cho trẻ")
    assert (task.owner, task.due_on) == (world.personas["leader"], due)

    page.goto(case_url)
    page.click("[data-testid=case-transfers] a")
    page.select_option("#id_to_commune", label="Xã Bình Đông — Tỉnh Thử Nghiệm")
    page.fill("#id_moved_on", timezone.localdate().strftime("%d/%m/%Y"))
    page.fill("#id_reason", "Gia đình chuyển về quê ngoại.\nĐã báo xã mới.")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=transfer-confirm]")
    assert not CaseTransfer.objects.exists()
    page.click("[data-testid=transfer-confirm-button]")
    page.wait_for_url(case_url)
    transfer = CaseTransfer.objects.get(case=case)
    assert transfer.reason == "Gia đình chuyển về quê ngoại.\nĐã báo xã mới."
    assert "Xã Bình Đông" in page.inner_text("[data-testid=case-transfers]")

    sign_in(page, base, "outsider")
    page.goto(f"{base}/cases/")
    page.click(f"a[href='/cases/{case.uid}/']")
    page.wait_for_url(case_url)
    assert "Xã Bình Đông" in page.inner_text("[data-testid=case-transfers]")
    page.close()
    connections.close_all()
