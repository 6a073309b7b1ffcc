"""Mẫu 01–07 built from a walked case, rendered to DOCX and PDF and read back."""

from __future__ import annotations

import datetime as dt

import pytest

from cpms.cases.official_forms.common import FormOptions, issuer_for, split_decision_number
from cpms.cases.official_forms.records import case_records
from cpms.cases.official_forms.registry import CASE_FORMS, REPORT_FORM, case_forms_available
from cpms.cases.official_forms.report_form import report_records
from cpms.cases.tests.factories import initial_data, make_case, step
from cpms.cases.tests.official_forms_helpers import docx_text, pdf_text, walked_case
from cpms.documents import render_docx, render_pdf
from cpms.intake.tests.factories import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    case = walked_case(world)
    return case_records(
        type(case).objects.select_related("child__commune", "commune").get(pk=case.pk)
    )


def build(records, code, **options):
    spec = CASE_FORMS[code]
    values = {**spec.initial(records), **options}
    recipients = tuple(line for line in values.pop("recipients", "").splitlines() if line)
    return spec.build(records, FormOptions(recipients=recipients, **values))


def test_the_issuer_is_the_communes_committee_under_its_province(world):
    issuer = issuer_for(world.commune_a)
    assert issuer.body.lines == ("ỦY BAN NHÂN DÂN", "PHƯỜNG AN HÒA")
    assert issuer.body.parent == ("TỈNH THỬ NGHIỆM",)
    assert issuer.place == "An Hòa"  # Decree 30: the commune's name without its level


def test_decision_numbers_split_into_number_and_symbol():
    assert split_decision_number("05/QĐ-UBND", "X") == (5, "QĐ-UBND")
    assert split_decision_number("12", "QĐ-UBND") == (12, "QĐ-UBND")
    assert split_decision_number("số 5 ngày 3", "QĐ-UBND") == (None, "QĐ-UBND")


def test_mau_02_prints_the_child_the_ratings_and_the_worker(records):
    text = docx_text(render_docx(build(records, "02", number=3, issued_on=dt.date(2026, 3, 5))))
    assert "Mẫu số 02" in text
    assert "ĐÁNH GIÁ NGUY CƠ BAN ĐẦU, MỨC ĐỘ TỔN HẠI CỦA TRẺ EM" in text
    assert "Nguyễn Thị Lan" in text and "14/03/2015" in text
    assert "Số: 03/BC-UBND" in text
    assert "An Hòa, ngày 05 tháng 3 năm 2026" in text
    assert "ỦY BAN NHÂN DÂN" in text and "PHƯỜNG AN HÒA" in text and "TỈNH THỬ NGHIỆM" in text
    # RATINGS: harm severity high, abuser access high, care obstacles medium.
    assert "☒ Cao ☐ Trung bình ☐ Thấp" in text
    assert "☐ Cao ☒ Trung bình ☐ Thấp" in text
    assert "Cao: 2 Trung bình: 1 Thấp: 0" in text
    assert "Mức độ nguy cơ chung: ☒ Cao ☐ Trung bình ☐ Thấp" in text
    assert "Cần áp dụng biện pháp can thiệp khẩn cấp: ☒ Có ☐ Không" in text
    assert "NGƯỜI BÁO CÁO" in text and "Worker" in text


def test_mau_03_prints_the_needs_and_the_meeting(records):
    text = docx_text(render_docx(build(records, "03")))
    assert "Hỗ trợ tâm lý, chăm sóc y tế" in text
    assert "Ngày họp: 06/03/2026" in text
    assert "Cấp độ bảo vệ: ☐ Phòng ngừa ☐ Hỗ trợ ☒ Can thiệp" in text


def test_mau_04_prints_the_plan_and_its_period(records):
    text = docx_text(render_docx(build(records, "04")))
    assert "KẾ HOẠCH" in text
    assert "Từ ngày 06/03/2026 đến ngày 30/04/2026." in text
    assert "Tư vấn tâm lý – Trạm y tế – hằng tuần" in text
    assert "NGƯỜI LẬP KẾ HOẠCH" in text


