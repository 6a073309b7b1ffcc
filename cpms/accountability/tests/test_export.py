from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from cpms.accountability.tests.factories import make_entry
from cpms.audit.models import AuditEvent, AuditLog


def _rows(response):
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_export_reads_back_with_formulas_escaped_and_is_audited(world, client_for):
    entry = make_entry(world, description='=HYPERLINK("http://x")', person_name="+Bình")
    response = client_for("leader").get(reverse("accountability:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = _rows(response)
    assert header[2] == "Hành vi" and len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Nội dung vi phạm"] == '\'=HYPERLINK("http://x")'
    assert row["Người liên quan"] == "'+Bình · Giáo viên chủ nhiệm"
    assert row["Xã, phường"] == world.commune_a.name
    assert row["Căn cứ pháp lý"].startswith("Luật Trẻ em 2016, Điều 6")
    assert row["Tình trạng"] == "Đề xuất, chờ xem xét"
    assert entry.commune_id == world.commune_a.pk
    audit = AuditLog.objects.get(event_type=AuditEvent.EXPORT, actor=world.personas["leader"])
    assert audit.subject_type == "accountability.entry" and audit.extra_data["rows"] == 1


def test_the_export_holds_only_the_requesters_area(world, client_for):
    make_entry(world)
    header, *rows = _rows(client_for("outsider").get(reverse("accountability:export")))
    assert header[0] == "STT" and rows == []


def test_the_export_follows_the_list_filters(world, client_for):
    make_entry(world, kind="obstruction")
    make_entry(world, kind="concealment")
    response = client_for("officer").get(reverse("accountability:export"), {"kind": "obstruction"})
    _header, *rows = _rows(response)
    assert len(rows) == 1 and rows[0][2] == "Cản trở việc cung cấp thông tin, xử lý"
