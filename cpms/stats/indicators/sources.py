# ruff: noqa: S608 - SQL is assembled from model table names and fixed fragments; every value
# is a query parameter.
"""SQL sources over the case data: each is one relation plus its dimensions.

Every relation joins `area(source, target)` (the rolled-up communes, rollup.py) on the commune
the record was filed under: a case's commune for abuse and case figures (the child's commune
at the time), the child's commune for the registry, the report's commune for reports.
"""

from __future__ import annotations

import itertools
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from cpms.cases.choices import CaseState, PerpetratorRelation, ProtectionLevel
from cpms.cases.models import AllegedPerpetrator, Case, CaseDeadline, DeadlineRule, Plan
from cpms.children.models import Child, ChildCircumstance, SpecialCircumstanceGroup
from cpms.geography.models import AdminUnit
from cpms.intake.choices import Channel, Setting
from cpms.intake.models import ConcernType, Report
from cpms.referrals.choices import ReferralKind, ReferralState
from cpms.referrals.models import Referral

from ..models import Indicator
from .base import Context, CubeShape, Dim, Labels, Source, choice_labels, commune_dim


def t(model: type[models.Model]) -> str:
    return model._meta.db_table


AREA = "JOIN unnest(%(area_source)s::bigint[], %(area_target)s::bigint[]) AS area(source, target)"
# The cube's relations count every commune as itself (the roll-up happens when it is read).
EVERY_COMMUNE = (
    f"JOIN (SELECT id AS source, id AS target FROM {t(AdminUnit)} WHERE level = 'commune') AS area"
)
CASE_CONCERNS = t(Case.concern_types.through)
OPEN_IN_PERIOD = (
    "cs.received_at < %(until)s AND (cs.closed_at IS NULL OR cs.closed_at >= %(since)s)"
)


def _sex_dim(alias: str) -> Dim:
    return Dim(
        label=lambda: _("Giới tính"),
        expr=f"{alias}.sex",
        values=lambda _i, _c: [("male", _("Nam")), ("female", _("Nữ"))],
    )


def age_bands(indicator: Indicator) -> list[tuple[int, int]]:
    bounds = sorted(set(indicator.age_bounds or [0, 6, 11, 16, 18]))
    return list(itertools.pairwise(bounds))


def _age_values(indicator: Indicator, _ctx: Context) -> Labels:
    labels = [
        (f"{lo}-{hi}", _("Từ %(lo)d đến dưới %(hi)d tuổi") % {"lo": lo, "hi": hi})
        for lo, hi in age_bands(indicator)
    ]
    return [*labels, ("other", _("Ngoài các nhóm tuổi trên"))]


def _age_expr(indicator: Indicator) -> str:
    age = "date_part('year', age((cs.received_at AT TIME ZONE %(tz)s)::date, ch.birth_date))"
    whens = " ".join(
        f"WHEN {age} >= {int(lo)} AND {age} < {int(hi)} THEN '{int(lo)}-{int(hi)}'"
        for lo, hi in age_bands(indicator)
    )
    return f"CASE {whens} ELSE 'other' END"


def local_day(expr: str) -> str:
    return f"(({expr}) AT TIME ZONE %(tz)s)::date"


IS_ABUSE_CASE = (
    f"EXISTS (SELECT 1 FROM {CASE_CONCERNS} x JOIN {t(ConcernType)} ct"
    " ON ct.id = x.concerntype_id WHERE x.case_id = c.id AND ct.is_abuse)"
)
# The day a case stopped counting (NULL while open; never before it was received).
CLOSED_DAY = local_day(
    "CASE WHEN cs.closed_at IS NOT NULL THEN GREATEST(cs.closed_at, cs.received_at) END"
)


def _abuse_type_values(_i: Indicator, ctx: Context) -> Labels:
    def load() -> Labels:
        top = ConcernType.objects.filter(parent__isnull=True, is_abuse=True).order_by(
            "position", "code"
        )
        return [(c.code, c.name) for c in top]

    return ctx.labels("abuse_types", load)


def _circumstance_values(_i: Indicator, ctx: Context) -> Labels:
    def load() -> Labels:
        groups = SpecialCircumstanceGroup.objects.filter(parent__isnull=True)
        return [(g.code, str(g)) for g in groups.order_by("order", "code")]

    return ctx.labels("circumstance_groups", load)