def test_mau_05_prints_the_approval_decision_number_and_the_chairman(records):
    doc = build(records, "05")
    text = docx_text(render_docx(doc))
    assert "Số: 05/QĐ-UBND" in text
    assert "An Hòa, ngày 09 tháng 3 năm 2026" in text
    assert "QUYẾT ĐỊNH" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA" in text
    assert "Phê duyệt kế hoạch hỗ trợ, can thiệp (lần 1) đối với trẻ em Nguyễn Thị Lan" in text
    assert "cư trú tại phường An Hòa" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "Leader" in text
    assert "- Như Điều 3;" in text and "- Lưu: VT." in text
    pdf = pdf_text(render_pdf(doc))
    assert "Số: 05/QĐ-UBND" in pdf and "Nguyễn Thị Lan" in pdf and "Leader" in pdf


def test_mau_05_signed_by_a_vice_chairman(records):
    text = docx_text(
        render_docx(build(records, "05", signature="kt", signer_name="Phó Chủ Tịch A"))
    )
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Phó Chủ Tịch A" in text
    assert "TM. ỦY BAN NHÂN DÂN" not in text


def test_mau_06_is_a_bare_form_with_the_review_ratings(records):
    doc = build(records, "06")
    assert doc.issuer is None and not doc.national_title and not doc.symbol
    text = docx_text(render_docx(doc))
    assert "RÀ SOÁT, ĐÁNH GIÁ TÌNH TRẠNG CỦA TRẺ EM SAU KHI THỰC HIỆN KẾ HOẠCH" in text
    assert "Ngày, tháng, năm thực hiện: 02/05/2026" in text
    assert "Lê Văn Cán Bộ" in text
    assert "☐ Cao ☐ Trung bình ☒ Thấp" in text
    assert "Cao: 0 Trung bình: 1 Thấp: 2" in text
    assert "Đề xuất: ☒ Kết thúc kế hoạch ☐ Xây dựng kế hoạch mới" in text
    pdf = pdf_text(render_pdf(doc))
    assert "Nguyễn Thị Lan" in pdf and "02/05/2026" in pdf


def test_mau_07_prints_the_place_the_period_and_the_decision(records):
    doc = build(records, "07")
    text = docx_text(render_docx(doc))
    assert "Số: 07/QĐ-UBND" in text
    assert "Về việc tạm thời cách ly trẻ em khỏi cha, mẹ, người chăm sóc trẻ em" in text
    assert "khỏi Nguyễn Văn Cha (cha đẻ)" in text
    assert "Nơi tạm trú an toàn: Nhà bà ngoại, tổ 2" in text
    assert "từ 09 giờ 30 ngày 05/03/2026 đến 09 giờ 30 ngày 15/03/2026" in text
    pdf = pdf_text(render_pdf(doc))
    assert "Nhà bà ngoại, tổ 2" in pdf and "05/03/2026" in pdf and "15/03/2026" in pdf


def test_a_draft_mau_07_is_offered_before_the_chairman_decides(world):
    case = make_case(world, emergency=True)
    step(world, case, "initial_assess", **initial_data(emergency=True))
    case.refresh_from_db()
    records = case_records(case)
    assert [s.code for s in case_forms_available(case.state, records.present)] == ["02", "07"]
    text = docx_text(render_docx(build(records, "07")))
    assert "Số: ……/QĐ-UBND" in text and "Nơi tạm trú an toàn: ……" in text


def test_mau_01_from_the_report_prints_the_child_and_the_source(world):
    report = make_report(world, place="Tổ 3, phường An Hòa")
    records = report_records(report, show_identity=False)
    doc = REPORT_FORM.build(records, FormOptions(**REPORT_FORM.initial(records)))
    text = docx_text(render_docx(doc))
    assert "Mẫu số 01" in text
    assert "TIẾP NHẬN THÔNG TIN TRẺ EM BỊ XÂM HẠI" in text
    assert "Thông qua: ☒ điện thoại ☐ gặp trực tiếp ☐ người khác báo" in text
    assert "Họ và tên trẻ em: Nguyễn Thị Lan" in text
    assert "Ngày tháng năm sinh: 14/03/2015" in text
    assert "Giới tính: ☐ Nam ☒ Nữ ☐ Không biết" in text
    assert "Cán bộ tiếp nhận thông tin" in text and "Hotline" in text
    assert "0905123456" not in text  # the identity is printed only for who may see it
    shown = report_records(report, show_identity=True)
    text = docx_text(render_docx(REPORT_FORM.build(shown, FormOptions())))
    assert "Số điện thoại: 0905123456" in text
