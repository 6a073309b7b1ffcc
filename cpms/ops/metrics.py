"""Operational figures in the Prometheus text format (GET /metrics/, docs/deployment.md).

Counts and ages only: no name, no unit, no identifier of a child or a case ever appears.
Every figure is one indexed statement, so a scrape every 15 seconds costs nothing at scale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from cpms.audit.partitions import MONTHS_AHEAD, partitions_from, rows_outside_partitions
from cpms.cases.selectors import open_deadlines
from cpms.ops.selectors import newest_heartbeat
from cpms.stats.models import CubeBuild

# Rows in the default audit partition past this are reported as this many: the figure is an
# alarm (it should be 0), and counting a runaway default partition would be a slow scan.
DEFAULT_PARTITION_CAP = 10_000


@dataclass(frozen=True)
class Metric:
    name: str
    help: str
    value: float | None  # None: unknown (nothing to measure yet); the sample is left out
    labels: tuple[tuple[str, str], ...] = ()
    kind: str = "gauge"


def collect(now: dt.datetime | None = None) -> list[Metric]:
    now = now or timezone.now()
    return [*_worker(now), *_jobs(now), *_audit(now), *_cube(now), *_clocks(now)]


def render(metrics: list[Metric]) -> str:
    lines: list[str] = []
    seen: set[str] = set()
    for metric in metrics:
        if metric.name not in seen:
            seen.add(metric.name)
            lines += [f"# HELP {metric.name} {metric.help}", f"# TYPE {metric.name} {metric.kind}"]
        if metric.value is None:
            continue
        labels = ",".join(f'{key}="{value}"' for key, value in metric.labels)
        lines.append(f"{metric.name}{{{labels}}} {metric.value:g}" if labels else
                     f"{metric.name} {metric.value:g}")  # fmt: skip
    return "\n".join(lines) + "\n"


def _age(now: dt.datetime, then: dt.datetime | None) -> float | None:
    return None if then is None else max(0.0, (now - then).total_seconds())


def _worker(now: dt.datetime) -> Iterator[Metric]:
    yield Metric(
        "cpms_worker_heartbeat_age_seconds",
        "Seconds since the newest background worker heartbeat.",
        _age(now, newest_heartbeat()),
    )


def _jobs(now: dt.datetime) -> Iterator[Metric]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status::text, count(*) FROM procrastinate_jobs"
            " WHERE status IN ('todo', 'doing') GROUP BY status"
        )
        counts = dict(cursor.fetchall())
        cursor.execute(
            "SELECT min(e.at) FROM procrastinate_jobs j"
            " JOIN procrastinate_events e ON e.job_id = j.id AND e.type = 'deferred'"
            " WHERE j.status = 'todo' AND (j.scheduled_at IS NULL OR j.scheduled_at <= %s)",
            [now],
        )
        (oldest,) = cursor.fetchone()
    for status in ("todo", "doing"):
        yield Metric(
            "cpms_jobs",
            "Background jobs waiting (todo) or running (doing).",
            counts.get(status, 0),
            (("status", status),),
        )
    yield Metric(
        "cpms_jobs_oldest_waiting_seconds",
        "Seconds the oldest job due to run has waited (0 when none waits).",
        _age(now, oldest) or 0.0,
    )


def _audit(now: dt.datetime) -> Iterator[Metric]:
    yield Metric(
        "cpms_audit_default_partition_rows",
        "Audit rows outside the monthly partitions (should be 0: the partition task is not "
        f"running; counted up to {DEFAULT_PARTITION_CAP}).",
        rows_outside_partitions(DEFAULT_PARTITION_CAP),
    )
    yield Metric(
        "cpms_audit_partitions_ahead",
        f"Monthly audit partitions from this month on (the worker keeps {MONTHS_AHEAD + 1}).",
        partitions_from(timezone.localtime(now).date()),
    )


def _cube(now: dt.datetime) -> Iterator[Metric]:
    newest = CubeBuild.objects.finished().values_list("as_of", "seconds").first()
    yield Metric(
        "cpms_stats_cube_age_seconds",
        "Seconds since the figures of the newest dashboard cube (rebuilt when data changed).",
        _age(now, newest[0]) if newest else None,
    )
    yield Metric(
        "cpms_stats_cube_build_seconds",
        "How long the newest dashboard cube took to build.",
        newest[1] if newest else None,
    )


def _clocks(now: dt.datetime) -> Iterator[Metric]:
    yield Metric(
        "cpms_case_clocks_overdue",
        "Legal clocks of cases past their due time and neither met nor cancelled.",
        open_deadlines().filter(due_at__lt=now).count(),
    )