def _rule_values(_i: Indicator, ctx: Context) -> Labels:
    def load() -> Labels:
        return [(r.code, r.name) for r in DeadlineRule.objects.order_by("code")]

    return ctx.labels("deadline_rules", load)


def abused_children(indicator: Indicator) -> Source:
    """Children with a case received in the period that has at least one abuse type (not
    "at risk" only); each child once, by the first such case (its commune, setting, age)."""
    first_case = (
        f"(SELECT DISTINCT ON (c.child_id) c.id, c.child_id, c.commune_id, c.setting,"
        f" c.received_at FROM {t(Case)} c"
        " WHERE c.received_at >= %(since)s AND c.received_at < %(until)s"
        f" AND c.commune_id = ANY(%(sources)s) AND {IS_ABUSE_CASE}"
        " ORDER BY c.child_id, c.received_at, c.id) AS cs"
    )
    abuse_cases = (
        f"(SELECT c.id, c.child_id, c.commune_id, c.setting, c.received_at FROM {t(Case)} c"
        f" WHERE {IS_ABUSE_CASE}) AS cs"
    )
    abuse_join = (
        f"LEFT JOIN (SELECT x.case_id, COALESCE(p.code, ct.code) AS code FROM {CASE_CONCERNS} x"
        f" JOIN {t(ConcernType)} ct ON ct.id = x.concerntype_id"
        f" LEFT JOIN {t(ConcernType)} p ON p.id = ct.parent_id WHERE ct.is_abuse)"
        " AS abuse ON abuse.case_id = cs.id"
    )
    perpetrator_join = (
        f"LEFT JOIN {t(AllegedPerpetrator)} perp ON perp.case_id = cs.id"
        " AND perp.withdrawn_at IS NULL"
    )
    return Source(
        key="cs.child_id",
        relation=f"{first_case} JOIN {t(Child)} ch ON ch.id = cs.child_id"
        f" {AREA} ON area.source = cs.commune_id",
        where="TRUE",
        dims={
            "sex": _sex_dim("ch"),
            "age_group": Dim(lambda: _("Nhóm tuổi"), _age_expr(indicator), _age_values),
            "setting": Dim(lambda: _("Môi trường xâm hại"), "cs.setting", choice_labels(Setting)),
            "abuse_type": Dim(
                lambda: _("Hình thức xâm hại"), "abuse.code", _abuse_type_values, abuse_join
            ),
            "perpetrator_relation": Dim(
                lambda: _("Quan hệ của người gây hại với trẻ"),
                f"COALESCE(perp.relationship, '{PerpetratorRelation.UNKNOWN.value}')",
                choice_labels(PerpetratorRelation),
                perpetrator_join,
            ),
            "commune": commune_dim(),
        },
        column_dims=("sex",),
        one_column_label=lambda: _("Số trẻ em"),
        # A child with one abuse case ever counts on the day it was received; a child with
        # more counts by its first case in the period, worked out live.
        cube=CubeShape(
            relation=f"{abuse_cases} JOIN {t(Child)} ch ON ch.id = cs.child_id"
            f" {EVERY_COMMUNE} ON area.source = cs.commune_id",
            where="TRUE",
            start=local_day("cs.received_at"),
            child="cs.child_id",
            complex_children=f"SELECT c.child_id FROM {t(Case)} c WHERE {IS_ABUSE_CASE}"
            " GROUP BY c.child_id HAVING COUNT(*) > 1",
        ),
    )


