"""Load benchmark of the case page against a bare reference view (quality-targets.md,
"Authenticated, area-scoped, audited case detail page").

    python scripts/with_db.py pgbench-load python -m bench.load --scale 10000 --duration 30

Generates SCALE children (bench.generate) and 20 % of SCALE cases (bench.stats_data), signs in
a commune worker and an area officer (real session rows, marked as after the password and the
second factor), and serves the application with gunicorn (bench/loadsite: production settings,
DEBUG off) on 127.0.0.1. wrk (bench/wrk/rotate.lua) then requests, in the same run and
alternately (ROUNDS rounds, the order swapped every round):

- the case page /cases/<uid>/ (login, 2FA and session-lifetime checks, area scope, the case
  and everything it shows, one audit row);
- the reference view /bench/reference/<uid>/: session → user → one indexed row → one audit
  insert, through the same middleware;

with the same sessions and the same in-scope case ids. Afterwards it checks that every request
was answered 200 (by wrk's count and the server's access log) and that the audit table got
exactly one row per case page the server answered, and no refusal.

Prints readable lines; the last line is one JSON object, also written to var/bench/load.json.
Exits 1 when a request failed or the audit rows do not match (not when a timing target is
missed: those are reported).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import OUT_DIR, bootstrap
from bench.loadsite.server import (
    Server,
    collectstatic,
    gunicorn,
    require_wrk,
    run_wrk,
    use_bench_secret_key,
)

TARGETS = {"case_rps": 150.0, "case_p95_ms": 300.0, "case_to_reference": 0.40}
KINDS = {"reference": ("bench", "/bench/reference/{}/"), "case": ("cases", "/cases/{}/")}


def _request_lines(sessions: dict[str, list[str]], uids: dict[str, list[str]], n: int) -> list:
    """n (cookie, uid) pairs, alternating personas; consecutive lines use different sessions."""
    from django.conf import settings

    personas = sorted(sessions)
    lines = []
    for i in range(n):
        persona = personas[i % len(personas)]
        k = i // len(personas)
        session = sessions[persona][k % len(sessions[persona])]
        lines.append(
            (f"{settings.SESSION_COOKIE_NAME}={session}", uids[persona][k % len(uids[persona])])
        )
    return lines


def _audit_counts(user_ids: list[int], since: Any) -> tuple[int, int]:
    """(case reads, refusals) audited for the bench users since `since`."""
    from cpms.audit.models import AuditEvent, AuditLog

    rows = AuditLog.objects.filter(actor_id__in=user_ids, event_time__gte=since)
    reads = rows.filter(event_type=AuditEvent.READ, subject_type="cases.case").count()
    refused = rows.filter(event_type__in=[AuditEvent.DENIED, AuditEvent.OUT_OF_SCOPE]).count()
    return reads, refused


def _one_run(
    server: Server, kind: str, targets: Path, args: argparse.Namespace, audit: Any
) -> dict[str, Any]:
    segment = KINDS[kind][0]
    # quiet long enough for the slowest request the previous run's end cut off to be answered
    server.mark(quiet=max(args.quiet, 1.5 * args.last_p99_s))
    before, _ = audit()
    figures = run_wrk(
        server.base_url, targets, duration=args.duration, connections=args.connections,
        threads=args.wrk_threads,
    )  # fmt: skip
    args.last_p99_s = figures["p99_us"] / 1e6
    answered = server.answered_since_mark(quiet=max(args.quiet, 1.5 * args.last_p99_s))
    after, _ = audit()
    ok = answered.get(("200", segment), 0)
    figures["server_200"] = ok
    figures["server_other"] = sum(answered.values()) - ok
    figures["audit_rows"] = after - before
    return figures


def queries_per_request(session_key: str, uid: str) -> dict[str, int]:
    """SQL statements of one whole request of each kind, in process (a fixed figure beside
    the noisy timings)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    out = {}
    with override_settings(ROOT_URLCONF="bench.loadsite.urls"):
        for kind, (_, pattern) in KINDS.items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(pattern.format(uid))
            if response.status_code != 200:
                raise SystemExit(f"{kind} page answered {response.status_code} in process")
            out[kind] = len(queries)
    return out


