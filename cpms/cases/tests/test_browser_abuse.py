"""The worker records abuse details, a perpetrator, a police milestone and an attachment in
real Chromium; the area officer sees that a perpetrator exists but not who."""

from __future__ import annotations

import pytest
from django.db import connections
from django.utils import timezone

from cpms.attachments.models import Attachment
from cpms.cases.tests.abuse_factories import PDF
from cpms.cases.tests.factories import make_case
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_worker_records_abuse_details_and_the_officer_sees_no_names(
    browser, live_server, transactional_db, tmp_path
):
    world = build_world()
    case = make_case(world)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    base = live_server.url
    url = f"{base}/cases/{case.uid}/"

    sign_in(page, base, "worker")
    page.goto(f"{url}abuse/")
    page.check("input[name=concern_types] >> nth=0")
    page.select_option("#id_setting", "family")
    page.click("main button[type=submit]")
    page.wait_for_url(url)
    assert "Gia đình" in page.inner_text("[data-testid=case-abuse]")

    page.goto(f"{url}perpetrators/new/")
    page.fill("#id_full_name", "Trần Văn Dượng")
    page.select_option("#id_relationship", "step_parent")
    page.select_option("#id_lives_with_child", "true")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{url}perpetrators/")
    assert "Trần Văn Dượng" in page.inner_text("[data-testid=perpetrators]")

    page.goto(url)
    page.click("[data-testid=case-justice] >> text=Thêm mốc")
    page.fill("#id_occurred_on", f"{timezone.localdate():%d/%m/%Y}")
    page.fill("#id_unit", "Công an phường A")
    page.click("main button[type=submit]")
    page.wait_for_url(url)
    assert "Công an phường A" in page.inner_text("[data-testid=case-justice]")

    pdf = tmp_path / "bien-ban.pdf"
    pdf.write_bytes(PDF)
    page.set_input_files("#id_file", str(pdf))
    page.click("text=Tải lên")
    page.wait_for_url(url)
    assert "bien-ban.pdf" in page.inner_text("[data-testid=attachments]")
    assert Attachment.objects.count() == 1
    page.screenshot(path=str(ARTIFACTS / "case-abuse-details.png"), full_page=True)

    sign_in(page, base, "officer")
    page.goto(url)
    summary = page.inner_text("[data-testid=perpetrator-summary]")
    assert "Người bị cho là gây hại: 1" in summary and "Dượng" not in page.content()
    connections.close_all()