def circumstance_children(_indicator: Indicator) -> Source:
    """Children (not archived, not merged) in a special-circumstance group at any time in the
    period, by the top group (Law on Children Art. 10); "helped" when the child had a case
    (support or intervention under Decree 56) open at some time in the period."""
    helped = (
        f"CASE WHEN EXISTS (SELECT 1 FROM {t(Case)} cs WHERE cs.child_id = ch.id"
        f" AND {OPEN_IN_PERIOD}) THEN 'helped' ELSE 'not_helped' END"
    )
    return Source(
        key="ch.id",
        relation=f"{t(ChildCircumstance)} cc"
        f" JOIN {t(SpecialCircumstanceGroup)} g ON g.id = cc.group_id"
        f" LEFT JOIN {t(SpecialCircumstanceGroup)} gp ON gp.id = g.parent_id"
        f" JOIN {t(Child)} ch ON ch.id = cc.child_id {AREA} ON area.source = ch.commune_id",
        where="cc.from_date <= %(end)s AND (cc.to_date IS NULL OR cc.to_date >= %(start)s)"
        " AND ch.archived_at IS NULL AND ch.merged_into_id IS NULL",
        dims={
            "circumstance_group": Dim(
                lambda: _("Nhóm hoàn cảnh đặc biệt"),
                "COALESCE(gp.code, g.code)",
                _circumstance_values,
            ),
            "helped": Dim(
                lambda: _("Được hỗ trợ, can thiệp"),
                helped,
                lambda _i, _c: [
                    ("helped", _("Được hỗ trợ, can thiệp")),
                    ("not_helped", _("Chưa được hỗ trợ, can thiệp")),
                ],
            ),
            "sex": _sex_dim("ch"),
            "commune": commune_dim(),
        },
        column_dims=("helped", "sex"),
        one_column_label=lambda: _("Số trẻ em"),
        # A child in one circumstance group and without any case counts while in the group;
        # a child in several groups, or with a case (helped or not depends on the period),
        # is counted live.
        cube=CubeShape(
            relation=f"{t(ChildCircumstance)} cc"
            f" JOIN {t(SpecialCircumstanceGroup)} g ON g.id = cc.group_id"
            f" LEFT JOIN {t(SpecialCircumstanceGroup)} gp ON gp.id = g.parent_id"
            f" JOIN {t(Child)} ch ON ch.id = cc.child_id"
            f" {EVERY_COMMUNE} ON area.source = ch.commune_id",
            where="ch.archived_at IS NULL AND ch.merged_into_id IS NULL",
            start="cc.from_date",
            end="cc.to_date",
            child="ch.id",
            complex_children=f"SELECT child_id FROM {t(ChildCircumstance)} GROUP BY child_id"
            f" HAVING COUNT(*) > 1 UNION SELECT cc.child_id FROM {t(ChildCircumstance)} cc"
            f" WHERE EXISTS (SELECT 1 FROM {t(Case)} c WHERE c.child_id = cc.child_id)",
        ),
    )


def reports(_indicator: Indicator) -> Source:
    """Reports (Mẫu 01) received in the period, by the commune that handles them."""
    return Source(
        key="r.id",
        relation=f"{t(Report)} r {AREA} ON area.source = r.commune_id",
        where="r.received_at >= %(since)s AND r.received_at < %(until)s",
        dims={
            "channel": Dim(lambda: _("Nguồn tiếp nhận"), "r.channel", choice_labels(Channel)),
            "setting": Dim(lambda: _("Môi trường xảy ra"), "r.setting", choice_labels(Setting)),
            "commune": commune_dim(),
        },
        column_dims=(),
        one_column_label=lambda: _("Số thông tin"),
        unique_key=True,
        cube=CubeShape(
            relation=f"{t(Report)} r {EVERY_COMMUNE} ON area.source = r.commune_id",
            where="TRUE",
            start=local_day("r.received_at"),
        ),
    )


def open_cases(_indicator: Indicator) -> Source:
    """Cases open at some time in the period, by their step and protection level today."""
    return Source(
        key="cs.id",
        relation=f"{t(Case)} cs {AREA} ON area.source = cs.commune_id",
        where=OPEN_IN_PERIOD,
        dims={
            "case_step": Dim(lambda: _("Bước xử lý"), "cs.state", choice_labels(CaseState)),
            "protection_level": Dim(
                lambda: _("Cấp độ bảo vệ"), "cs.protection_level", choice_labels(ProtectionLevel)
            ),
            "commune": commune_dim(),
        },
        column_dims=("protection_level",),
        one_column_label=lambda: _("Số trường hợp"),
        unique_key=True,
        cube=CubeShape(
            relation=f"{t(Case)} cs {EVERY_COMMUNE} ON area.source = cs.commune_id",
            where="TRUE",
            start=local_day("cs.received_at"),
            end=CLOSED_DAY,
        ),
    )


