"""Benchmark of the statistics (quality-targets.md, "Dashboard for a province" and "Periodic
statistical report").

    python scripts/with_db.py pgbench-stats python -m bench.stats --scale 100000

Generates SCALE children (bench.generate) and 20 % of SCALE reports and cases
(bench.stats_data), then times, in the same run and interleaved:

- the province dashboard's computation path (cpms.stats.selectors.dashboard_tables: every
  active indicator, protected, historical communes rolled up) for this year so far;
- the yearly report's tables (cpms.stats.tables.report_tables, kind "yearly", protected) for
  the province's communes over last year;
- for each, hand-written SQL doing the same aggregation: one statement per source that counts
  the same things by the same breakdowns with GROUPING SETS (no suppression, no labels).

The dashboard above commune level reads the cube (cpms/stats/cube/), which the worker rebuilds
when the data changed: the build is timed once, then the dashboard is timed through the cube
(`dashboard`), with the time its own SQL statements took (`dashboard_own_sql`, so the ratio
shows what Python adds), and through the live path (`dashboard_live`), against the hand-written
SQL. The yearly report is timed end to end: its tables, then the DOCX and the XLSX of a
province report holding them (cpms/reports).

Prints readable lines; the last line is one JSON object, also written to
var/bench/stats-<scale>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench import OUT_DIR, bootstrap

PROGRAMME_CALCULATORS = ("training_coverage", "campaign_reach", "inspection_recommendations")
TARGETS = {"dashboard_p95_ms": 500.0, "dashboard_ratio": 2.0, "yearly_report_s": 5.0}
AREA = (
    "JOIN unnest(%(src)s::bigint[], %(dst)s::bigint[]) AS area(source, target)"
    " ON area.source = {col}"
)
# Hand-written: each source once, every breakdown of the seeded indicators as grouping sets.
HAND_SQL = {
    "abused_children": """
WITH first AS (
  SELECT DISTINCT ON (c.child_id) c.id, c.child_id, c.commune_id, c.setting, c.received_at
  FROM cases_case c
  WHERE c.received_at >= %(since)s AND c.received_at < %(until)s
    AND c.commune_id = ANY(%(src)s)
    AND EXISTS (SELECT 1 FROM cases_case_concern_types x JOIN intake_concerntype t
                ON t.id = x.concerntype_id WHERE x.case_id = c.id AND t.is_abuse)
  ORDER BY c.child_id, c.received_at, c.id
), base AS (
  SELECT f.child_id, ch.sex, f.setting, area.target,
    width_bucket(date_part('year', age((f.received_at AT TIME ZONE %(tz)s)::date,
                                       ch.birth_date)), ARRAY[0, 6, 11, 16, 18]) AS band,
    COALESCE(p.relationship, 'unknown') AS relation, COALESCE(tp.code, t.code) AS abuse
  FROM first f JOIN children_child ch ON ch.id = f.child_id
  """
    + AREA.format(col="f.commune_id")
    + """
  LEFT JOIN cases_allegedperpetrator p ON p.case_id = f.id AND p.withdrawn_at IS NULL
  LEFT JOIN cases_case_concern_types x ON x.case_id = f.id
  LEFT JOIN intake_concerntype t ON t.id = x.concerntype_id AND t.is_abuse
  LEFT JOIN intake_concerntype tp ON tp.id = t.parent_id
)
SELECT band, setting, abuse, relation, target, sex, COUNT(DISTINCT child_id) FROM base
GROUP BY GROUPING SETS ((band, sex), (band), (setting, sex), (setting), (abuse, sex), (abuse),
  (relation, sex), (relation), (target, sex), (target), (sex), ())""",
    "circumstances": """
SELECT COALESCE(gp.code, g.code) AS grp, area.target,
  EXISTS (SELECT 1 FROM cases_case cs WHERE cs.child_id = ch.id AND cs.received_at < %(until)s
          AND (cs.closed_at IS NULL OR cs.closed_at >= %(since)s)) AS helped,
  COUNT(DISTINCT ch.id)
FROM children_childcircumstance cc JOIN children_specialcircumstancegroup g ON g.id = cc.group_id
LEFT JOIN children_specialcircumstancegroup gp ON gp.id = g.parent_id
JOIN children_child ch ON ch.id = cc.child_id """
    + AREA.format(col="ch.commune_id")
    + """
WHERE cc.from_date <= %(end)s AND (cc.to_date IS NULL OR cc.to_date >= %(start)s)
  AND ch.archived_at IS NULL AND ch.merged_into_id IS NULL
GROUP BY GROUPING SETS ((grp, helped), (grp), (target, helped), (target), (helped), ())""",
    "reports": """
