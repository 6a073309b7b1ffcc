"""Benchmark of the audit log (quality-targets.md, "Audit": "who saw this child" < 2 s).

    python scripts/with_db.py pgbench-audit python -m bench.audit --scale 1000000

On the data of `bench.scale.ensure_scale` (10 × SCALE audit rows over 24 monthly partitions):

- "who saw this child": `cpms.audit.selectors.who_saw` evaluated (rows and actors fetched)
  for `--samples` random children, then as many random cases; p50/p95/p99;
- the plan of that query (EXPLAIN): every partition read through an index, never scanned;
- the write rate of `audit_record` (one row per transaction, as a page view writes it) and
  of `audit_record_many` (batches, as bulk actions write them), interleaved in the same run
  against the full table and against an empty copy of it (same partitions, indexes and
  foreign key, in schema bench_empty), and the ratio full / empty.

Prints readable lines; the last line is one JSON object, also written to
var/bench/audit.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench import OUT_DIR, bootstrap

TARGETS = {"who_saw_p99_s": 2.0}
EMPTY = "bench_empty"


def percentiles(times_ms: list[float]) -> dict[str, float]:
    ordered = sorted(times_ms)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2)

    return {"p50_ms": round(statistics.median(ordered), 2), "p95_ms": at(0.95),
            "p99_ms": at(0.99), "max_ms": round(ordered[-1], 2), "runs": len(ordered)}  # fmt: skip


def time_who_saw(subject_type: str, uids: list[str]) -> dict[str, Any]:
    from cpms.audit.selectors import who_saw

    for uid in uids[:10]:  # warm-up: plans, catalog caches
        list(who_saw(subject_type=subject_type, subject_id=uid))
    times, counts = [], []
    for uid in uids:
        started = time.perf_counter()
        rows = list(who_saw(subject_type=subject_type, subject_id=uid))
        labels = {r.actor.get_username() if r.actor else r.actor_label for r in rows}
        times.append((time.perf_counter() - started) * 1000)
        counts.append(len(rows))
        assert len(labels) <= len(rows)
    return {**percentiles(times), "rows_mean": round(statistics.mean(counts), 1),
            "rows_max": max(counts)}  # fmt: skip


def plan_of(subject_type: str, uid: str) -> dict[str, Any]:
    """Scan nodes of the who_saw query's plan: index-backed when no partition is scanned."""
    from django.db import connection

    from cpms.audit.selectors import who_saw

    sql, params = who_saw(subject_type=subject_type, subject_id=uid).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    scans: dict[str, int] = {}
    indexes: set[str] = set()
    scanned: set[str] = set()

    def walk(node: dict[str, Any]) -> None:
        relation = str(node.get("Relation Name", ""))
        if relation.startswith("audit_auditlog"):
            scans[node["Node Type"]] = scans.get(node["Node Type"], 0) + 1
            if "Index Name" in node:
                indexes.add(node["Index Name"])
            elif "Index" not in node["Node Type"]:
                scanned.add(relation)
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    # The planner reads empty partitions (months to come, the default one) without their
    # index, which costs nothing; a partition holding rows must be read through the index.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relpages > 0",
            [sorted(scanned)],
        )
        scanned_with_rows = sorted(r[0] for r in cursor.fetchall())
    return {
        "scan_nodes": scans,
        "indexes": sorted(indexes)[:2] + (["…"] if len(indexes) > 2 else []),
        "partitions_scanned_without_index": sorted(scanned),
        "index_backed": bool(indexes) and not scanned_with_rows,
    }


