"""Generating Mẫu 01–07 from the case and report pages: access, download, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cpms.accounts.services import access_grant_give
from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.tests.factories import make_case
from cpms.cases.tests.official_forms_helpers import docx_text, pdf_text, walked_case
from cpms.intake.tests.factories import make_report

pytestmark = pytest.mark.django_db


def form_url(case, code):
    return reverse("cases:form", kwargs={"uid": case.uid, "code": code})


def test_the_case_page_lists_the_forms_of_the_recorded_steps(world, client_for):
    case = walked_case(world)
    page = client_for("worker").get(reverse("cases:detail", kwargs={"uid": case.uid}))
    html = page.content.decode()
    assert 'data-testid="official-forms"' in html
    for code in ("02", "03", "04", "05", "06", "07"):
        assert form_url(case, code) in html


def test_a_new_case_offers_no_form_and_refuses_one_not_yet_recorded(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    page = client.get(reverse("cases:detail", kwargs={"uid": case.uid}))
    assert 'data-testid="official-forms"' not in page.content.decode()
    assert client.get(form_url(case, "05")).status_code == 404
    assert client.get(form_url(case, "99")).status_code == 404


def test_the_chairman_downloads_mau_05_as_docx_and_the_export_is_audited(world, client_for):
    case = walked_case(world)
    client = client_for("leader")
    shown = client.get(form_url(case, "05"))
    assert shown.status_code == 200
    assert 'value="5"' in shown.content.decode()  # the number from the approval decision
    response = client.post(
        form_url(case, "05"),
        {
            "number": "5",
            "symbol": "QĐ-UBND",
            "issued_on": "09/03/2026",
            "recipients": "Như Điều 3\nCông an phường An Hòa",
            "archive": "VT, VHXH",
            "signer_name": "Nguyễn Văn Chủ Tịch",
            "signature": "kt",
            "file_format": "docx",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="mau-05-nguyen-thi-lan.docx"')
    assert "filename*=utf-8''M%E1%BA%ABu%2005" in disposition
    text = docx_text(response.content)
    assert "Số: 05/QĐ-UBND" in text and "ngày 09 tháng 3 năm 2026" in text
    assert "- Công an phường An Hòa;" in text and "- Lưu: VT, VHXH." in text
    assert "KT. CHỦ TỊCH" in text and "Nguyễn Văn Chủ Tịch" in text
    row = AuditLog.objects.get(event_type=AuditEvent.EXPORT, subject_id=str(case.uid))
    assert row.extra_data == {"form": "05", "format": "docx"}
    assert row.actor == world.personas["leader"]


def test_the_worker_downloads_mau_07_as_pdf(world, client_for):
    case = walked_case(world)
    response = client_for("worker").post(
        form_url(case, "07"),
        {
            "number": "7",
            "symbol": "QĐ-UBND",
            "archive": "VT",
            "signature": "tm",
            "file_format": "pdf",
        },
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Nhà bà ngoại, tổ 2" in text and "15/03/2026" in text
    assert AuditLog.objects.filter(event_type=AuditEvent.EXPORT, extra_data__form="07").count() == 1


def test_a_bad_symbol_is_refused_and_nothing_is_exported(world, client_for):
    case = walked_case(world)
    response = client_for("worker").post(
        form_url(case, "02"), {"symbol": "QĐ/UBND", "file_format": "docx"}
    )
    assert response.status_code == 200
    assert "Ký hiệu gồm chữ" in response.content.decode()
    assert not AuditLog.objects.filter(event_type=AuditEvent.EXPORT).exists()


def test_a_worker_of_another_commune_gets_404_and_the_refusal_is_audited(world, client_for):
    case = walked_case(world)
    response = client_for("outsider").post(form_url(case, "05"), {"file_format": "docx"})
    assert response.status_code == 404
    assert AuditLog.objects.filter(
        event_type=AuditEvent.OUT_OF_SCOPE, subject_id=str(case.uid)
    ).exists()
    assert not AuditLog.objects.filter(event_type=AuditEvent.EXPORT).exists()


def test_police_reaching_the_case_by_referral_may_not_export(world, client_for):
    case = walked_case(world)
    access_grant_give(
        actor=world.personas["leader"],
        agency=world.police_a,
        subject_type="cases.case",
        subject_id=case.uid,
        admin_unit=world.commune_a,
        until=timezone.now() + dt.timedelta(days=10),
        reason="Chuyển công an",
    )
    client = client_for("police")
    assert client.get(reverse("cases:detail", kwargs={"uid": case.uid})).status_code == 200
    response = client.post(form_url(case, "05"), {"file_format": "docx"})
    assert response.status_code == 403
    assert AuditLog.objects.filter(
        event_type=AuditEvent.DENIED, extra_data__need="export.create"
    ).exists()
    assert not AuditLog.objects.filter(event_type=AuditEvent.EXPORT).exists()


def test_mau_01_from_the_report_page_prints_the_identity_for_the_worker(world, client_for):
    report = make_report(world)
    url = reverse("cases:report-form", kwargs={"uid": report.uid})
    client = client_for("worker")
    page = client.get(reverse("intake:detail", kwargs={"uid": report.uid}))
    assert url in page.content.decode()
    response = client.post(url, {"archive": "VT", "file_format": "docx"})
    text = docx_text(response.content)
    assert "Họ và tên trẻ em: Nguyễn Thị Lan" in text and "0905123456" in text
    row = AuditLog.objects.get(event_type=AuditEvent.EXPORT, subject_id=str(report.uid))
    assert row.extra_data == {"form": "01", "format": "docx", "reveal": "reporter_identity"}


def test_the_hotline_operator_sees_the_report_but_may_not_export_mau_01(world, client_for):
    report = make_report(world)
    url = reverse("cases:report-form", kwargs={"uid": report.uid})
    client = client_for("hotline")
    page = client.get(reverse("intake:detail", kwargs={"uid": report.uid}))
    assert page.status_code == 200 and url not in page.content.decode()
    assert client.post(url, {"file_format": "pdf"}).status_code == 403


def test_the_generation_pages_run_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    case = walked_case(world)
    report = make_report(world)
    client = client_for("leader")
    with django_assert_max_num_queries(15):
        assert client.get(form_url(case, "05")).status_code == 200
    with django_assert_max_num_queries(11):
        url = reverse("cases:report-form", kwargs={"uid": report.uid})
        assert client.get(url).status_code == 200
