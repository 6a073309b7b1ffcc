"""Importing a child-monitoring book with errors, in real Chromium."""

from __future__ import annotations

import pytest
from django.db import connections

from cpms.children.models import Child, SpreadsheetJob
from cpms.children.tasks import run_import, validate_import
from cpms.children.tests.test_spreadsheets_support import make_book, row
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_it_reports_row_errors_in_vietnamese_and_imports_only_good_rows(
    browser, live_server, transactional_db, tmp_path
):
    build_world()
    book = tmp_path / "so-theo-doi.xlsx"
    book.write_bytes(
        make_book(
            [
                row(full_name="Trần Văn An", birth_date="02/05/2016"),
                row(full_name="Lê Thị Bình", birth_date="31/02/2015", sex="Nữ"),
                row(full_name="", birth_date="01/01/2017"),
            ]
        )
    )
    base = live_server.url
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    sign_in(page, base, "worker")
    page.goto(f"{base}/children/sheets/imports/")
    page.set_input_files("input[type=file]", str(book))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/children/sheets/imports/*/")
    # The worker process is not running in tests: run the background validation here.
    job = SpreadsheetJob.objects.get()
    validate_import(job_id=job.pk)
    page.reload()
    text = page.locator("main").inner_text()
    assert "không có thật" in text  # 31/02/2015
    assert "Thiếu họ và tên trẻ." in text
    page.screenshot(path=str(ARTIFACTS / "import-errors.png"), full_page=True)
    page.locator("main form button[type=submit]").first.click()
    run_import(job_id=job.pk)
    page.reload()
    assert list(Child.objects.values_list("full_name", flat=True)) == ["Trần Văn An"]
    connections.close_all()