SELECT r.channel, r.setting, area.target, COUNT(DISTINCT r.id) FROM intake_report r
"""
    + AREA.format(col="r.commune_id")
    + """
WHERE r.received_at >= %(since)s AND r.received_at < %(until)s
GROUP BY GROUPING SETS ((r.channel), (r.setting), (area.target), ())""",
    "cases": """
SELECT cs.state, cs.protection_level, area.target, COUNT(DISTINCT cs.id) FROM cases_case cs
"""
    + AREA.format(col="cs.commune_id")
    + """
WHERE cs.received_at < %(until)s AND (cs.closed_at IS NULL OR cs.closed_at >= %(since)s)
GROUP BY GROUPING SETS ((cs.state, cs.protection_level), (cs.state),
  (area.target, cs.protection_level), (area.target), (cs.protection_level), ())""",
    "levels": """
WITH latest AS (
  SELECT DISTINCT ON (c.child_id) c.child_id, c.commune_id, c.protection_level FROM cases_case c
  WHERE c.received_at < %(until)s AND (c.closed_at IS NULL OR c.closed_at >= %(since)s)
    AND c.commune_id = ANY(%(src)s)
  ORDER BY c.child_id, c.received_at DESC, c.id DESC)
SELECT l.protection_level, ch.sex, area.target, COUNT(DISTINCT l.child_id) FROM latest l
JOIN children_child ch ON ch.id = l.child_id """
    + AREA.format(col="l.commune_id")
    + """
GROUP BY GROUPING SETS ((l.protection_level, ch.sex), (l.protection_level), (area.target, ch.sex),
  (area.target), (ch.sex), ())""",
    "clocks": """
SELECT r.code, area.target,
  CASE WHEN d.met_at IS NOT NULL AND d.met_at <= d.due_at THEN 1 WHEN d.met_at IS NOT NULL THEN 2
       WHEN d.due_at < %(asof)s THEN 3 ELSE 4 END AS status, COUNT(DISTINCT d.id)
FROM cases_casedeadline d JOIN cases_case cs ON cs.id = d.case_id
JOIN cases_deadlinerule r ON r.id = d.rule_id """
    + AREA.format(col="cs.commune_id")
    + """
WHERE d.cancelled_at IS NULL AND d.due_at >= %(since)s AND d.due_at < %(until)s
GROUP BY GROUPING SETS ((r.code, status), (r.code), (area.target, status), (area.target),
  (status), ())""",
    "plans": """
WITH pd AS (
  SELECT cs.id, cs.commune_id,
    EXTRACT(EPOCH FROM (MIN(p.approved_at) - cs.received_at)) / 86400.0 AS days
  FROM cases_case cs JOIN cases_plan p ON p.case_id = cs.id
  WHERE p.approved_at IS NOT NULL AND cs.commune_id = ANY(%(src)s) GROUP BY cs.id
  HAVING MIN(p.approved_at) >= %(since)s AND MIN(p.approved_at) < %(until)s)
SELECT width_bucket(days, ARRAY[7, 15, 30]) AS band, area.target, COUNT(DISTINCT pd.id),
  percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
FROM pd """
    + AREA.format(col="pd.commune_id")
    + """
GROUP BY GROUPING SETS ((band), (area.target), ())""",
    "referrals": """
SELECT rf.kind, area.target,
  CASE WHEN rf.completed_at IS NOT NULL
            AND (rf.completed_at AT TIME ZONE %(tz)s)::date <= rf.due_on THEN 1
       WHEN rf.completed_at IS NOT NULL THEN 2 WHEN rf.due_on < %(asof_day)s THEN 3
       ELSE 4 END AS status, COUNT(DISTINCT rf.id)
FROM referrals_referral rf JOIN cases_case cs ON cs.id = rf.case_id
"""
    + AREA.format(col="cs.commune_id")
    + """
WHERE rf.due_on >= %(start)s AND rf.due_on <= %(end)s
  AND rf.state NOT IN ('declined', 'cancelled')