def _brief(run: dict[str, Any]) -> str:
    ms = {k: run[f"{k}_us"] / 1000 for k in ("p50", "p95", "p99")}
    return (
        f"{run['rps']:7.1f} req/s, p50 {ms['p50']:.1f} ms, p95 {ms['p95']:.1f} ms,"
        f" p99 {ms['p99']:.1f} ms, statuses {run['statuses']}"
    )


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def median(key: str, scale: float = 1.0) -> float:
        return round(statistics.median(r[key] for r in runs) / scale, 1)

    return {
        "rps": median("rps"),
        "p50_ms": median("p50_us", 1000),
        "p95_ms": median("p95_us", 1000),
        "p99_ms": median("p99_us", 1000),
        "worst_p95_ms": round(max(r["p95_us"] for r in runs) / 1000, 1),
        "requests": sum(r["requests"] for r in runs),
        "non_2xx": sum(r["non_2xx"] for r in runs),
        "socket_errors": sum(sum(r["errors"].values()) for r in runs),
        "server_200": sum(r["server_200"] for r in runs),
        "server_other": sum(r["server_other"] for r in runs),
        "audit_rows": sum(r["audit_rows"] for r in runs),
        "rounds": [
            {"rps": r["rps"], "p50_ms": round(r["p50_us"] / 1000, 1),
             "p95_ms": round(r["p95_us"] / 1000, 1), "p99_ms": round(r["p99_us"] / 1000, 1),
             "requests": r["requests"], "statuses": r["statuses"]}
            for r in runs
        ],
    }  # fmt: skip


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--duration", type=float, default=30, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, interleaved")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of warm-up of each")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--ids", type=int, default=2000, help="in-scope cases per persona")
    parser.add_argument(
        "--quiet", type=float, default=1.0, help="seconds without a request that mean done"
    )
    parser.add_argument("--personas", default="worker,officer", help="worker, officer or both")
    parser.set_defaults(last_p99_s=0.0)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    require_wrk()
    # The server and this process sign and check the same sessions.
    use_bench_secret_key()
    bootstrap()
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from bench.loadsite.data import in_scope_case_uids, prepare, signed_in_session, viewers

    started = time.perf_counter()
    rows = prepare(args.scale, args.seed)
    people = {k: v for k, v in viewers().by_name().items() if k in args.personas.split(",")}
    if not people:
        raise SystemExit("--personas: worker, officer or worker,officer")
    uids = {k: in_scope_case_uids(u, args.ids, args.seed) for k, u in people.items()}
    if not all(uids.values()):
        raise SystemExit(f"no case in scope for {[k for k, v in uids.items() if not v]}")
    per_persona = max(4, args.connections)
    sessions = {k: [signed_in_session(u) for _ in range(per_persona)] for k, u in people.items()}
    lines = _request_lines(sessions, uids, max(len(v) for v in uids.values()) * len(people))
    print(f"data ready in {time.perf_counter() - started:.0f} s: {rows}")
    print(f"personas {sorted(people)}; {per_persona} sessions and up to {args.ids} cases each")
    setup_test_environment()  # the test client's host allowed
    first = sorted(people)[-1]  # the worker when there is one
    queries = queries_per_request(sessions[first][0], uids[first][0])
    print(f"SQL statements per request: {queries}")
    collectstatic()
    since = timezone.now()
    user_ids = [u.pk for u in people.values()]

    def audit() -> tuple[int, int]:
        return _audit_counts(user_ids, since)

    runs: dict[str, list[dict[str, Any]]] = {"reference": [], "case": []}
    with tempfile.TemporaryDirectory(prefix="cpms-load-") as tmp:
        targets = {}
        for kind, (_, pattern) in KINDS.items():
            targets[kind] = Path(tmp) / f"{kind}.txt"
            targets[kind].write_text("".join(f"{c} {pattern.format(u)}\n" for c, u in lines))
        with gunicorn(workers=args.workers, threads=args.threads, name="load") as server:
            for kind in KINDS:  # warm-up: imports, templates, plans, caches, connections
                warm = run_wrk(server.base_url, targets[kind], duration=args.warmup,
                               connections=args.connections, threads=args.wrk_threads)  # fmt: skip
                args.last_p99_s = warm["p99_us"] / 1e6
            for round_no in range(args.rounds):
                order = list(KINDS) if round_no % 2 == 0 else list(reversed(KINDS))
                for kind in order:
                    run = _one_run(server, kind, targets[kind], args, audit)
                    runs[kind].append(run)
                    print(f"round {round_no + 1} {kind:9}: {_brief(run)}")
    _, refused = audit()
    ref, case = _summary(runs["reference"]), _summary(runs["case"])
    ratio = round(case["rps"] / ref["rps"], 3) if ref["rps"] else 0.0
    checks = {
        "no_failed_request": ref["non_2xx"] + case["non_2xx"] == 0
        and ref["server_other"] + case["server_other"] == 0
        and ref["socket_errors"] + case["socket_errors"] == 0,
        "one_audit_row_per_case_page": case["audit_rows"] == case["server_200"]
        and case["server_200"] >= case["requests"] - case["non_2xx"],
        "one_audit_row_per_reference": ref["audit_rows"] == ref["server_200"],
        "no_refusal_audited": refused == 0,
    }
    met = {
        "case_rps": case["rps"] >= TARGETS["case_rps"],
        "case_p95_ms": case["p95_ms"] <= TARGETS["case_p95_ms"],
        "case_to_reference": ratio >= TARGETS["case_to_reference"],
    }
    result = {
        "scale": args.scale, "seed": args.seed, "rows": rows, "personas": sorted(people),
        "workers": args.workers, "threads": args.threads, "connections": args.connections,
        "duration_s": args.duration, "rounds": args.rounds, "cpus": os.cpu_count(),
        "reference": ref, "case": case, "case_to_reference": ratio, "queries": queries,
        "audit_refusals": refused, "checks": checks, "targets": TARGETS, "met": met,
    }  # fmt: skip
    for kind, s in (("reference", ref), ("case page", case)):
        print(f"{kind:10}: {s['rps']} req/s (median of {args.rounds}), p50 {s['p50_ms']} ms,"
              f" p95 {s['p95_ms']} ms, p99 {s['p99_ms']} ms; {s['requests']} requests,"
              f" non-2xx {s['non_2xx']}, audit rows {s['audit_rows']}"
              f" for {s['server_200']} answered")  # fmt: skip
    print(f"case / reference throughput: {ratio:.2f} (target ≥ {TARGETS['case_to_reference']})")
    print(f"checks: {checks}; targets met: {met}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    line = json.dumps(result, default=str)
    (OUT_DIR / "load.json").write_text(line + "\n")
    print(line)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