def protected_children(_indicator: Indicator) -> Source:
    """Children with a case open at some time in the period, each once, by the protection
    level of the latest such case (Law on Children Art. 47)."""
    latest = (
        f"(SELECT DISTINCT ON (c.child_id) c.child_id, c.commune_id, c.protection_level"
        f" FROM {t(Case)} c WHERE c.received_at < %(until)s"
        " AND (c.closed_at IS NULL OR c.closed_at >= %(since)s)"
        " AND c.commune_id = ANY(%(sources)s)"
        " ORDER BY c.child_id, c.received_at DESC, c.id DESC) AS cs"
    )
    return Source(
        key="cs.child_id",
        relation=f"{latest} JOIN {t(Child)} ch ON ch.id = cs.child_id"
        f" {AREA} ON area.source = cs.commune_id",
        where="TRUE",
        dims={
            "protection_level": Dim(
                lambda: _("Cấp độ bảo vệ"), "cs.protection_level", choice_labels(ProtectionLevel)
            ),
            "sex": _sex_dim("ch"),
            "commune": commune_dim(),
        },
        column_dims=("sex",),
        one_column_label=lambda: _("Số trẻ em"),
        unique_key=True,
        # A child with one case counts while it is open; a child with several, by the latest
        # one open in the period, worked out live.
        cube=CubeShape(
            relation=f"{t(Case)} cs JOIN {t(Child)} ch ON ch.id = cs.child_id"
            f" {EVERY_COMMUNE} ON area.source = cs.commune_id",
            where="TRUE",
            start=local_day("cs.received_at"),
            end=CLOSED_DAY,
            child="cs.child_id",
            complex_children=f"SELECT child_id FROM {t(Case)} GROUP BY child_id"
            " HAVING COUNT(*) > 1",
        ),
    )


CLOCK_STATUS = (
    "CASE WHEN d.met_at IS NOT NULL AND d.met_at <= d.due_at THEN 'on_time'"
    " WHEN d.met_at IS NOT NULL THEN 'late'"
    " WHEN d.due_at < %(asof)s THEN 'overdue' ELSE 'running' END"
)


def clocks(_indicator: Indicator) -> Source:
    """Legal clocks (CaseDeadline) falling due in the period, not cancelled: met on time, met
    late, overdue and still open, or still running (due later than today)."""
    return Source(
        key="d.id",
        relation=f"{t(CaseDeadline)} d JOIN {t(Case)} cs ON cs.id = d.case_id"
        f" JOIN {t(DeadlineRule)} rule ON rule.id = d.rule_id"
        f" {AREA} ON area.source = cs.commune_id",
        where="d.cancelled_at IS NULL AND d.due_at >= %(since)s AND d.due_at < %(until)s",
        dims={
            "deadline_rule": Dim(lambda: _("Thời hạn"), "rule.code", _rule_values),
            "clock_status": Dim(
                lambda: _("Tình trạng"),
                CLOCK_STATUS,
                lambda _i, _c: [
                    ("on_time", _("Đúng hạn")),
                    ("late", _("Trễ hạn")),
                    ("overdue", _("Quá hạn, chưa hoàn thành")),
                    ("running", _("Chưa đến hạn")),
                ],
            ),
            "commune": commune_dim(),
        },
        column_dims=("clock_status",),
        one_column_label=lambda: _("Số thời hạn"),
        unique_key=True,
        cube=CubeShape(
            relation=f"{t(CaseDeadline)} d JOIN {t(Case)} cs ON cs.id = d.case_id"
            f" JOIN {t(DeadlineRule)} rule ON rule.id = d.rule_id"
            f" {EVERY_COMMUNE} ON area.source = cs.commune_id",
            where="d.cancelled_at IS NULL",
            start=local_day("d.due_at"),
        ),
    )


REFERRAL_STATUS = (
    "CASE WHEN rf.completed_at IS NOT NULL"
    " AND (rf.completed_at AT TIME ZONE %(tz)s)::date <= rf.due_on THEN 'on_time'"
    " WHEN rf.completed_at IS NOT NULL THEN 'late'"
    " WHEN rf.due_on < %(asof_day)s THEN 'overdue' ELSE 'running' END"
)


