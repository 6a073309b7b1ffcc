"""Figures a progress report is pre-filled with: what the system already knows about the
assigned agency's area for the period (reports received, cases, overdue clocks, children in
special circumstances, and the programme activity figures of cpms.programmes).

The area is the agency's administrative unit with everything that rolls up into it (its
subtree and the units merged into it in 2025). Figures are counts only, never personal data.
A fixed number of queries, whatever the size of the area.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpms.cases.models import Case, CaseDeadline, EmergencyAction
from cpms.children.models import ChildCircumstance
from cpms.geography.models import AdminUnit, UnitLevel
from cpms.geography.selectors import units_rolling_up_to
from cpms.intake.models import Report

# Keys in display order, with their labels. The activity keys are the field names of
# cpms.programmes' ActivityFigures (the shared contract).
FIGURES: dict[str, Promise] = {
    "reports_received": _("Số thông tin, thông báo, tố giác tiếp nhận"),
    "cases_opened": _("Số trường hợp mở mới"),
    "cases_closed": _("Số trường hợp kết thúc"),
    "overdue_clocks": _("Số thời hạn xử lý quá hạn cuối kỳ"),
    "emergency_actions": _("Số lần can thiệp khẩn cấp"),
    "special_circumstances": _("Số trẻ em có hoàn cảnh đặc biệt cuối kỳ"),
    "training_sessions": _("Số lớp tập huấn đã tổ chức"),
    "training_attendances": _("Số lượt người tham dự tập huấn"),
    "staff_total": _("Số người làm công tác trẻ em, cộng tác viên cuối kỳ"),
    "staff_trained_12m": _("Trong đó được tập huấn trong 12 tháng"),
    "campaign_activities": _("Số hoạt động truyền thông"),
    "campaign_reach": _("Số lượt người được truyền thông"),
    "campaign_hotline_promoted": _("Số hoạt động có giới thiệu Tổng đài 111, đường dây nóng"),
    "inspections": _("Số cuộc thanh tra, kiểm tra"),
    "recommendations_issued": _("Số kiến nghị sau kiểm tra"),
    "recommendations_closed": _("Số kiến nghị đã thực hiện xong"),
    "recommendations_overdue": _("Số kiến nghị quá hạn chưa thực hiện"),
    "board_meetings": _("Số cuộc họp Ban điều hành bảo vệ trẻ em"),
}
CASE_KEYS = (
    "reports_received",
    "cases_opened",
    "cases_closed",
    "overdue_clocks",
    "emergency_actions",
    "special_circumstances",
)
ACTIVITY_KEYS = tuple(key for key in FIGURES if key not in CASE_KEYS)

# Groups offered when a clause is set up ("training" stands for its four figures).
GROUPS: dict[str, tuple[str, ...]] = {
    "training": (
        "training_sessions",
        "training_attendances",
        "staff_total",
        "staff_trained_12m",
    ),
    "campaigns": ("campaign_activities", "campaign_reach", "campaign_hotline_promoted"),
    "inspections": (
        "inspections",
        "recommendations_issued",
        "recommendations_closed",
        "recommendations_overdue",
    ),
    "cases": ("reports_received", "cases_opened", "cases_closed", "overdue_clocks"),
}


def expand(keys: Iterable[str]) -> list[str]:
    """Known figure keys in display order; group names stand for their members."""
    wanted: set[str] = set()
    for key in keys:
        wanted.update(GROUPS.get(key, (key,)))
    return [key for key in FIGURES if key in wanted]


@dataclass(frozen=True)
class Area:
    paths: tuple[str, ...]  # minimal path prefixes of every unit rolling up into the unit
    commune_ids: tuple[int, ...]  # communes among them (programme figures are per commune)

    def q(self, field: str) -> Q:
        q = Q(pk__in=[])
        for path in self.paths:
            q |= Q(**{f"{field}__startswith": path})
        return q


def area_of(unit: AdminUnit) -> Area:
    rows = list(units_rolling_up_to(unit).values_list("pk", "path", "level"))
    minimal: list[str] = []
    for path in sorted({path for _pk, path, _level in rows} | {unit.path}):
        if not any(path.startswith(prefix) for prefix in minimal):
            minimal.append(path)
    communes = tuple(pk for pk, _path, level in rows if level == UnitLevel.COMMUNE)
    return Area(paths=tuple(minimal), commune_ids=communes)


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, the day after end 00:00) in local time."""
    tz = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return low, high


def case_figures(area: Area, start: dt.date, end: dt.date) -> dict[str, int]:
    low, high = _bounds(start, end)
    reports = Report.objects.filter(area.q("unit_path"), received_at__gte=low, received_at__lt=high)
    cases = Case.objects.filter(area.q("unit_path"))
    opened = cases.filter(received_at__gte=low, received_at__lt=high).count()
    closed = cases.filter(closed_at__gte=low, closed_at__lt=high).count()
    # A clock is overdue at the end of the period when it was due before then and was
    # neither met nor cancelled by then.
    overdue = CaseDeadline.objects.filter(
        area.q("case__unit_path"),
        Q(met_at__isnull=True) | Q(met_at__gte=high),
        Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=high),
        due_at__lt=high,
    )
    emergencies = EmergencyAction.objects.filter(
        area.q("case__unit_path"), taken_at__gte=low, taken_at__lt=high
    )
    special = (
        ChildCircumstance.objects.filter(
            area.q("child__unit_path"),
            Q(to_date__isnull=True) | Q(to_date__gte=end),
            from_date__lte=end,
            child__archived_at__isnull=True,
        )
        .values("child_id")
        .distinct()
    )
    return {
        "reports_received": reports.count(),
        "cases_opened": opened,
        "cases_closed": closed,
        "overdue_clocks": overdue.count(),
        "emergency_actions": emergencies.count(),
        "special_circumstances": special.count(),
    }


def activity_totals(area: Area, start: dt.date, end: dt.date) -> dict[str, int]:
    """The programme figures of every commune of the area, summed."""
    from cpms.programmes.selectors import activity_figures

    per_commune = activity_figures(commune_ids=area.commune_ids, start=start, end=end)
    totals = dict.fromkeys(ACTIVITY_KEYS, 0)
    for figures in per_commune.values():
        for f in fields(figures):
            if f.name in totals:
                totals[f.name] += int(getattr(figures, f.name))
    return totals


def unit_figures(
    unit: AdminUnit, start: dt.date, end: dt.date, keys: Sequence[str] | None = None
) -> dict[str, int]:
    """The figures named by `keys` (all when None) for the unit's area and the period."""
    wanted = expand(keys) if keys is not None else list(FIGURES)
    if not wanted:
        return {}
    area = area_of(unit)
    values: dict[str, int] = {}
    if any(key in CASE_KEYS for key in wanted):
        values.update(case_figures(area, start, end))
    if any(key in ACTIVITY_KEYS for key in wanted):
        values.update(activity_totals(area, start, end))
    return {key: values[key] for key in wanted}


def labelled(figures: dict[str, int]) -> list[tuple[str, str, int]]:
    """(key, label, value) rows in display order; unknown keys of old snapshots are kept last."""
    known = [(key, str(label), figures[key]) for key, label in FIGURES.items() if key in figures]
    extra = [(key, key, value) for key, value in figures.items() if key not in FIGURES]
    return known + extra
