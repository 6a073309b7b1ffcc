"""Every benchmark, and docs/benchmarks.md from their figures.

    python -m bench.report --scale 100000          # run them all, then write the page
    python -m bench.report --from-json             # only rewrite the page from var/bench/*.json
    python -m bench.report --scale 100000 --only bench-audit,bench-stats

Runs the Makefile targets one after another (a failing one is noted and the others still
run), then reads what each wrote to var/bench/ and writes one table row per figure: the
figure, the target of docs/quality-targets.md, met or not, and the exact command that
produced it; plus the machine (cores, memory, load average at the start), the date and the
git commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import OUT_DIR, ROOT

TARGETS = ("bench-dedup", "bench-import", "bench-stats", "bench-race", "bench-crash",
           "bench-audit", "bench-load", "bench-lists")  # fmt: skip
PAGE = ROOT / "docs" / "benchmarks.md"
Data = dict[str, Any]


@dataclass(frozen=True)
class Figure:
    target: str  # Makefile target
    label: str
    value: Callable[[Data], Any]
    wanted: str  # as quality-targets.md words it
    met: Callable[[Any], bool] | None  # None: shown for information
    percent: bool = False  # a share, shown as a percentage


def _get(*keys: str) -> Callable[[Data], Any]:
    def read(data: Data) -> Any:
        value: Any = data
        for key in keys:
            value = value[key]
        return value

    return read


FIGURES = [
    Figure("bench-dedup", "Duplicate candidates: p95 (ms)", _get("timing_ms", "p95"),
           "≤ 50 ms", lambda v: v <= 50),
    Figure("bench-dedup", "Duplicate candidates: true record in the top 10",
           _get("recall_at_10"), "≥ 99 %", lambda v: v >= 0.99, True),
    Figure("bench-dedup", "Duplicate candidates: true record first", _get("recall_at_1"),
           "≥ 98 %", lambda v: v >= 0.98, True),
    Figure("bench-dedup", "Duplicate candidates: gap to brute force (top 10)",
           _get("brute_force", "gap_at_10"), "≤ 0.5 %", lambda v: v <= 0.005, True),
    Figure("bench-dedup", "Twins labelled likely duplicate", _get("twins", "likely_share"),
           "≤ 2 %", lambda v: v <= 0.02, True),
    Figure("bench-import", "Import check: rows/s", _get("check", "rows_per_s"), "≥ 2,000 rows/s",
           lambda v: v >= 2000),
    Figure("bench-import", "Import: rows/s", _get("import", "rows_per_s"), "≥ 2,000 rows/s",
           lambda v: v >= 2000),
    Figure("bench-import", "Import: peak memory (MB)",
           lambda d: max(d["check"]["peak_mb"], d["import"]["peak_mb"]),
           "< 256 MB for 100 k rows", lambda v: v < 256),
    Figure("bench-stats", "Province dashboard: p95 (ms)", _get("dashboard", "p95_ms"),
           "≤ 500 ms", lambda v: v <= 500),
    Figure("bench-stats", "Province dashboard / hand-written SQL of the live figures (p50)",
           _get("dashboard_ratio_p50"), "≤ 2 ×", lambda v: v <= 2),
    Figure("bench-stats", "Province dashboard / its own SQL statements (p50)",
           _get("dashboard_own_sql_ratio_p50"), "≤ 2 ×", lambda v: v <= 2),
    Figure("bench-stats", "Dashboard cube rebuild (s, in the worker)", _get("cube_build_s"),
           "—", None),
    Figure("bench-stats", "Yearly report, tables + DOCX + XLSX: p95 (s)",
           lambda d: round(d["yearly_report"]["p95_ms"] / 1000, 2), "≤ 5 s end to end",
           lambda v: v <= 5),
    Figure("bench-race", "Lost updates in raced saves", _get("lost_updates"), "0",
           lambda v: v == 0),
    Figure("bench-race", "Duplicate rows in raced saves", _get("duplicate_records"), "0",
           lambda v: v == 0),
    Figure("bench-crash", "Acknowledged writes lost after kill -9", _get("acknowledged_lost"),
           "0", lambda v: v == 0),
    Figure("bench-crash", "Half-done transactions after kill -9",
           _get("half_done_transactions"), "0", lambda v: v == 0),
    Figure("bench-audit", "Who saw this child: p99 (ms)", _get("who_saw_child", "p99_ms"),
           "< 2 s", lambda v: v < 2000),
    Figure("bench-audit", "Who saw this case: p99 (ms)", _get("who_saw_case", "p99_ms"),
           "< 2 s", lambda v: v < 2000),
    Figure("bench-audit", "Who saw: every partition with rows read by index",
           _get("plan", "index_backed"), "index-backed", bool),
    Figure("bench-audit", "Audit writes, one per transaction: full / empty table",
           _get("write", "single", "ratio_full_to_empty"), "—", None),
    Figure("bench-audit", "Audit writes, batches: full / empty table",
           _get("write", "batch", "ratio_full_to_empty"), "—", None),
    Figure("bench-load", "Case detail page: req/s", _get("case", "rps"), "≥ 150 req/s",
           lambda v: v >= 150),
    Figure("bench-load", "Case detail page: p95 (ms)", _get("case", "p95_ms"), "≤ 300 ms",
           lambda v: v <= 300),
    Figure("bench-load", "Case detail / bare reference view (throughput)",
           _get("case_to_reference"), "≥ 40 %", lambda v: v >= 0.4, True),
    Figure("bench-lists", "Lists: worst p95 (ms)", _get("worst_p95_ms"), "≤ 300 ms",
           lambda v: v <= 300),
    Figure("bench-lists", "Lists: fixed number of queries per page",
           _get("checks", "queries_fixed_per_page"), "fixed", bool),
]  # fmt: skip
FILES = {
    "bench-dedup": "dedup-{scale}.json", "bench-import": "import-{scale}.json",
    "bench-stats": "stats-{scale}.json", "bench-race": "race.json", "bench-crash": "crash.json",
    "bench-audit": "audit.json", "bench-load": "load.json", "bench-lists": "lists.json",
}  # fmt: skip
SCALED = {"bench-dedup", "bench-import", "bench-stats", "bench-audit", "bench-load",
          "bench-lists"}  # fmt: skip


def find(target: str, out_dir: Path, scale: int | None) -> Path | None:
    """The target's JSON: of this scale when given, else the newest one."""
    pattern = FILES[target]
    if "{scale}" in pattern and scale is not None:
        path = out_dir / pattern.format(scale=scale)
        return path if path.exists() else None
    exact = re.compile(re.escape(pattern).replace(re.escape("{scale}"), r"\d+") + "$")
    found = [p for p in out_dir.glob(pattern.format(scale="*")) if exact.match(p.name)]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def command(target: str, data: Data) -> str:
    scale = data.get("scale")
    return f"make {target} SCALE={scale}" if target in SCALED and scale else f"make {target}"


