from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cpms.audit.models import AuditEvent, AuditLog
from cpms.care.choices import EndReason
from cpms.care.needs import HalfYear, children_needing_care
from cpms.care.services import placement_end
from cpms.care.tests.factories import make_placement
from cpms.cases.tests.factories import initial_data, make_case, step
from cpms.children.circumstances import circumstance_add
from cpms.children.models import SpecialCircumstanceGroup
from cpms.children.tests.factories import make_child


def _orphan(world, name: str, commune: str = "a", group: str = "a"):
    village = world.village_a1 if commune == "a" else world.village_b1
    child = make_child(
        world,
        full_name=name,
        commune=getattr(world, f"commune_{commune}"),
        village=village,
        birth_date=dt.date(2015, 6, 1),
    )
    circumstance_add(
        actor=world.personas["worker" if commune == "a" else "outsider"],
        child=child,
        group=SpecialCircumstanceGroup.objects.get(code=group),
        from_date=dt.date(2025, 1, 1),
    )
    return child


def _separated(world):
    case = make_case(world, emergency=True)
    step(world, case, "initial_assess", **initial_data(emergency=True))
    now = timezone.now()
    step(
        world,
        case,
        "separate",
        "leader",
        decision_number="01/QĐ-UBND",
        separated_from="Cha",
        reason="Cha là người gây tổn hại",
        place="Nhà tạm lánh",
        starts_at=now,
        ends_at=now + dt.timedelta(days=7),
    )
    return case


def test_the_list_holds_orphans_separated_children_and_ended_placements(world):
    orphan = _orphan(world, "Đinh Văn Mồ Côi")
    _orphan(world, "Hồ Thị Khuyết Tật", group="d")  # disability alone: not listed
    outsider_child = _orphan(world, "Lý Văn Xã Khác", commune="b")
    case = _separated(world)
    ended = make_placement(
        world,
        child=make_child(world, full_name="Võ Thị Hết Hạn", birth_date=dt.date(2013, 1, 1)),
    )
    placement_end(
        actor=world.personas["leader"],
        placement=ended,
        ended_on=timezone.localdate(),
        reason=EndReason.CAREGIVER_REQUEST,
        note="",
        decision_number="9/QĐ-UBND",
        expected_version=ended.version,
    )
    in_care = make_placement(world, child=_orphan(world, "Mai Văn Đang Ở"))
    rows = {
        r.child.full_name: r
        for r in children_needing_care(
            viewer=world.personas["worker"], half=HalfYear.containing(timezone.localdate())
        )
    }
    assert set(rows) == {
        orphan.full_name,
        case.child.full_name,
        "Võ Thị Hết Hạn",
        in_care.child.full_name,
    }
    assert rows[orphan.full_name].status == "Chưa có người chăm sóc thay thế"
    assert "Tạm thời cách ly" in rows[case.child.full_name].reasons[0]
    assert "Chăm sóc thay thế chấm dứt" in rows["Võ Thị Hết Hạn"].reasons[0]
    assert rows[in_care.child.full_name].status.startswith("Đang chăm sóc thay thế")
    outsider_rows = children_needing_care(
        viewer=world.personas["outsider"], half=HalfYear.containing(timezone.localdate())
    )
    assert [r.child.full_name for r in outsider_rows] == [outsider_child.full_name]
    earlier = children_needing_care(viewer=world.personas["worker"], half=HalfYear(2024, 2))
    assert earlier == []


def test_the_export_reads_back_escaped_and_scoped_and_is_audited(world, client_for):
    _orphan(world, "=HYPERLINK(1)")
    _orphan(world, "Lý Văn Xã Khác", commune="b")
    half = HalfYear.containing(timezone.localdate())
    response = client_for("worker").get(reverse("care:needs-export"), {"half": half.key})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][:3] == ("STT", "Họ và tên", "Ngày sinh")
    assert rows[2][1] == "'=HYPERLINK(1)" and rows[2][2] == dt.datetime(2015, 6, 1)
    assert rows[2][6] == "Trẻ em mồ côi cả cha và mẹ"
    assert len(rows) == 3  # title, header, one child: commune B's child is not there
    audit = AuditLog.objects.get(event_type=AuditEvent.EXPORT, subject_type="care.needs_list")
    assert audit.extra_data == {"half_year": half.key, "rows": 1}
    outsider = client_for("outsider").get(reverse("care:needs-export"), {"half": half.key})
    outsider_rows = list(
        load_workbook(io.BytesIO(b"".join(outsider.streaming_content))).active.iter_rows(
            values_only=True
        )
    )
    assert [r[1] for r in outsider_rows[2:]] == ["Lý Văn Xã Khác"]


def test_the_half_year_parses_and_falls_back():
    assert HalfYear.parse("2026-2").start == dt.date(2026, 7, 1)
    assert HalfYear.parse("2026-1").end == dt.date(2026, 6, 30)
    assert HalfYear.parse("junk", dt.date(2025, 3, 3)) == HalfYear(2025, 1)
    assert [h.key for h in HalfYear(2026, 1).recent(3)] == ["2026-1", "2025-2", "2025-1"]
