"""The generated DOCX, XLSX and PDF, opened and checked: layout, header, tables, recipients,
signature block, page numbers, sheets and numbers, formula escaping, progress and audit."""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Mm, Pt
from openpyxl import load_workbook
from pypdf import PdfReader

from cpms.audit.models import AuditEvent, AuditLog
from cpms.documents.layout import MOTTO, NATIONAL_TITLE
from cpms.reports.generation import export_generate, export_request
from cpms.reports.models import ExportStatus, PeriodicReport, ReportExport
from cpms.reports.services import report_update

from .factories import advance, make_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
pytestmark = pytest.mark.usefixtures("fake_tables")


@pytest.fixture
def report(world, fake_tables):
    fake_tables[world.commune_a.pk] = ((2, 7), (6, 8))
    report = make_report(world)
    report = report_update(
        actor=world.personas["worker"],
        report=report,
        expected_version=report.version,
        values={
            "general_situation": "Dân số trẻ em ổn định.\nKhông có biến động lớn.",
            "results": "Đã tổ chức 3 lớp tập huấn.",
            "difficulties": "=Thiếu cán bộ chuyên trách",
            "recommendations": "Bổ sung kinh phí.",
            "doc_number": 15,
            "signer_name": "Phạm Văn Minh",
            "recipients": "Ủy ban nhân dân tỉnh Thử Nghiệm\nSở Y tế tỉnh Thử Nghiệm",
        },
    )
    return advance(world, report, ("worker", "submit"))


def generate(world, report, file_format, persona="worker"):
    export = export_request(actor=world.personas[persona], report=report, file_format=file_format)
    export_generate(export_id=export.pk)
    export = ReportExport.objects.get(pk=export.pk)
    assert export.status == ExportStatus.DONE
    assert export.progress_percent == 100
    with export.file.open("rb") as handle:
        return export, handle.read()


def texts(paragraphs):
    return [p.text for p in paragraphs if p.text]


def test_it_writes_the_docx_in_the_decree_30_layout(world, report):
    _export, data = generate(world, report, "docx")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    for actual, expected in [
        (section.top_margin, Mm(20)),
        (section.bottom_margin, Mm(20)),
        (section.left_margin, Mm(30)),
        (section.right_margin, Mm(15)),
    ]:
        assert actual is not None
        assert abs(actual - expected) < Mm(0.1)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(14)
    # Page numbers: a PAGE field in the header, none on page 1.
    assert section.different_first_page_header_footer
    assert section.first_page_header._element.findall(f".//{W}instrText") == []
    assert [e.text.strip() for e in section.header._element.iter(f"{W}instrText")] == ["PAGE"]
    masthead = document.tables[0]
    assert texts(masthead.cell(0, 0).paragraphs) == [
        "TỈNH THỬ NGHIỆM",
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG AN HÒA",
    ]
    assert texts(masthead.cell(0, 1).paragraphs) == [NATIONAL_TITLE, MOTTO]
    assert masthead.cell(1, 0).text == "Số: 15/BC-UBND"
    assert masthead.cell(1, 1).text.startswith("An Hòa, ngày ")
    lines = texts(document.paragraphs)
    assert lines[:2] == [
        "BÁO CÁO",
        "Kết quả thực hiện công tác bảo vệ, chăm sóc trẻ em 6 tháng đầu năm 2026",
    ]
    for heading in ("I. Tình hình chung", "IV. Kiến nghị, đề xuất", "V. Số liệu thống kê"):
        assert heading in lines
    assert "Không có biến động lớn." in lines
    figures = document.tables[1]
    assert [[c.text for c in row.cells] for row in figures.rows] == [
        ["Nhóm tuổi", "Nam", "Nữ", "Tổng số"],
        ["Dưới 6 tuổi", "–", "7", "9"],
        ["Từ 6 đến dưới 16 tuổi", "6", "8", "14"],
        ["Tổng số", "8", "15", "23"],
    ]
    assert "Ô có giá trị dưới 5 được ẩn." in lines  # the protection note under the table
    assert lines[-1].startswith("Trên đây là báo cáo") and lines[-1].endswith("phường An Hòa./.")
    closing = document.tables[-1]
    assert texts(closing.cell(0, 0).paragraphs) == [
        "Nơi nhận:",
        "- Ủy ban nhân dân tỉnh Thử Nghiệm;",
        "- Sở Y tế tỉnh Thử Nghiệm;",
        "- Lưu: VT.",
    ]
    assert texts(closing.cell(0, 1).paragraphs) == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Phạm Văn Minh",
    ]


def test_it_writes_one_sheet_per_table_with_the_protected_numbers(world, report):
    _export, data = generate(world, report, "xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Thông tin chung", "1. 0101"]
    sheet = book["1. 0101"]
    rows = [tuple(c for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    assert ("Nhóm tuổi", "Nam", "Nữ", "Tổng số") in rows
    assert ("Dưới 6 tuổi", "–", 7, 9) in rows
    assert ("Từ 6 đến dưới 16 tuổi", 6, 8, 14) in rows
    assert ("Tổng số", 8, 15, 23) in rows
    cover = {
        row[0]: row[1] for row in book["Thông tin chung"].iter_rows(values_only=True) if row[0]
    }
    assert cover["Đơn vị báo cáo"] == "Phường An Hòa"
    assert cover["Kỳ báo cáo"] == "6 tháng đầu năm 2026"


def test_it_escapes_formula_like_text_in_the_workbook(world, fake_tables):
    fake_tables[world.commune_a.pk] = ((6, 6), (6, 6))
    report = make_report(world)
    report.figures_protected[0]["rows"][0] = '=HYPERLINK("http://x")'
    PeriodicReport.objects.filter(pk=report.pk).update(figures_protected=report.figures_protected)
    _export, data = generate(world, PeriodicReport.objects.get(pk=report.pk), "xlsx")
    book = load_workbook(io.BytesIO(data))
    cells = [c for row in book.worksheets[1].iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert '\'=HYPERLINK("http://x")' in {c.value for c in cells}


def test_it_writes_the_pdf(world, report):
    _export, data = generate(world, report, "pdf")
    assert data.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert NATIONAL_TITLE in text
    assert "Kết quả thực hiện công tác bảo vệ, chăm sóc trẻ em" in text
    assert "Phạm Văn Minh" in text


def test_it_audits_the_export_request(world, report):
    export = export_request(actor=world.personas["worker"], report=report, file_format="pdf")
    row = AuditLog.objects.get(event_type=AuditEvent.EXPORT, subject_id=str(report.uid))
    assert row.extra_data["export"] == str(export.uid)
    assert row.extra_data["format"] == "pdf"
    assert export.status == ExportStatus.RUNNING
    assert not export.file
