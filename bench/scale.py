"""Scale data for the benchmarks: children, reports and cases, and the audit log.

    python scripts/with_db.py pgbench-audit python -m bench.scale --scale 1000000

`ensure_scale(scale, seed)` fills the benchmark database with "scale S" data when scale is
1,000,000 (quality-targets.md): SCALE children (bench.generate), 20 % of SCALE reports and
cases through every workflow step (bench.stats_data), and 10 × SCALE audit rows
(`generate_audit`). Each phase is timed and printed; each is a no-op when its `bench_dataset`
row says the same scale and seed are there.

Audit rows have the shape the application writes: actors are generated staff of the
communes (four per commune, plus province officers); most rows are reads of children (the
children of open cases more often) and of cases, with reports read, updates, creations,
subject-access exports, logins and logouts, failed logins and refusals; subjects are
(`children.child` | `cases.case` | `intake.report`, uid) as the views record them, with the
commune in `admin_unit_id` and the page's path. Event times cover the last 24 months (a
little more each month), so every monthly partition is used; rows are made month by month in
time order and streamed to COPY on the partitioned table, which routes them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from bench import bootstrap

AUDIT_VERSION = 1
AUDIT_PER_CHILD = 10
MONTHS = 24
STAFF_PER_COMMUNE = 4
PROVINCE_STAFF = 12
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CHUNK = 50_000
# (event, subject kind, share %): what staff do in the register, by volume.
EVENT_MIX: list[tuple[str, str, float]] = [
    ("read", "child", 46.0),
    ("read", "case", 24.0),
    ("read", "report", 5.0),
    ("update", "child", 3.0),
    ("update", "case", 5.0),
    ("create", "child", 0.7),
    ("create", "case", 0.5),
    ("export", "child", 0.3),
    ("login", "", 9.0),
    ("logout", "", 4.5),
    ("login_failed", "", 1.0),
    ("denied", "child", 0.3),
    ("out_of_scope", "child", 0.4),
    ("out_of_scope", "case", 0.3),
]
SUBJECT_TYPES = {"child": "children.child", "case": "cases.case", "report": "intake.report"}
PATHS = {"child": "/children/{}/", "case": "/cases/{}/", "report": "/reports/{}/"}
AUDIT_COLUMNS = (
    "event_time, actor_id, actor_label, event_type, subject_type, subject_id, admin_unit_id,"
    " ip, path, extra_data"
)


def log(message: str) -> None:
    print(message, flush=True)


def _timed(name: str, fn: Callable[[], Any], timings: dict[str, float]) -> Any:
    started = time.perf_counter()
    result = fn()
    timings[name] = round(time.perf_counter() - started, 1)
    log(f"{name}: {timings[name]} s")
    return result


def _fetch(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return list(cursor.fetchall())


def bench_owner() -> tuple[int, int]:
    """The user and agency the generated cases are recorded by (as bench.stats makes them)."""
    from cpms.accounts.models import Agency, AgencyKind, User
    from cpms.accounts.services import agency_create, user_create
    from cpms.geography.demo import seed_demo_geography

    geo = seed_demo_geography()
    user = User.objects.filter(username="bench-stats").first() or user_create(
        actor=None, username="bench-stats", password=None, full_name="Đo hiệu năng thống kê"
    )
    agency = Agency.objects.filter(name="Công an (đo hiệu năng)").first() or agency_create(
        actor=None, name="Công an (đo hiệu năng)", kind=AgencyKind.POLICE, admin_unit=geo.province
    )
    return user.pk, agency.pk


def ensure_staff() -> tuple[dict[int, list[tuple[int, str]]], list[tuple[int, str]]]:
    """Staff accounts per commune that holds children, and province officers (made once):
    ({commune id: [(user id, username)]}, [(user id, username)])."""
    from cpms.accounts.models import User
    from cpms.accounts.services import user_create

    communes = [r[0] for r in _fetch("SELECT DISTINCT commune_id FROM children_child")]
    wanted = [f"bench-xa{c}-{k}" for c in communes for k in range(1, STAFF_PER_COMMUNE + 1)]
    wanted += [f"bench-tinh-{k}" for k in range(1, PROVINCE_STAFF + 1)]
    have = dict(User.objects.filter(username__in=wanted).values_list("username", "pk"))
    for name in wanted:
        if name not in have:
            have[name] = user_create(actor=None, username=name, password=None, full_name=name).pk
    by_commune = {
        c: [(have[f"bench-xa{c}-{k}"], f"bench-xa{c}-{k}") for k in range(1, STAFF_PER_COMMUNE + 1)]
        for c in communes
    }
    province = [(have[f"bench-tinh-{k}"], f"bench-tinh-{k}") for k in range(1, PROVINCE_STAFF + 1)]
    return by_commune, province


def _month_starts(today: dt.date) -> list[dt.date]:
    first = today.year * 12 + today.month - 1 - (MONTHS - 1)
    return [dt.date((first + i) // 12, (first + i) % 12 + 1, 1) for i in range(MONTHS)]


def _subjects(sql: str) -> tuple[list[str], list[int]]:
    """(uid strings, commune ids) of a table, read in chunks."""
    uids: list[str] = []
    communes: list[int] = []
    raw = connection.connection
    assert raw is not None
    with raw.cursor(name="bench_subjects") as cursor:
        cursor.itersize = 100_000
        cursor.execute(sql)
        for uid, commune_id in cursor:
            uids.append(str(uid))
            communes.append(commune_id)
    return uids, communes


class Sources:
    """What audit rows refer to, read before the COPY starts (the connection is busy then)."""

    def __init__(self) -> None:
        self.staff, self.province = ensure_staff()
        with transaction.atomic():  # a server-side cursor needs a transaction
            self.pools = {
                "child": _subjects("SELECT uid, commune_id FROM children_child ORDER BY id"),
                "case": _subjects("SELECT uid, commune_id FROM cases_case ORDER BY id"),
                "report": _subjects("SELECT uid, commune_id FROM intake_report ORDER BY id"),
            }
        # Children with a case are read far more often than the rest of the register.
        self.case_child = [r[0] for r in _fetch(
            "SELECT ch.uid::text FROM cases_case c JOIN children_child ch ON ch.id = c.child_id"
            " ORDER BY c.id"
        )]  # fmt: skip


def audit_lines(total: int, seed: int, today: dt.date, sources: Sources) -> Iterator[str]:
    """COPY text for `total` audit rows, month by month in time order, CHUNK rows at a time."""
    rng = random.Random(seed + 11)
    staff, province = sources.staff, sources.province
    pools, case_child = sources.pools, sources.case_child
    cases = pools["case"]
    kinds = [(e, k) for e, k, _ in EVENT_MIX]
    weights = [w for _, _, w in EVENT_MIX]
    all_staff = [s for group in staff.values() for s in group] + province
    communes = list(staff)
    months = _month_starts(today)
    # A little more use each month (the register fills up): weights 1.0 … 2.0.
    month_weights = [1 + i / (MONTHS - 1) for i in range(MONTHS)]
    scale = total / sum(month_weights)
    counts = [round(w * scale) for w in month_weights]
    counts[-1] += total - sum(counts)
    now = dt.datetime.now(TZ)
    for start, count in zip(months, counts, strict=True):
        end = min(
            now,
            dt.datetime(start.year + start.month // 12, start.month % 12 + 1, 1, tzinfo=TZ),
        )
        base = dt.datetime(start.year, start.month, 1, tzinfo=TZ).timestamp()
        span = int(end.timestamp() - base)
        # Office hours mostly: a second of the month drawn, then pulled into 7:00–18:00 for 90 %.
        moments = []
        for _ in range(count):
            second = rng.randrange(span)
            if rng.random() < 0.9:
                second = second - second % 86400 + 25200 + rng.randrange(39600)
                second = min(second, span - 1)
            moments.append(second)
        moments.sort()
        lines: list[str] = []
        for picked, second in zip(rng.choices(kinds, weights, k=count), moments, strict=True):
            event, kind = picked
            when = dt.datetime.fromtimestamp(base + second, TZ).isoformat()
            ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            if not kind:
                actor_id, label = rng.choice(all_staff)
                path = "/accounts/login/" if event != "logout" else "/accounts/logout/"
                lines.append(f"{when}\t{actor_id}\t{label}\t{event}\t\t\t\\N\t{ip}\t{path}\t{{}}\n")
            else:
                uids, subject_communes = pools[kind]
                if not uids:
                    continue
                if kind == "child" and case_child and rng.random() < 0.5:
                    index = rng.randrange(len(case_child))
                    uid = case_child[index]
                    commune = cases[1][index]
                else:
                    index = rng.randrange(len(uids))
                    uid, commune = uids[index], subject_communes[index]
                if event == "out_of_scope":  # someone of another commune tries the address
                    actor_id, label = rng.choice(staff[rng.choice(communes)])
                elif rng.random() < 0.12:
                    actor_id, label = rng.choice(province)
                else:
                    actor_id, label = rng.choice(staff.get(commune) or province)
                refused = event in ("denied", "out_of_scope")
                extra = f'{{"need": "{kind}.view"}}' if refused else "{}"
                path = PATHS[kind].format(uid) + ("edit/" if event == "update" else "")
                lines.append(
                    f"{when}\t{actor_id}\t{label}\t{event}\t{SUBJECT_TYPES[kind]}\t{uid}\t"
                    f"{commune}\t{ip}\t{path}\t{extra}\n"
                )
            if len(lines) >= CHUNK:
                yield "".join(lines)
                lines = []
        if lines:
            yield "".join(lines)


def _audit_indexes() -> list[tuple[str, str]]:
    """(name, definition) of the audit table's indexes that back no constraint."""
    return [
        (name, definition)
        for name, definition in _fetch(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i"
            " WHERE i.tablename = 'audit_auditlog' AND i.schemaname = current_schema()"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
            "  WHERE c.conindid = (quote_ident(i.indexname))::regclass)"
        )
    ]