def make_empty_copy() -> None:
    """bench_empty.audit_auditlog: the audit table's structure with no rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {EMPTY} CASCADE")
        cursor.execute(f"CREATE SCHEMA {EMPTY}")
        cursor.execute(
            f"CREATE TABLE {EMPTY}.audit_auditlog (LIKE public.audit_auditlog INCLUDING DEFAULTS"
            " INCLUDING IDENTITY INCLUDING CONSTRAINTS INCLUDING STORAGE)"
            " PARTITION BY RANGE (event_time)"
        )
        cursor.execute(f"ALTER TABLE {EMPTY}.audit_auditlog ADD PRIMARY KEY (id, event_time)")
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i"
            " JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = 'public.audit_auditlog'::regclass"
        )
        for name, bound in cursor.fetchall():
            cursor.execute(
                f"CREATE TABLE {EMPTY}.{name} PARTITION OF {EMPTY}.audit_auditlog {bound}"
            )
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
            " AND tablename = 'audit_auditlog' AND indexname <> 'audit_auditlog_pkey'"
        )
        for (definition,) in cursor.fetchall():
            cursor.execute(
                definition.replace(" ON ONLY public.", f" ON {EMPTY}.", 1).replace(
                    " ON public.", f" ON {EMPTY}.", 1
                )
            )
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = 'public.audit_auditlog'::regclass AND contype = 'f'"
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {EMPTY}.audit_auditlog ADD CONSTRAINT {name} {definition}")


def write_rates(rounds: int, singles: int, batches: int, batch_size: int) -> dict[str, Any]:
    """Rows/s of audit_record and of batched writes, full table vs empty copy, interleaved."""
    from django.db import connection, transaction

    from cpms.accounts.models import User
    from cpms.audit.models import AuditEvent
    from cpms.audit.services import audit_record, audit_record_many

    actor = User.objects.filter(username__startswith="bench-xa").first()
    rng = random.Random(5)
    seconds: dict[str, float] = {"single_full": 0, "single_empty": 0, "batch_full": 0,
                                 "batch_empty": 0}  # fmt: skip

    def single() -> None:
        for _ in range(singles):
            with transaction.atomic():
                audit_record(event=AuditEvent.READ, actor=actor, subject_type="children.child",
                             subject_id=f"{rng.getrandbits(128):032x}")  # fmt: skip

    def batch() -> None:
        for _ in range(batches):
            rows = [{"subject_type": "children.child", "subject_id": f"{rng.getrandbits(128):032x}"}
                    for _ in range(batch_size)]  # fmt: skip
            with transaction.atomic():
                audit_record_many(event=AuditEvent.EXPORT, actor=actor, rows=rows)

    def run(name: str, schema: str, fn: Callable[[], None]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SET search_path TO {schema}, public")
        started = time.perf_counter()
        fn()
        seconds[name] += time.perf_counter() - started

    for _ in range(rounds):
        for kind, fn in (("single", single), ("batch", batch)):
            run(f"{kind}_full", "public", fn)
            run(f"{kind}_empty", EMPTY, fn)
    with connection.cursor() as cursor:
        cursor.execute("SET search_path TO public")
    rows = {"single": rounds * singles, "batch": rounds * batches * batch_size}
    out: dict[str, Any] = {}
    for kind in ("single", "batch"):
        full = rows[kind] / seconds[f"{kind}_full"]
        empty = rows[kind] / seconds[f"{kind}_empty"]
        out[kind] = {"rows": rows[kind], "full_per_s": round(full), "empty_per_s": round(empty),
                     "ratio_full_to_empty": round(full / empty, 2)}  # fmt: skip
    out["batch"]["batch_size"] = batch_size
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--samples", type=int, default=200, help="children, and cases, timed")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved write rounds")
    args = parser.parse_args(argv)
    bootstrap()
    from django.db import connection

    from bench.scale import ensure_scale

    data = ensure_scale(args.scale, args.seed)
    rng = random.Random(args.seed + 3)
    with connection.cursor() as cursor:
        cursor.execute("SELECT uid::text FROM children_child ORDER BY id")
        children = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT uid::text FROM cases_case ORDER BY id")
        cases = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM audit_auditlog")
        (audit_rows,) = cursor.fetchone()
    child_sample = rng.sample(children, min(args.samples, len(children)))
    case_sample = rng.sample(cases, min(args.samples, len(cases)))
    del children, cases
    result: dict[str, Any] = {"scale": args.scale, "seed": args.seed, "audit_rows": audit_rows,
                              "generation_seconds": data["seconds"]}  # fmt: skip
    result["plan"] = plan_of("children.child", child_sample[0])
    result["who_saw_child"] = time_who_saw("children.child", child_sample)
    result["who_saw_case"] = time_who_saw("cases.case", case_sample)
    make_empty_copy()
    try:
        result["write"] = write_rates(args.rounds, singles=200, batches=10, batch_size=500)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {EMPTY} CASCADE")
    worst = max(result["who_saw_child"]["p99_ms"], result["who_saw_case"]["p99_ms"]) / 1000
    result["targets"] = {**TARGETS, "met": worst < TARGETS["who_saw_p99_s"]
                         and result["plan"]["index_backed"]}  # fmt: skip
    c, k, w = result["who_saw_child"], result["who_saw_case"], result["write"]
    print(f"scale {args.scale:,}: {audit_rows:,} audit rows")
    print(f"plan: {result['plan']}")
    print(f"who saw this child ({c['runs']}): p50 {c['p50_ms']} ms, p95 {c['p95_ms']} ms,"
          f" p99 {c['p99_ms']} ms; {c['rows_mean']} rows on average")  # fmt: skip
    print(f"who saw this case ({k['runs']}): p50 {k['p50_ms']} ms, p95 {k['p95_ms']} ms,"
          f" p99 {k['p99_ms']} ms; {k['rows_mean']} rows on average")  # fmt: skip
    for kind in ("single", "batch"):
        print(
            f"audit writes, {kind}: {w[kind]['full_per_s']}/s with the rows present,"
            f" {w[kind]['empty_per_s']}/s empty (ratio {w[kind]['ratio_full_to_empty']})"
        )
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    line = json.dumps(result, default=str)
    (OUT_DIR / "audit.json").write_text(line + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