GROUP BY GROUPING SETS ((rf.kind, status), (rf.kind), (area.target, status), (area.target),
  (status), ())""",
}


def hand_sql(commune_ids: list[int], start: dt.date, end: dt.date) -> dict[str, list[Any]]:
    """Every source's figures by hand-written SQL (the roll-up of old communes included)."""
    from django.db import connection
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute(
            "WITH RECURSIVE walk(root, id) AS (SELECT x, x FROM unnest(%s::bigint[]) x UNION"
            " SELECT walk.root, l.predecessor_id FROM walk JOIN geography_adminunitsuccession l"
            " ON l.successor_id = walk.id)"
            " SELECT walk.id, walk.root FROM walk JOIN geography_adminunit u ON u.id = walk.id"
            " WHERE u.level = 'commune'",
            [commune_ids],
        )
        pairs = cursor.fetchall()
        tz = dt.timezone(dt.timedelta(hours=7))
        since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
        until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        params: dict[str, Any] = {
            "src": [p[0] for p in pairs],
            "dst": [p[1] for p in pairs],
            "since": since,
            "until": until,
            "start": start,
            "end": end,
            "tz": "Asia/Ho_Chi_Minh",
            "asof": min(timezone.now(), until),
            "asof_day": min(timezone.localdate(), end + dt.timedelta(days=1)),
        }
        out = {}
        for name, sql in HAND_SQL.items():
            cursor.execute(sql, params)
            out[name] = cursor.fetchall()
    return out


def timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1),
            "runs": len(ordered)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each")
    args = parser.parse_args(argv)
    bootstrap()
    from django.core.cache import cache
    from django.db import connection
    from django.utils import timezone, translation

    from bench.generate import generate
    from cpms.accounts.models import Agency, AgencyKind, User
    from cpms.accounts.services import agency_create, user_create
    from cpms.documents import render_docx
    from cpms.geography.demo import seed_demo_geography
    from cpms.reports.document import report_document
    from cpms.reports.figures import protect as protect_dicts
    from cpms.reports.figures import to_dict
    from cpms.reports.models import PeriodicReport
    from cpms.reports.xlsx import write_workbook
    from cpms.stats.cube import current_cube
    from cpms.stats.cube.build import build_cube
    from cpms.stats.selectors import dashboard_tables, unit_communes
    from cpms.stats.tables import report_tables

    translation.activate("vi")
    started = time.perf_counter()
    generate(args.scale, args.seed)
    geo = seed_demo_geography()
    user = User.objects.filter(username="bench-stats").first() or user_create(
        actor=None, username="bench-stats", password=None, full_name="Đo hiệu năng thống kê"
    )
    agency = Agency.objects.filter(name="Công an (đo hiệu năng)").first() or agency_create(
        actor=None, name="Công an (đo hiệu năng)", kind=AgencyKind.POLICE, admin_unit=geo.province
    )
    from bench.stats_data import generate_cases

    rows = generate_cases(args.scale, args.seed, user_id=user.pk, agency_id=agency.pk)
    print(f"data ready in {time.perf_counter() - started:.0f} s: {rows}")
    province = geo.province
    communes = unit_communes(province)
    today = timezone.localdate()
    year_start = today.replace(month=1, day=1)
    last_year = (dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))

    from cpms.stats.models import Indicator

    # The hand-written SQL covers the case data; programme figures (cpms.programmes, no
    # generated data) are timed apart, with the whole dashboard.
    case_indicators = list(
        Indicator.objects.filter(active=True).exclude(calculator__in=PROGRAMME_CALCULATORS)
    )

    build_started = time.perf_counter()
    build = build_cube()
    cube_build_s = round(time.perf_counter() - build_started, 1)
    print(f"cube built in {cube_build_s} s ({build.points:,} points)")
    sql_ms: list[float] = []

    def count_sql(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_ms[-1] += (time.perf_counter() - started) * 1000

    def board() -> Any:
        """The dashboard's path above commune level: the newest cube, then every table."""
        sql_ms.append(0.0)
        with connection.execute_wrapper(count_sql):
            return dashboard_tables(
                unit=province,
                start=year_start,
                end=today,
                protect=True,
                indicators=case_indicators,
                cube=current_cube(),
            )

    def board_live() -> Any:
        return dashboard_tables(
            unit=province, start=year_start, end=today, protect=True, indicators=case_indicators
        )

    def board_all() -> Any:
        return dashboard_tables(
            unit=province, start=year_start, end=today, protect=True, cube=current_cube()
        )

    def yearly() -> Any:
        """A province's yearly report end to end: tables, then its DOCX and XLSX."""
        tables = report_tables(
            commune_ids=communes, start=last_year[0], end=last_year[1], kind="yearly", protect=False
        )
        own = [to_dict(t) for t in tables]
        report = PeriodicReport(
            unit=province,
            kind="yearly",
            period_start=last_year[0],
            period_end=last_year[1],
            due_on=last_year[1] + dt.timedelta(days=15),
        )
        report.figures, report.figures_protected, report.sources = own, protect_dicts(own), {}
        docx = render_docx(report_document(report))
        xlsx = io.BytesIO()
        write_workbook(xlsx, report, report.figures_protected)
        return tables, len(docx), len(xlsx.getvalue())

    def board_sql() -> Any:
        return hand_sql(communes, year_start, today)

    def yearly_sql() -> Any:
        return hand_sql(communes, *last_year)

    for fn in (board, board_live, yearly, board_sql, yearly_sql):  # warm-up (plans, caches)
        fn()
    cache.clear()
    sql_ms.clear()
    runs: dict[str, list[float]] = {
        "board": [], "board_sql": [], "board_all": [], "board_live": [], "yearly": [],
        "yearly_sql": [],
    }  # fmt: skip
    tables: Any = None
    for i in range(args.runs):  # interleaved so that machine noise hits both sides alike
        steps = [("board", board), ("board_sql", board_sql), ("board_all", board_all)]
        if i % 5 == 0:  # the live path is slow: a fifth as many runs
            steps.append(("board_live", board_live))
        for name, fn in steps:
            t, result = timed(fn, 1)
            runs[name] += t
            tables = result if name == "board" else tables
    live_tables = board_live()
    sizes: tuple[int, int] = (0, 0)
    for _ in range(max(3, args.runs // 5)):
        for name, fn in (("yearly", yearly), ("yearly_sql", yearly_sql)):
            t, result = timed(fn, 1)
            runs[name] += t
            sizes = result[1:] if name == "yearly" else sizes
    check = hand_sql(communes, year_start, today)
    # the grand total is the largest all-NULL row (a NULL breakdown value looks the same)
    abused_total = max(r[-1] for r in check["abused_children"] if r[:6] == (None,) * 6)
    [table_0101] = [t for t in tables if t.indicator_code == "0101" and t.row_label == "Nhóm tuổi"]
    result = {
        "scale": args.scale,
        "seed": args.seed,
        "rows": rows,
        "communes": len(communes),
        "dashboard_tables": len(tables),
        "cube_build_s": cube_build_s,
        "cube_points": build.points,
        "dashboard": summary(runs["board"]),
        "dashboard_own_sql": summary(sql_ms),
        "dashboard_live": summary(runs["board_live"]),
        "dashboard_cube_equals_live": tables == live_tables,
        "dashboard_sql": summary(runs["board_sql"]),
        "dashboard_with_programmes": summary(runs["board_all"]),
        "yearly_report": summary(runs["yearly"]),
        "yearly_report_docx_xlsx_bytes": list(sizes),
        "yearly_report_sql": summary(runs["yearly_sql"]),
        "abused_children_this_year": {"app": table_0101.total, "sql": abused_total},
    }
    result["dashboard_ratio_p50"] = round(
        result["dashboard"]["p50_ms"] / result["dashboard_sql"]["p50_ms"], 2
    )
    result["dashboard_own_sql_ratio_p50"] = round(
        result["dashboard"]["p50_ms"] / result["dashboard_own_sql"]["p50_ms"], 2
    )
    result["yearly_ratio_p50"] = round(
        result["yearly_report"]["p50_ms"] / result["yearly_report_sql"]["p50_ms"], 2
    )
    result["targets"] = TARGETS
    d, s = result["dashboard"], result["dashboard_sql"]
    y, ys = result["yearly_report"], result["yearly_report_sql"]
    print(f"scale {args.scale:,} children; {len(communes)} communes; {len(tables)} tables")
    own, live = result["dashboard_own_sql"], result["dashboard_live"]
    print(f"province dashboard (cube): p50 {d['p50_ms']} ms, p95 {d['p95_ms']} ms")
    print(f"  its own SQL statements: p50 {own['p50_ms']} ms;"
          f" ratio (p50) {result['dashboard_own_sql_ratio_p50']}")  # fmt: skip
    print(f"  live path (no cube): p50 {live['p50_ms']} ms, p95 {live['p95_ms']} ms;"
          f" same tables: {result['dashboard_cube_equals_live']}")  # fmt: skip
    print(f"  hand-written SQL (live): p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms;"
          f" ratio (p50) {result['dashboard_ratio_p50']}")  # fmt: skip
    whole = result["dashboard_with_programmes"]
    print(
        f"  whole dashboard with programme figures: p50 {whole['p50_ms']}, p95 {whole['p95_ms']} ms"
    )
    print(f"yearly report, tables + DOCX + XLSX: p50 {y['p50_ms']} ms, p95 {y['p95_ms']} ms")
    print(f"  hand-written SQL: p50 {ys['p50_ms']} ms, p95 {ys['p95_ms']} ms;"
          f" ratio (p50) {result['yearly_ratio_p50']}")  # fmt: skip
    print(f"abused children this year (0101): {table_0101.total}; SQL: {abused_total}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    line = json.dumps(result, default=str)
    (OUT_DIR / f"stats-{args.scale}.json").write_text(line + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