def generate_audit(scale: int, seed: int) -> dict[str, Any]:
    """AUDIT_PER_CHILD × scale audit rows (nothing to do when already there)."""
    from bench.generate import dataset_info

    info = dataset_info("audit")
    if info and (info["scale"], info["seed"], info["version"]) == (scale, seed, AUDIT_VERSION):
        return {k: v for k, v in info.items() if k not in ("at",)}
    started = time.perf_counter()
    today = timezone.localdate()
    first = _month_starts(today)[0]
    last = dt.date(today.year + 1, today.month, 1)
    total = AUDIT_PER_CHILD * scale
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_ensure_partitions(%s, %s)", [first, last])
        # Deferred foreign-key checks of rows just written (the staff accounts' own audit
        # rows, in a caller's transaction) would make TRUNCATE refuse: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE audit_auditlog")
        cursor.execute("DELETE FROM bench_dataset WHERE name = 'audit'")
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET synchronous_commit = off")
    dropped = _audit_indexes()
    for name, _definition in dropped:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP INDEX "{name}"')
    sources = Sources()
    log(f"  audit sources read ({time.perf_counter() - started:.0f} s)")
    raw = connection.connection
    assert raw is not None
    loaded, shown = 0, 1_000_000
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY audit_auditlog ({AUDIT_COLUMNS}) FROM STDIN") as copy,
    ):
        for text in audit_lines(total, seed, today, sources):
            copy.write(text)
            loaded += text.count("\n")
            if loaded >= shown:
                shown += 1_000_000
                log(f"  audit rows: {loaded:,} ({time.perf_counter() - started:.0f} s)")
    copied = time.perf_counter()
    with connection.cursor() as cursor:
        for _name, definition in dropped:
            # pg_indexes shows a partitioned index "ON ONLY" the parent: that would make an
            # empty, invalid index; without ONLY every partition gets its index.
            cursor.execute(definition.replace(" ON ONLY ", " ON ", 1))
        indexed = time.perf_counter()
        cursor.execute("ANALYZE audit_auditlog")
        cursor.execute("SET session_replication_role = origin")
        cursor.execute(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_auditlog'::regclass"
        )
        (partitions,) = cursor.fetchone()
        result = {
            "rows": loaded,
            "partitions": partitions,
            "copy_seconds": round(copied - started, 1),
            "index_seconds": round(indexed - copied, 1),
        }
        cursor.execute(
            "INSERT INTO bench_dataset (name, scale, seed, version, generated_at, info)"
            " VALUES ('audit', %s, %s, %s, now(), %s)",
            [scale, seed, AUDIT_VERSION, json.dumps(result)],
        )
    return {"scale": scale, "seed": seed, "version": AUDIT_VERSION, **result}


def ensure_scale(scale: int, seed: int) -> dict[str, Any]:
    """Children, reports and cases, audit rows at this scale; returns the counts and the
    seconds each phase took (about 0 when it was already there)."""
    from bench.generate import generate
    from bench.stats_data import generate_cases

    timings: dict[str, float] = {}
    _timed("children", lambda: generate(scale, seed), timings)
    user_id, agency_id = bench_owner()
    rows = _timed(
        "reports_and_cases",
        lambda: generate_cases(scale, seed, user_id=user_id, agency_id=agency_id),
        timings,
    )
    audit = _timed("audit", lambda: generate_audit(scale, seed), timings)
    return {"scale": scale, "seed": seed, "rows": rows, "audit": audit, "seconds": timings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    bootstrap()
    started = time.perf_counter()
    result = ensure_scale(args.scale, args.seed)
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
