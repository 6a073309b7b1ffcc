"""A case walked through every step that records a form, and readers of the files."""

from __future__ import annotations

import datetime as dt
import unicodedata
from io import BytesIO
from typing import Any

import docx
from django.utils import timezone
from pypdf import PdfReader

from cpms.cases.models import Case
from cpms.cases.tests.factories import RATINGS, initial_data, make_case, needs_data, plan_data, step
from cpms.testing import World

TZ_NOW = dt.datetime(2026, 3, 5, 9, 30)


def walked_case(world: World) -> Case:
    """Mẫu 02, 07, 03, 04, 05 and 06 recorded (the separation stays active)."""
    case = make_case(world, emergency=True)
    step(world, case, "initial_assess", **initial_data(emergency=True, conclusion="Cần cách ly"))
    start = timezone.make_aware(TZ_NOW)
    step(
        world,
        case,
        "separate",
        "leader",
        decision_number="07/QĐ-UBND",
        decided_at=start,
        separated_from="Nguyễn Văn Cha (cha đẻ)",
        reason="Cha là người gây tổn hại",
        place="Nhà bà ngoại, tổ 2",
        caregiver="Trần Thị Ngoại (bà ngoại)",
        starts_at=start,
        ends_at=start + dt.timedelta(days=10),
    )
    today = dt.date(2026, 3, 6)
    step(world, case, "needs_assess", **needs_data(today))
    step(world, case, "draft_plan", **plan_data(today, dt.date(2026, 4, 30)))
    step(
        world,
        case,
        "approve_plan",
        "leader",
        decision_number="05/QĐ-UBND",
        decision_date=dt.date(2026, 3, 9),
    )
    step(world, case, "start_plan")
    step(world, case, "review", **review_data(dt.date(2026, 5, 2)))
    case.refresh_from_db()
    return case


def review_data(day: dt.date) -> dict[str, Any]:
    return {
        "reviewed_on": day,
        "officer_name": "Lê Văn Cán Bộ",
        "proposal": "close",
        "child_state": "Trẻ ổn định",
        **RATINGS,
        "risk_harm_severity": "low",
        "risk_abuser_access": "low",
    }


def docx_text(data: bytes) -> str:
    """Every paragraph, also inside tables (the masthead and signature are tables)."""
    document = docx.Document(BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    for irow in inner.rows:
                        lines.extend(c.text for c in irow.cells)
    # Table cells are normalised (single spaces); checkbox lines keep three: compare flat.
    return "\n".join(" ".join(line.split()) for line in lines)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())
