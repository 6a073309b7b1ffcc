"""The whole Decree 56 procedure in real Chromium, worker and chairman taking turns, then the
chairman downloads Mẫu 05 (DOCX) and Mẫu 07 (PDF) and the files are read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone

from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.models import Case
from cpms.cases.tests.official_forms_helpers import docx_text, pdf_text
from cpms.children.tests.factories import make_child
from cpms.intake.tests.factories import make_report
from cpms.testing import build_world
from cpms.testing_browser import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def do_step(page, base, case, label, fill=None):
    page.goto(f"{base}/cases/{case.uid}/")
    page.click(f"[data-testid=case-steps] >> text={label}")
    for selector, value in (fill or {}).items():
        if selector.startswith("select:"):
            page.select_option(selector[7:], value)
        else:
            page.fill(selector, value)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/cases/{case.uid}/")


def download(page, base, case, code, fmt, fill):
    page.goto(f"{base}/cases/{case.uid}/")
    page.click(f"[data-testid=official-forms] a[href='/cases/{case.uid}/forms/{code}/']")
    for selector, value in fill.items():
        page.fill(selector, value)
    page.select_option("#id_file_format", fmt)
    page.screenshot(path=str(ARTIFACTS / f"case-form-{code}.png"), full_page=True)
    with page.expect_download() as info:
        page.click("[data-testid=official-form] button[type=submit]")
    got = info.value
    return got.suggested_filename, Path(got.path()).read_bytes()


def test_worker_and_chairman_walk_the_procedure_and_print_the_decisions(
    browser, live_server, transactional_db
):
    world = build_world()
    child = make_child(world)
    report = make_report(world, immediate_danger=True)  # logged by the hotline operator
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    base = live_server.url
    now = timezone.localtime()
    today = now.date()

    sign_in(page, base, "worker")
    page.goto(f"{base}/reports/{report.uid}/")
    assert "Mẫu 01" in page.inner_text("[data-testid=official-forms]")
    page.click("text=Tìm hoặc thêm vào sổ theo dõi")
    page.click("[data-testid=duplicates] button")
    page.wait_for_url(f"{base}/reports/{report.uid}/")
    page.click(f"a[href='/cases/triage/{report.uid}/']")
    page.select_option("select[name^=outcome_]", "case_opened")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/reports/{report.uid}/")
    case = Case.objects.get(child=child)
    do_step(
        page,
        base,
        case,
        "Đánh giá nguy cơ ban đầu (Mẫu 02)",
        {
            "select:#id_overall_risk": "high",
            "select:#id_risk_harm_severity": "high",
            "#id_conclusion": "Cần cách ly trẻ khỏi người cha",
        },
    )

    sign_in(page, base, "leader")
    do_step(
        page,
        base,
        case,
        "Quyết định tạm thời cách ly (Mẫu 07)",
        {
            "#id_decision_number": "07/QĐ-UBND",
            "#id_decided_at": f"{now:%d/%m/%Y %H:%M}",
            "#id_separated_from": "Nguyễn Văn Cha (cha)",
            "#id_reason": "Cha là người gây tổn hại",
            "#id_place": "Nhà bà ngoại, tổ 2",
            "#id_starts_at": f"{now:%d/%m/%Y %H:%M}",
            "#id_ends_at": f"{now + dt.timedelta(days=7):%d/%m/%Y %H:%M}",
        },
    )
    assert "Đang tạm thời cách ly" in page.inner_text("[data-testid=case-state]")

    sign_in(page, base, "worker")
    do_step(
        page,
        base,
        case,
        "Đánh giá nguy cơ cụ thể",
        {
            "#id_assessed_on": f"{today:%d/%m/%Y}",
            "select:#id_overall_risk": "medium",
            "select:#id_protection_level": "intervention",
            "#id_needs": "Hỗ trợ tâm lý",
            "#id_meeting_date": f"{today:%d/%m/%Y}",
            "#id_meeting_chair": "Chủ tịch UBND phường",
        },
    )
    do_step(
        page,
        base,
        case,
        "Xây dựng kế hoạch hỗ trợ, can thiệp (Mẫu 04)",
        {
            "#id_objectives": "Bảo đảm an toàn cho trẻ",
            "#id_measures": "Tư vấn tâm lý hằng tuần",
            "#id_starts_on": f"{today:%d/%m/%Y}",
            "#id_ends_on": f"{today + dt.timedelta(days=30):%d/%m/%Y}",
        },
    )

    sign_in(page, base, "leader")
    do_step(
        page,
        base,
        case,
        "Phê duyệt kế hoạch (Mẫu 05)",
        {"#id_decision_number": "05/QĐ-UBND", "#id_decision_date": f"{today:%d/%m/%Y}"},
    )

    sign_in(page, base, "worker")
    do_step(page, base, case, "Bắt đầu thực hiện kế hoạch")
    do_step(
        page,
        base,
        case,
        "Rà soát, đánh giá sau kế hoạch (Mẫu 06)",
        {"#id_reviewed_on": f"{today:%d/%m/%Y}", "select:#id_proposal": "close"},
    )

    sign_in(page, base, "leader")
    page.goto(f"{base}/cases/{case.uid}/")
    page.click("text=Chấm dứt cách ly")
    page.fill("#id_reason", "Gia đình đã bảo đảm an toàn cho trẻ")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/cases/{case.uid}/")
    do_step(page, base, case, "Kết thúc trường hợp", {"#id_reason": "Trẻ đã an toàn"})
    assert "Đã kết thúc" in page.inner_text("[data-testid=case-state]")
    page.screenshot(path=str(ARTIFACTS / "case-closed-forms.png"), full_page=True)

    name, data = download(page, base, case, "05", "docx", {"#id_recipients": "Như Điều 3"})
    assert name == "Mẫu 05 - Nguyễn Thị Lan.docx"
    text = docx_text(data)
    assert "Số: 05/QĐ-UBND" in text and "Nguyễn Thị Lan" in text
    assert f"ngày {today:%d} tháng" in text and "TM. ỦY BAN NHÂN DÂN" in text
    name, data = download(page, base, case, "07", "pdf", {})
    assert name.endswith(".pdf")
    text = pdf_text(data)
    assert "Số: 07/QĐ-UBND" in text and "Nhà bà ngoại, tổ 2" in text
    assert f"{now:%d/%m/%Y}" in text and f"{now + dt.timedelta(days=7):%d/%m/%Y}" in text
    exports = AuditLog.objects.filter(event_type=AuditEvent.EXPORT, subject_id=str(case.uid))
    assert sorted(row.extra_data["form"] for row in exports) == ["05", "07"]
    context.close()
    connections.close_all()
