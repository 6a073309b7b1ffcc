"""The six-monthly list of children needing alternative care, for the viewer's area.

The commune keeps the list of children who need alternative care (Circular 14/2020 process,
legal-framework.md §6) and facilities send theirs every six months (Decree 147/2025, Mẫu 14).
A child is listed for a half-year when, during it, the child
- belonged to a group of Law Art. 62 recorded in the registry: orphans of both parents (a),
  abandoned children (b), children without support (c), migrant or refugee children without
  a caregiver (o), or one of their sub-groups;
- was under a temporary separation from the family (Decree 56 Art. 32) of a case in scope;
- left a placement that ended.
Each row says why and what care the child has now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.scope import AnyUser, unit_scope_q
from cpms.cases.models import SeparationDecision
from cpms.children.models import Child, ChildCircumstance
from cpms.workdays.calendar import VN_TZ

from .choices import OPEN_STATUSES, PlacementStatus
from .models import Placement

NEED_GROUPS = ("a", "b", "c", "o")


@dataclass(frozen=True)
class HalfYear:
    year: int
    half: int  # 1: January–June, 2: July–December

    @classmethod
    def parse(cls, value: str | None, today: dt.date | None = None) -> HalfYear:
        try:
            year, half = (int(part) for part in (value or "").split("-"))
            if half in (1, 2) and 2017 <= year <= 2100:
                return cls(year, half)
        except ValueError:
            pass
        return cls.containing(today or timezone.localdate())

    @classmethod
    def containing(cls, day: dt.date) -> HalfYear:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def label(self) -> str:
        return (
            _("6 tháng đầu năm %(y)s") % {"y": self.year}
            if self.half == 1
            else _("6 tháng cuối năm %(y)s") % {"y": self.year}
        )

    def previous(self) -> HalfYear:
        return HalfYear(self.year, 2) if self.half == 2 else HalfYear(self.year - 1, 2)

    def recent(self, count: int = 4) -> list[HalfYear]:
        halves, current = [], HalfYear(self.year, self.half)
        for _i in range(count):
            halves.append(current)
            current = HalfYear(current.year, 1) if current.half == 2 else current.previous()
        return halves


@dataclass
class NeedRow:
    child: Child
    reasons: list[str] = field(default_factory=list)
    placement: Placement | None = None

    @property
    def status(self) -> str:
        p = self.placement
        if p is None:
            return _("Chưa có người chăm sóc thay thế")
        if p.status == PlacementStatus.PROPOSED:
            return _("Đã đề xuất: %(kind)s – %(who)s") % {
                "kind": p.get_kind_display(),
                "who": p.provider.name,
            }
        return _("Đang chăm sóc thay thế: %(kind)s – %(who)s") % {
            "kind": p.get_kind_display(),
            "who": p.provider.name,
        }


def _day(value: dt.datetime) -> str:
    return f"{value.astimezone(VN_TZ):%d/%m/%Y}"


def children_needing_care(*, viewer: AnyUser, half: HalfYear) -> list[NeedRow]:
    """One row per child in the viewer's area, in four queries whatever the number of rows."""
    start, end = half.start, half.end
    rows: dict[int, NeedRow] = {}
    live = Q(child__archived_at=None, child__merged_into=None)

    def row(child: Child) -> NeedRow:
        return rows.setdefault(child.pk, NeedRow(child=child))

    circumstances = (
        ChildCircumstance.objects.filter(
            unit_scope_q(viewer, personal=True, field="child__unit_path"),
            live,
            Q(group__code__in=NEED_GROUPS) | Q(group__parent__code__in=NEED_GROUPS),
            Q(to_date=None) | Q(to_date__gte=start),
            from_date__lte=end,
        )
        .select_related("group", "child", "child__commune", "child__village")
        .order_by("group__order", "group__code")
    )
    for c in circumstances:
        row(c.child).reasons.append(c.group.name)
    start_at = dt.datetime.combine(start, dt.time.min, tzinfo=VN_TZ)
    end_at = dt.datetime.combine(end, dt.time.max, tzinfo=VN_TZ)
    separations = (
        SeparationDecision.objects.filter(
            unit_scope_q(viewer, personal=True, field="case__unit_path"),
            Q(case__child__archived_at=None, case__child__merged_into=None),
            Q(ended_at=None) | Q(ended_at__gte=start_at),
            starts_at__lte=end_at,
        )
        .select_related("case__child", "case__child__commune", "case__child__village")
        .order_by("starts_at")
    )
    for s in separations:
        row(s.case.child).reasons.append(
            _("Tạm thời cách ly khỏi gia đình đến %(day)s") % {"day": _day(s.ends_at)}
        )
    ended = (
        Placement.objects.filter(
            unit_scope_q(viewer, personal=True, field="unit_path"),
            live,
            status=PlacementStatus.ENDED,
            ended_on__range=(start, end),
        )
        .select_related("child", "child__commune", "child__village")
        .order_by("ended_on")
    )
    for p in ended:
        row(p.child).reasons.append(
            _("Chăm sóc thay thế chấm dứt ngày %(day)s") % {"day": f"{p.ended_on:%d/%m/%Y}"}
        )
    current = Placement.objects.filter(
        child_id__in=list(rows), status__in=OPEN_STATUSES
    ).select_related("provider")
    for p in current:
        rows[p.child_id].placement = p
    return sorted(rows.values(), key=lambda r: (r.child.commune.name, r.child.name_key, r.child.pk))