def _shown(value: Any, *, percent: bool = False) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if percent:
        return f"{value * 100:.1f} %"
    if isinstance(value, int | float):
        return f"{value:,.10g}".replace(",", " ")
    return str(value)


def machine(load: tuple[float, float, float] | None = None) -> dict[str, Any]:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                                capture_output=True, check=True).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        commit = "?"
    return {
        "cores": os.cpu_count(),
        "memory": memory,
        "load": load or os.getloadavg(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
    }


def render(out_dir: Path, *, scale: int | None, host: dict[str, Any],
           outcomes: dict[str, int] | None = None) -> str:  # fmt: skip
    load = ", ".join(f"{x:.2f}" for x in host["load"])
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench-all` (`bench/report.py`) from the figures the benchmark"
        " scripts wrote to `var/bench/`; the targets are those of"
        " [quality-targets.md](quality-targets.md). Timings come from a shared machine: compare"
        " ratios measured in the same run, read absolute figures as indications.",
        "",
        f"- Machine: {host['cores']} cores, {host['memory']} memory, load average at the start"
        f" {load}",
        f"- Date: {host['date']}; commit `{host['commit']}`",
        "",
        "| Figure | Value | Target | Met | Command |",
        "|---|---|---|---|---|",
    ]
    missing = []
    for target in TARGETS:
        path = find(target, out_dir, scale)
        data: Data = json.loads(path.read_text()) if path else {}
        if not data:
            missing.append(target)
        for figure in (f for f in FIGURES if f.target == target):
            try:
                value = figure.value(data) if data else None
            except (KeyError, TypeError, IndexError):
                value = None
            if value is None:
                met = "not measured"
            elif figure.met is None:
                met = "—"
            else:
                met = "yes" if figure.met(value) else "**no**"
            shown = "—" if value is None else _shown(value, percent=figure.percent)
            run = f"`{command(target, data)}`"
            lines.append(f"| {figure.label} | {shown} | {figure.wanted} | {met} | {run} |")
    lines.append("")
    if missing:
        lines.append(f"Not measured (no figures in var/bench/): {', '.join(missing)}.")
    for target, code in (outcomes or {}).items():
        if code:
            lines.append(f"- `make {target}` exited with status {code}.")
    return "\n".join(lines).rstrip() + "\n"


def run_all(targets: list[str], scale: int) -> dict[str, int]:
    outcomes = {}
    for target in targets:
        print(f"== make {target} SCALE={scale}", flush=True)
        done = subprocess.run(["make", target, f"SCALE={scale}"], cwd=ROOT, check=False)
        outcomes[target] = done.returncode
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=None, help="SCALE for every benchmark")
    parser.add_argument("--from-json", action="store_true", help="only rewrite the page")
    parser.add_argument("--only", default="", help="comma-separated Makefile targets to run")
    parser.add_argument("--out", type=Path, default=PAGE)
    args = parser.parse_args(argv)
    host = machine()
    outcomes = None
    if not args.from_json:
        targets = [t for t in args.only.split(",") if t] or list(TARGETS)
        outcomes = run_all(targets, args.scale or 10_000)
    args.out.write_text(render(OUT_DIR, scale=args.scale, host=host, outcomes=outcomes))
    print(f"wrote {args.out}")
    return 0 if not outcomes or not any(outcomes.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
