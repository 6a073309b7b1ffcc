"""Benchmark of the list pages (quality-targets.md, "Lists (children, cases, reports) with
filters and paging").

    python scripts/with_db.py pgbench-load python -m bench.lists --scale 10000

Same data and viewers as bench/load.py (a commune worker and an area officer of the province).

1. Timing: each list with its typical filters (children: name search, village, a deep page;
   cases: open, a step, overdue, all; reports: a status, a deep page), REQUESTS sequential
   requests each per viewer through the gunicorn server (production settings), p50/p95/max.
   Every worker is warmed on every list first (concurrent requests, as many as workers): a
   worker's first request loads templates, translations and its database connection, and
   without this the first list timed showed it as its p95 (640 ms against a p50 of 34 ms).
   Beside the timings, the slowest SQL statement of one in-process request of the same URL
   (CaptureQueriesContext), so a slow list says which statement made it slow.
   The lists have the filters their views accept; none has a date range or a commune
   filter, and the page size is fixed at 25 (no page-size parameter).
2. Queries per page, in process (django.test.Client, CaptureQueriesContext, the whole
   request with its middleware): each list at page sizes 20, 50 and 100 (the view's
   Paginator given another size for the measurement) and on a later page. The counts must be
   equal; the script prints them and exits 1 when they are not.

Prints readable lines; the last line is one JSON object, also written to var/bench/lists.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any
from unittest import mock

from bench import OUT_DIR, bootstrap
from bench.loadsite.server import collectstatic, gunicorn, use_bench_secret_key

TARGETS = {"p95_ms": 300.0}
PAGE_SIZES = (20, 50, 100)
# list → (view module whose Paginator is resized, URL for the query count)
VIEWS = {
    "children": ("cpms.children.views", "/children/?q=anh"),
    "cases": ("cpms.cases.views", "/cases/?state=all"),
    "reports": ("cpms.intake.views", "/reports/?status=triaged"),
}


def scenarios(village_id: int | None) -> list[tuple[str, str]]:
    found = [
        ("children", "/children/"),
        ("children", "/children/?q=anh"),
        ("children", "/children/?q=nguyen+thi"),
        ("children", "/children/?page=20"),
        ("cases", "/cases/"),
        ("cases", "/cases/?state=in_progress"),
        ("cases", "/cases/?overdue=1"),
        ("cases", "/cases/?state=all&page=10"),
        ("reports", "/reports/?status=triaged"),
        ("reports", "/reports/?status=triaged&page=10"),
        ("reports", "/reports/"),
    ]
    if village_id is not None:
        found.insert(3, ("children", f"/children/?village={village_id}"))
    return found


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1),
            "max_ms": round(ordered[-1], 1), "runs": len(ordered)}  # fmt: skip


def _get(url: str, cookie: str) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        status: int = response.status
    return status, (time.perf_counter() - started) * 1000


def warm_workers(base_url: str, cookies: dict[str, str], paths: list[str], workers: int) -> None:
    """Each list through every worker: rounds of as many concurrent requests as workers."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for cookie in cookies.values():
            for path in paths:
                url = base_url + path
                for _ in range(2):
                    list(pool.map(_get, [url] * workers, [cookie] * workers))


