from __future__ import annotations

import json

from bench import report

HOST = {"cores": 2, "memory": "23.4 GB", "load": (0.5, 1.0, 1.5), "date": "2026-11-29 01:00 UTC",
        "commit": "abc1234"}  # fmt: skip


def write(tmp_path, name, data):
    (tmp_path / name).write_text(json.dumps(data))


def test_it_renders_one_row_per_figure_with_target_met_and_command(tmp_path):
    write(tmp_path, "audit.json", {
        "scale": 1000000, "plan": {"index_backed": True},
        "who_saw_child": {"p99_ms": 35.2}, "who_saw_case": {"p99_ms": 2500.0},
        "write": {"single": {"ratio_full_to_empty": 0.96}, "batch": {"ratio_full_to_empty": 0.9}},
    })  # fmt: skip
    write(tmp_path, "race.json", {"lost_updates": 0, "duplicate_records": 1})
    write(tmp_path, "stats-20000.json", {"scale": 20000, "dashboard": {"p95_ms": 120.0},
          "dashboard_ratio_p50": 3.3, "yearly_report": {"p95_ms": 1234.0}})  # fmt: skip

    page = report.render(tmp_path, scale=None, host=HOST)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in page.splitlines()}

    child = rows["Who saw this child: p99 (ms)"]
    assert "| 35.2 | < 2 s | yes | `make bench-audit SCALE=1000000` |" in child
    assert "| 2 500 | < 2 s | **no** |" in rows["Who saw this case: p99 (ms)"]
    assert (
        "| yes | index-backed | yes |" in rows["Who saw: every partition with rows read by index"]
    )
    assert "| 0.96 | — | — |" in rows["Audit writes, one per transaction: full / empty table"]
    assert "| 0 | 0 | yes | `make bench-race` |" in rows["Lost updates in raced saves"]
    assert "| 1 | 0 | **no** |" in rows["Duplicate rows in raced saves"]
    assert (
        "| 3.3 | ≤ 2 × | **no** | `make bench-stats SCALE=20000` |"
        in rows["Province dashboard / hand-written SQL of the live figures (p50)"]
    )
    assert (
        "| 1.23 | ≤ 5 s end to end | yes |" in rows["Yearly report, tables + DOCX + XLSX: p95 (s)"]
    )
    assert "| — | ≤ 50 ms | not measured |" in rows["Duplicate candidates: p95 (ms)"]
    assert "bench-dedup" in page.split("Not measured")[1]
    assert "2 cores, 23.4 GB memory, load average at the start 0.50, 1.00, 1.50" in page
    assert "commit `abc1234`" in page
    assert len([r for r in page.splitlines() if r.startswith("| ")]) == len(report.FIGURES) + 1


def test_it_takes_the_file_of_the_asked_scale(tmp_path):
    write(tmp_path, "dedup-1000.json", {"scale": 1000, "timing_ms": {"p95": 80.0}})
    write(tmp_path, "dedup-5000.json", {"scale": 5000, "timing_ms": {"p95": 9.0}})
    page = report.render(tmp_path, scale=1000, host=HOST)
    assert "| Duplicate candidates: p95 (ms) | 80 | ≤ 50 ms | **no** |" in page


def test_from_json_writes_the_page_without_running_anything(tmp_path, monkeypatch):
    write(tmp_path, "crash.json", {"acknowledged_lost": 0, "half_done_transactions": 0})
    monkeypatch.setattr(report, "OUT_DIR", tmp_path)
    monkeypatch.setattr(report, "run_all", lambda *a: (_ for _ in ()).throw(AssertionError))
    out = tmp_path / "benchmarks.md"
    assert report.main(["--from-json", "--out", str(out)]) == 0
    assert "| Acknowledged writes lost after kill -9 | 0 | 0 | yes | `make bench-crash` |" in (
        out.read_text()
    )


def test_it_shows_shares_as_percentages_and_skips_variant_files(tmp_path):
    import os

    write(tmp_path, "dedup-1000.json", {"scale": 1000, "recall_at_10": 0.997})
    write(tmp_path, "dedup-1000-extra-indexes.json", {"scale": 1000, "recall_at_10": 0.5})
    os.utime(tmp_path / "dedup-1000.json", (1, 1))  # the variant is the newest file
    page = report.render(tmp_path, scale=None, host=HOST)
    assert "| Duplicate candidates: true record in the top 10 | 99.7 % | ≥ 99 % | yes |" in page
