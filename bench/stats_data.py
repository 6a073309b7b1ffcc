"""Reports and cases for the statistics benchmark, in proportion to the generated children.

20 % of SCALE reports and 20 % of SCALE cases (one per sampled child, in the child's commune,
so the 15 % of children filed under communes that ended on 30/06/2025 give cases that must be
rolled up), received 2024-01-01 … today, with abuse types, settings, every workflow step
(STATE_SHARES), perpetrators, legal clocks, plans as the step implies, referrals and special
circumstances. Loaded with COPY;
`bench_dataset` row "stats" makes a second call with the same scale and seed a no-op.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, models
from django.utils import timezone

from bench.generate import _line, dataset_info

VERSION = 2
# Shares of the case stock by workflow step (Decree 56): most open cases are carrying out a
# plan, about a third of the cases received in two years are closed. The first cases take
# every step in turn, so that every step occurs at any scale.
STATE_SHARES = {
    "received": 5, "initial_assessed": 6, "emergency_action": 3, "temporary_separation": 2,
    "needs_assessed": 6, "plan_drafted": 5, "plan_approved": 6, "in_progress": 20,
    "reviewed": 8, "closed": 35, "reopened": 4,
}  # fmt: skip
# How far along the workflow each step is (a plan exists from "plan_drafted" on).
STEP_RANK = {name: rank for rank, name in enumerate(STATE_SHARES)} | {"reopened": 9}
EMERGENCY_STATES = ("emergency_action", "temporary_separation")
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_DAY = dt.date(2024, 1, 1)
TABLES = (
    "cases_casedeadline",
    "cases_plan",
    "referrals_referral",
    "cases_allegedperpetrator",
    "cases_case_concern_types",
    "cases_case",
    "intake_report",
    "children_childcircumstance",
)


def _value(field: models.Field[Any, Any], row: dict[str, Any], now: dt.datetime) -> Any:
    if field.attname in row:
        value = row[field.attname]
    elif field.name in row:
        value = row[field.name]
    elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = now
    elif field.has_default():
        value = field.get_default()
    elif field.null:
        value = None
    elif field.blank:
        value = ""
    else:
        raise KeyError(f"{field.model.__name__}.{field.name} needs a value")
    if isinstance(value, dict | list) and not isinstance(field, models.CharField):
        return json.dumps(value)
    if type(field).__name__.startswith("Encrypted") and value:
        return field.get_db_prep_save(value, connection)  # stored as the app stores it
    return value


def copy_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """COPY rows into the model's table; columns not given take their defaults."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    buffer = io.StringIO()
    now = timezone.now()
    count = 0
    for row in rows:
        buffer.write(_line([_value(f, row, now) for f in fields]))
        count += 1
    columns = ", ".join(f.column for f in fields)
    raw = connection.connection
    assert raw is not None
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy,
    ):
        copy.write(buffer.getvalue())
    return count


def _moment(rng: random.Random, first: dt.date, last: dt.date) -> dt.datetime:
    day = first + dt.timedelta(days=rng.randrange(max(1, (last - first).days + 1)))
    return dt.datetime.combine(day, dt.time(rng.randrange(7, 20), rng.randrange(60)), tzinfo=TZ)


def _ids(sql: str, params: Sequence[Any] = ()) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[Any] = cursor.fetchall()
        return rows