def referrals(_indicator: Indicator) -> Source:
    """Referrals due in the period, except those declined or cancelled: completed on time
    (on or before the due day), completed late, overdue, or not yet due."""
    excluded = [ReferralState.DECLINED.value, ReferralState.CANCELLED.value]
    return Source(
        key="rf.id",
        relation=f"{t(Referral)} rf JOIN {t(Case)} cs ON cs.id = rf.case_id"
        f" {AREA} ON area.source = cs.commune_id",
        where="rf.due_on >= %(start)s AND rf.due_on <= %(end)s"
        f" AND rf.state NOT IN ('{excluded[0]}', '{excluded[1]}')",
        dims={
            "referral_kind": Dim(lambda: _("Loại dịch vụ"), "rf.kind", choice_labels(ReferralKind)),
            "referral_status": Dim(
                lambda: _("Tình trạng"),
                REFERRAL_STATUS,
                lambda _i, _c: [
                    ("on_time", _("Hoàn thành đúng hạn")),
                    ("late", _("Hoàn thành trễ hạn")),
                    ("overdue", _("Quá hạn, chưa hoàn thành")),
                    ("running", _("Chưa đến hạn")),
                ],
            ),
            "commune": commune_dim(),
        },
        column_dims=("referral_status",),
        one_column_label=lambda: _("Số chuyển gửi"),
        unique_key=True,
        cube=CubeShape(
            relation=f"{t(Referral)} rf JOIN {t(Case)} cs ON cs.id = rf.case_id"
            f" {EVERY_COMMUNE} ON area.source = cs.commune_id",
            where=f"rf.state NOT IN ('{excluded[0]}', '{excluded[1]}')",
            start="rf.due_on",
        ),
    )


PLAN_DAYS = (
    "(SELECT cs.id, EXTRACT(EPOCH FROM (MIN(p.approved_at) - cs.received_at)) / 86400.0"
    f" AS days FROM {t(Case)} cs JOIN {t(Plan)} p ON p.case_id = cs.id"
    " WHERE p.approved_at < %(until)s AND cs.commune_id = ANY(%(sources)s)"
    # only cases with a plan approved in the period can have their first one in it
    f" AND cs.id IN (SELECT a.case_id FROM {t(Plan)} a"
    " WHERE a.approved_at >= %(since)s AND a.approved_at < %(until)s)"
    " GROUP BY cs.id HAVING MIN(p.approved_at) >= %(since)s"
    ") AS pd"
)
# The same, for every case ever (the cube, cpms/stats/cube/).
FIRST_PLANS = (
    "(SELECT cs.id, MIN(p.approved_at) AS first_at,"
    " EXTRACT(EPOCH FROM (MIN(p.approved_at) - cs.received_at)) / 86400.0 AS days"
    f" FROM {t(Case)} cs JOIN {t(Plan)} p ON p.case_id = cs.id"
    " WHERE p.approved_at IS NOT NULL GROUP BY cs.id) AS pd"
)
PLAN_BANDS = ((0, 7), (7, 15), (15, 30), (30, None))


def plan_time(_indicator: Indicator) -> Source:
    """Cases whose first plan was approved in the period, by calendar days from receipt of
    the information to that approval."""
    whens = " ".join(f"WHEN pd.days < {hi} THEN '{lo}'" for lo, hi in PLAN_BANDS if hi is not None)

    def values(_i: Indicator, _c: Context) -> Labels:
        out: Labels = []
        for lo, hi in PLAN_BANDS:
            if hi is None:
                out.append((str(lo), _("Từ %(lo)d ngày trở lên") % {"lo": lo}))
            else:
                out.append((str(lo), _("Từ %(lo)d đến dưới %(hi)d ngày") % {"lo": lo, "hi": hi}))
        return out

    return Source(
        key="pd.id",
        relation=f"{PLAN_DAYS} JOIN {t(Case)} cs ON cs.id = pd.id"
        f" {AREA} ON area.source = cs.commune_id",
        where="TRUE",
        dims={
            "plan_days": Dim(
                lambda: _("Thời gian từ tiếp nhận đến phê duyệt kế hoạch"),
                f"CASE {whens} ELSE '{PLAN_BANDS[-1][0]}' END",
                values,
            ),
            "commune": commune_dim(),
        },
        column_dims=(),
        one_column_label=lambda: _("Số trường hợp"),
        unique_key=True,
        cube=CubeShape(
            relation=f"{FIRST_PLANS} JOIN {t(Case)} cs ON cs.id = pd.id"
            f" {EVERY_COMMUNE} ON area.source = cs.commune_id",
            where="TRUE",
            start=local_day("pd.first_at"),
        ),
    )


def median_plan_days(ctx: Context) -> float | None:
    """The median of the same days (one query); None when no plan was approved."""
    from django.db import connections

    from cpms.core.replica import read_alias

    with connections[read_alias()].cursor() as cursor:
        cursor.execute(
            f"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days), COUNT(*) FROM {PLAN_DAYS}",
            ctx.params(),
        )
        row: Any = cursor.fetchone()
    return None if row is None or row[0] is None else float(row[0])
