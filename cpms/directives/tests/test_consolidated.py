"""The consolidated report opens as a DOCX and names every clause and every agency's status;
its export is audited."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse

from cpms.audit.models import AuditEvent, AuditLog
from cpms.directives.periods import period_containing
from cpms.directives.services import assignment_add, report_save
from cpms.directives.tests.factories import earlier_start, make_assignment, make_clause

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_it_lists_every_clause_and_every_agencys_status(world, client_for):
    first = make_assignment(world)
    directive = first.clause.directive
    second = make_clause(directive, "1.3", ["special_circumstances"])
    assignment_add(actor=None, clause=first.clause, agency=world.pc_b)
    assignment_add(actor=None, clause=second, agency=world.pc_a)
    report_save(
        actor=world.personas["worker"],
        assignment=first,
        period_start=earlier_start(),
        narrative="Đã tổ chức 2 lớp tập huấn",
        submit=True,
        expected_version=0,
    )
    start, end = period_containing("semiannual", earlier_start())
    url = reverse("directives:consolidated", kwargs={"uid": directive.uid})
    response = client_for("officer").get(url, {"start": start.isoformat(), "end": end.isoformat()})
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "BÁO CÁO" in text
    assert "Kết quả thực hiện Công văn số …/UBND-VX" in text
    assert "Mục 1.2" in text and "Mục 1.3" in text
    assert "UBND phường An Hòa" in text and "UBND xã Bình Đông" in text
    assert "Đã báo cáo ngày" in text
    assert "Chưa báo cáo" in text
    assert "Đã tổ chức 2 lớp tập huấn" in text
    assert "Các cơ quan chưa báo cáo" in text
    assert AuditLog.objects.filter(
        event_type=AuditEvent.EXPORT, subject_id=str(directive.uid), actor=world.personas["officer"]
    ).exists()


def test_the_pdf_is_printed_from_the_same_document(world, client_for):
    directive = make_assignment(world).clause.directive
    url = reverse("directives:consolidated", kwargs={"uid": directive.uid})
    response = client_for("officer").get(
        url, {"start": "2026-01-01", "end": "2026-06-30", "format": "pdf"}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_report_carries_its_number_date_and_signer(world, client_for):
    directive = make_assignment(world).clause.directive
    url = reverse("directives:consolidated", kwargs={"uid": directive.uid})
    given = {
        "start": "2026-01-01",
        "end": "2026-06-30",
        "number": "7",
        "symbol": "BC-SYT",
        "issued_on": "2026-07-15",
        "signer_authority": "KT. Giám đốc",
        "signer_title": "Phó Giám đốc",
        "signer_name": "Nguyễn Thị Hạnh",
    }
    text = docx_text(client_for("officer").get(url, given).content)
    assert "Số: 07/BC-SYT" in text
    assert "ngày 15 tháng 7 năm 2026" in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Nguyễn Thị Hạnh" in text
    assert "THỦ TRƯỞNG CƠ QUAN" not in text
    row = AuditLog.objects.get(event_type=AuditEvent.EXPORT, subject_id=str(directive.uid))
    assert (row.extra_data["number"], row.extra_data["symbol"]) == (7, "BC-SYT")


def test_by_default_the_generating_user_signs_under_the_configured_symbol(
    world, client_for, settings
):
    settings.DIRECTIVE_REPORT_SYMBOL = "BC-SLĐTBXH"
    directive = make_assignment(world).clause.directive
    officer = world.personas["officer"]
    url = reverse("directives:consolidated", kwargs={"uid": directive.uid})
    text = docx_text(
        client_for("officer").get(url, {"start": "2026-01-01", "end": "2026-06-30"}).content
    )
    assert "/BC-SLĐTBXH" in text
    assert (officer.full_name or officer.username) in text
    assert "THỦ TRƯỞNG CƠ QUAN" not in text
    assert "tháng" in text and "năm 20" in text  # today's date, not blanks