def generate_cases(scale: int, seed: int, *, user_id: int, agency_id: int) -> dict[str, int]:
    """Fill the case tables (nothing to do when this scale and seed are already there)."""
    from cpms.cases.choices import CaseState, PerpetratorRelation, ProtectionLevel
    from cpms.cases.models import AllegedPerpetrator, Case, CaseDeadline, Plan
    from cpms.children.models import ChildCircumstance
    from cpms.intake.choices import Channel, Setting
    from cpms.intake.models import Report
    from cpms.referrals.choices import ReferralKind
    from cpms.referrals.models import Referral

    info = dataset_info("stats")
    if info and (info["scale"], info["seed"], info["version"]) == (scale, seed, VERSION):
        existing: dict[str, int] = info["rows"]  # type: ignore[assignment]
        # Regenerating the children truncates the cases with them (CASCADE): check they are here.
        if _ids("SELECT count(*) FROM cases_case")[0][0] == existing["cases"]:
            return existing
    rng = random.Random(seed + 7)
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        cursor.execute("DELETE FROM bench_dataset WHERE name = 'stats'")
        cursor.execute("SET session_replication_role = replica")
    n = max(1, scale // 5)
    children = _ids(
        "SELECT c.id, c.commune_id, u.path FROM children_child c"
        " JOIN geography_adminunit u ON u.id = c.commune_id ORDER BY c.id"
    )
    communes = sorted({(c[1], c[2]) for c in children})
    picked = rng.sample(children, min(n, len(children)))
    concern = dict(_ids("SELECT code, id FROM intake_concerntype"))
    abuse_codes = ["violence", "exploitation", "rape", "molestation", "intercourse", "neglect",
                   "abandonment", "trafficking", "other_harm"]  # fmt: skip
    rules = [r[0] for r in _ids("SELECT id FROM cases_deadlinerule ORDER BY id")]
    states = list(CaseState)
    assert set(STATE_SHARES) == set(CaseState.values), "a step without a share"
    shares = list(STATE_SHARES.values())
    now = timezone.now()
    cases, types, perpetrators, clocks, plans, referrals = [], [], [], [], [], []
    for case_id, (child_id, commune_id, path) in enumerate(picked, start=1):
        received = _moment(rng, FIRST_DAY, today)
        if case_id <= len(states):
            state = states[case_id - 1]
        else:
            state = CaseState(rng.choices(list(STATE_SHARES), shares)[0])
        closed = state == CaseState.CLOSED
        rank = STEP_RANK[state.value]
        cases.append({
            "child_id": child_id, "commune_id": commune_id, "unit_path": path,
            "received_at": received, "opened_by_id": user_id, "state": state.value,
            "protection_level": rng.choice(list(ProtectionLevel)).value,
            "emergency": state in EMERGENCY_STATES or rng.random() < 0.1,
            "setting": rng.choice(list(Setting)).value,
            "closed_at": min(now, received + dt.timedelta(days=rng.randrange(10, 200)))
            if closed else None,
        })  # fmt: skip
        codes = (
            ["at_risk"] if rng.random() < 0.3 else rng.sample(abuse_codes, rng.choice((1, 1, 2)))
        )
        types += [{"case_id": case_id, "concerntype_id": concern[c]} for c in codes]
        if rng.random() < 0.6:
            relation = rng.choice(list(PerpetratorRelation)).value
            perpetrators.append({"case_id": case_id, "relationship": relation,
                                 "recorded_by_id": user_id})  # fmt: skip
        for rule_id in rng.sample(rules, min(2, len(rules))):
            due = received + dt.timedelta(days=rng.randrange(1, 20))
            done = closed or rng.random() < 0.4 + 0.05 * rank
            met = due + dt.timedelta(days=rng.randrange(-10, 5)) if done else None
            clocks.append({"case_id": case_id, "rule_id": rule_id, "starts_at": received,
                           "due_at": due, "remind_at": due, "escalate_at": due,
                           "met_at": max(met, received) if met else None})  # fmt: skip
        # A plan from "plan_drafted" on, approved from "plan_approved" on; most closed cases
        # had one (the others were closed after the assessment).
        if rank >= STEP_RANK["plan_drafted"] and (not closed or rng.random() < 0.75):
            drafted = received + dt.timedelta(days=rng.randrange(2, 45))
            approved = drafted + dt.timedelta(days=rng.randrange(0, 5))
            is_approved = rank >= STEP_RANK["plan_approved"]
            plans.append({"case_id": case_id, "recorded_by_id": user_id, "drafted_at": drafted,
                          "objectives": "Bảo đảm an toàn", "measures": "Tư vấn",
                          "starts_on": approved.date(), "ends_on": approved.date(),
                          "approved_at": approved if is_approved else None,
                          "decision_number": "01/QĐ" if is_approved else "",
                          "decision_date": approved.date() if is_approved else None})  # fmt: skip
        if rng.random() < 0.25:
            due_on = received.date() + dt.timedelta(days=rng.randrange(5, 30))
            done = rng.random() < 0.6
            completed = _moment(rng, due_on - dt.timedelta(days=4), due_on + dt.timedelta(days=3))
            referrals.append({"case_id": case_id, "agency_id": agency_id,
                              "kind": rng.choice(list(ReferralKind)).value, "service": "Hỗ trợ",
                              "due_on": due_on, "state": "completed" if done else "sent",
                              "sharing_basis": "state_duty", "sent_at": received,
                              "completed_at": completed if done else None})  # fmt: skip
    reports = []
    for _ in range(n):
        commune_id, path = rng.choice(communes)
        reports.append({"channel": rng.choice(list(Channel)).value,
                        "received_at": _moment(rng, FIRST_DAY, today), "received_by_id": user_id,
                        "reporter_anonymous": True, "setting": rng.choice(list(Setting)).value,
                        "description": "Thông tin thử nghiệm", "commune_id": commune_id,
                        "unit_path": path, "status": "triaged", "created_by_id": user_id,
                        "idempotency_key": None})  # fmt: skip
    groups = [g[0] for g in _ids("SELECT id FROM children_specialcircumstancegroup"
                                 " WHERE parent_id IS NULL")]  # fmt: skip
    circumstances = [
        {"child_id": c[0], "group_id": rng.choice(groups), "recorded_by_id": user_id,
         "from_date": FIRST_DAY - dt.timedelta(days=rng.randrange(0, 2000))}
        for c in rng.sample(children, min(len(children), scale // 20))
    ]  # fmt: skip
    rows = {
        "cases": copy_rows(Case, cases),
        "concern_types": copy_rows(Case.concern_types.through, types),
        "perpetrators": copy_rows(AllegedPerpetrator, perpetrators),
        "deadlines": copy_rows(CaseDeadline, clocks),
        "plans": copy_rows(Plan, plans),
        "referrals": copy_rows(Referral, referrals),
        "reports": copy_rows(Report, reports),
        "circumstances": copy_rows(ChildCircumstance, circumstances),
    }
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = origin")
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}")
        cursor.execute(
            "INSERT INTO bench_dataset (name, scale, seed, version, generated_at, info)"
            " VALUES ('stats', %s, %s, %s, now(), %s)",
            [scale, seed, VERSION, json.dumps({"rows": rows})],
        )
    return rows