def time_lists(
    base_url: str,
    cookies: dict[str, str],
    village_id: int | None,
    requests: int,
    statements: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for persona, cookie in cookies.items():
        for name, path in scenarios(village_id):
            for _ in range(3):  # warm-up
                _get(base_url + path, cookie)
            times, statuses = [], set()
            for _ in range(requests):
                status, ms = _get(base_url + path, cookie)
                times.append(ms)
                statuses.add(status)
            if statuses != {200}:
                raise SystemExit(f"{persona} {path}: statuses {statuses}")
            figures = _summary(times)
            sql = statements.get(f"{persona} {path}", {})
            out[f"{persona} {path}"] = {"list": name, **figures, **sql}
            print(f"{persona:8} {path:36} p50 {figures['p50_ms']:6.1f} ms,"
                  f" p95 {figures['p95_ms']:6.1f} ms, max {figures['max_ms']:6.1f} ms;"
                  f" slowest SQL {sql.get('slowest_sql_ms', 0):6.1f} ms"
                  f" of {sql.get('sql_ms', 0):6.1f} ms in {sql.get('queries', 0)} statements:"
                  f" {sql.get('slowest_sql', '')[:60]}")  # fmt: skip
    return out


def slowest_statements(sessions: dict[str, str], village_id: int | None) -> dict[str, Any]:
    """Per list URL and viewer, one in-process request (after a warm one): its statements,
    their total time and the slowest one (time and the start of its SQL)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    out: dict[str, Any] = {}
    for persona, session_key in sessions.items():
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        for _name, path in scenarios(village_id):
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            timed = [(float(q["time"]) * 1000, q["sql"]) for q in queries.captured_queries]
            ms, sql = max(timed, default=(0.0, ""))
            out[f"{persona} {path}"] = {
                "queries": len(timed),
                "sql_ms": round(sum(t for t, _ in timed), 1),
                "slowest_sql_ms": round(ms, 1),
                "slowest_sql": sql[:200],
            }
    return out


@contextmanager
def page_size(module_name: str, size: int) -> Iterator[None]:
    """The view's Paginator with another page size (the views have no page-size parameter)."""
    import importlib

    from django.core.paginator import Paginator

    module = importlib.import_module(module_name)
    name = "CappedPaginator" if hasattr(module, "CappedPaginator") else "Paginator"
    base: type[Paginator] = getattr(module, name)  # type: ignore[type-arg]

    class Sized(base):  # type: ignore[valid-type,misc]
        def __init__(self, object_list: Any, per_page: int, *args: Any, **kwargs: Any) -> None:
            super().__init__(object_list, size, *args, **kwargs)

    with mock.patch.object(module, name, Sized):
        yield


def count_queries(sessions: dict[str, str]) -> dict[str, Any]:
    """Queries of one whole request per list, viewer, page size (and a later page)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    out: dict[str, Any] = {}
    for persona, session_key in sessions.items():
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        for name, (module, url) in VIEWS.items():
            counts, rows = {}, {}
            client.get(url)  # once per user, the grants are loaded into the cache (scope.py)
            for size, page in [(s, 1) for s in PAGE_SIZES] + [(PAGE_SIZES[-1], 2)]:
                with page_size(module, size), CaptureQueriesContext(connection) as queries:
                    response = client.get(f"{url}&page={page}")
                if response.status_code != 200:
                    raise SystemExit(f"{persona} {url}: status {response.status_code}")
                key = f"{size}" if page == 1 else f"{size} page {page}"
                counts[key] = len(queries)
                rows[key] = len(response.context["page"].object_list)
            equal = len(set(counts.values())) == 1
            out[f"{persona} {name}"] = {"url": url, "queries": counts, "rows": rows,
                                        "equal": equal}  # fmt: skip
            print(f"{persona:8} {name:8} queries by page size {counts} (rows {rows})"
                  f"{'' if equal else '  <-- NOT EQUAL'}")  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per list")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args(argv)
    use_bench_secret_key()
    bootstrap()
    from django.conf import settings
    from django.db.models import Count
    from django.test.utils import setup_test_environment

    from bench.loadsite.data import prepare, signed_in_session, viewers
    from cpms.children.models import Child

    setup_test_environment()  # response.context, and the test client's host allowed
    rows = prepare(args.scale, args.seed)
    people = viewers()
    village = (
        Child.objects.filter(commune=people.commune, village__isnull=False)
        .values("village")
        .annotate(n=Count("id"))
        .order_by("-n", "village")
        .first()
    )
    village_id = village["village"] if village else None
    sessions = {k: signed_in_session(u) for k, u in people.by_name().items()}
    queries = count_queries(sessions)
    statements = slowest_statements(sessions, village_id)
    collectstatic()
    cookies = {k: f"{settings.SESSION_COOKIE_NAME}={v}" for k, v in sessions.items()}
    with gunicorn(workers=args.workers, threads=1, name="lists") as server:
        paths = [path for _, path in scenarios(village_id)]
        warm_workers(server.base_url, cookies, paths, args.workers)
        timings = time_lists(server.base_url, cookies, village_id, args.requests, statements)
    worst = max(t["p95_ms"] for t in timings.values())
    checks = {"queries_fixed_per_page": all(q["equal"] for q in queries.values())}
    result = {
        "scale": args.scale, "seed": args.seed, "rows": rows, "workers": args.workers,
        "page_size_parameter": False, "timings": timings, "worst_p95_ms": worst,
        "queries": queries, "checks": checks, "targets": TARGETS,
        "met": {"p95_ms": worst <= TARGETS["p95_ms"]},
    }  # fmt: skip
    print(f"worst p95 {worst} ms (target ≤ {TARGETS['p95_ms']}); checks {checks}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    line = json.dumps(result, default=str)
    (OUT_DIR / "lists.json").write_text(line + "\n")
    print(line)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
