"""Programme activity figures (cpms.programmes, contract-programmes.md): training coverage,
campaign reach, inspection recommendations.

These count sessions, staff and audiences, never children, so small-cell protection is not
applied to them (hiding "3 training sessions" protects nobody). Figures do not add up to a
total, so the totals are left empty (None with `suppressed=False`).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.utils.translation import gettext as _

from ..models import Indicator
from ..tables import StatTable
from .base import Context

FIGURES: dict[str, list[tuple[str, Callable[[], str]]]] = {
    "training_coverage": [
        ("training_sessions", lambda: _("Số buổi tập huấn")),
        ("training_attendances", lambda: _("Số lượt người tham dự")),
        ("staff_total", lambda: _("Số cán bộ, cộng tác viên cấp xã")),
        ("staff_trained_12m", lambda: _("Trong đó: được tập huấn trong 12 tháng qua")),
    ],
    "campaign_reach": [
        ("campaign_activities", lambda: _("Số hoạt động truyền thông")),
        ("campaign_reach", lambda: _("Số lượt người được tiếp cận")),
        (
            "campaign_hotline_promoted",
            lambda: _("Số hoạt động giới thiệu Tổng đài 111, đường dây nóng"),
        ),
    ],
    "inspection_recommendations": [
        ("inspections", lambda: _("Số cuộc kiểm tra")),
        ("recommendations_issued", lambda: _("Số kiến nghị được ban hành")),
        ("recommendations_closed", lambda: _("Số kiến nghị đã khắc phục xong")),
        ("recommendations_overdue", lambda: _("Số kiến nghị quá hạn chưa khắc phục")),
    ],
}


def _activity_figures() -> Callable[..., dict[int, Any]] | None:
    try:
        module = import_module("cpms.programmes.selectors")
    except ImportError:
        return None
    figures: Callable[..., dict[int, Any]] | None = getattr(module, "activity_figures", None)
    return figures


def activity_totals(ctx: Context) -> Any | None:
    """The figures summed over the requested communes (one call, cached per computation)."""
    if "activity" not in ctx.cache:
        activity_figures = _activity_figures()
        if activity_figures is None:
            ctx.cache["activity"] = None
        else:
            per_commune = activity_figures(
                commune_ids=[pk for pk, _name in ctx.area.targets], start=ctx.start, end=ctx.end
            )
            total = None
            for figures in per_commune.values():
                total = figures if total is None else total + figures
            ctx.cache["activity"] = total
    return ctx.cache["activity"]


def activity_table(indicator: Indicator, ctx: Context, which: str) -> list[StatTable]:
    totals = activity_totals(ctx)
    if totals is None and _activity_figures() is None:
        return []
    rows = FIGURES[which]
    values = tuple(int(getattr(totals, attr, 0) or 0) for attr, _label in rows)
    return [
        StatTable(
            indicator_code=indicator.code,
            title=indicator.name,
            row_label=_("Hạng mục"),
            col_label="",
            rows=tuple(label() for _attr, label in rows),
            cols=(_("Số lượng"),),
            cells=tuple((v,) for v in values),
            row_totals=values,
            col_totals=(None,),
            total=None,
            suppressed=False,
        )
    ]
