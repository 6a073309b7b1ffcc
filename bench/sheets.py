"""Benchmark of the child-monitoring book import (quality-targets.md: a 100 k-row file at
≥ 2,000 rows/s in < 256 MB).

    make bench-import                      # SCALE=10000 by default
    SCALE=100000 make bench-import

Generates a registry of SCALE children (bench.generate), then a book of SCALE rows for the
commune with most children, written as Excel writes it (date cells and dd/mm/yyyy text):
rows of new children drawn from the same name, date and family distributions, 1.5 % rows
that are registry children of the commune typed without diacritics and without the middle
name or with the date a few days off (the duplicate check must warn), 0.5 % exact copies
(skipped), 1 % rows with an error (a date that does not exist, an
unknown village). A commune worker uploads it; the check and the import then run exactly as
the background worker runs them, each in a fresh process so that its peak memory (RSS) is its
own. Prints readable lines; the last line is one JSON object, also written to
var/bench/import-<scale>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import OUT_DIR, bootstrap
from bench.dedup import strip_accents

TARGETS = {"rows_per_s": 2000, "peak_mb": 256}
SHARE_FUZZY_COPIES = 0.015
SHARE_EXACT_COPIES = 0.005
SHARE_ERRORS = 0.01
LIVING = ["Sống với cả cha và mẹ"] * 8 + ["Sống với ông bà", "Sống với cha hoặc mẹ"]


def bench_worker(commune: Any) -> Any:
    """A commune worker of `commune` (created once)."""
    from cpms.accounts.models import AgencyKind, User
    from cpms.accounts.permissions import Role
    from cpms.accounts.services import agency_create, membership_grant, user_create

    username = f"bench-worker-{commune.pk}"
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = user_create(actor=None, username=username, password=None, full_name="Cán bộ xã (đo)")
    agency = agency_create(
        actor=None,
        name=f"UBND {commune.name} (đo hiệu năng)",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        admin_unit=commune,
    )
    membership_grant(actor=None, user=user, agency=agency, role=Role.COMMUNE_WORKER)
    return user


def busiest_commune() -> Any:
    from django.db.models import Count

    from cpms.children.models import Child
    from cpms.geography.models import AdminUnit

    row = (
        Child.objects.filter(commune__valid_to__isnull=True)
        .values("commune")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    assert row is not None, "the registry is empty"
    return AdminUnit.objects.get(pk=row["commune"])


def make_book(path: Path, rows: int, seed: int, commune: Any) -> dict[str, int]:
    """Write the book; returns how many rows of each kind it holds."""
    from openpyxl import Workbook

    from cpms.children.models import Child
    from cpms.children.spreadsheets.columns import COLUMNS
    from cpms.geography.models import AdminUnit, UnitLevel

    from .generate import GIVEN, MIDDLE, SURNAME, _person_name

    rng = random.Random(seed)
    villages = list(
        AdminUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE).values_list(
            "name", flat=True
        )
    )
    registry = list(
        Child.objects.filter(commune=commune, birth_precision="exact")
        .order_by("pk")
        .values_list("full_name", "birth_date", "sex")[:50_000]
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ theo dõi trẻ em")
    sheet.append([column.header for column in COLUMNS])
    keys = [column.key for column in COLUMNS]
    counts = {"new": 0, "fuzzy_copies": 0, "exact_copies": 0, "errors": 0}
    first, last = dt.date(2010, 1, 1), dt.date(2025, 12, 31)
    for number in range(1, rows + 1):
        roll = rng.random()
        sex = "female" if rng.random() < 0.48 else "male"
        family = str(SURNAME(rng))
        row: dict[str, object] = {
            "row_no": number,
            "full_name": f"{family} {MIDDLE[sex](rng)} {GIVEN[sex](rng)}",
            "birth_date": first + dt.timedelta(days=rng.randrange((last - first).days)),
            "sex": "Nữ" if sex == "female" else "Nam",
            "ethnicity": "Kinh",
            "village": rng.choice(villages) if villages and rng.random() < 0.8 else None,
            "address": f"Số {rng.randrange(1, 300)}, đường số {rng.randrange(1, 40)}",
            "mother_name": _person_name(rng, str(SURNAME(rng)), "female"),
            "mother_birth_year": rng.randrange(1975, 2000),
            "father_name": _person_name(rng, family, "male") if rng.random() < 0.9 else None,
            "school": "Trường Tiểu học số 1" if rng.random() < 0.6 else None,
            "school_class": f"{rng.randrange(1, 6)}A",
            "living_situation": rng.choice(LIVING),
        }
        if registry and roll < SHARE_FUZZY_COPIES:
            name, birth, child_sex = registry[rng.randrange(len(registry))]
            words = strip_accents(name.replace("đ", "d").replace("Đ", "D")).split()
            if len(words) > 2 and rng.random() < 0.5:  # the middle name left out
                words = [words[0], words[-1]]
            else:  # the date off by a few days
                birth += dt.timedelta(days=rng.choice((-3, -2, -1, 1, 2, 3)))
            row.update(full_name=" ".join(words), birth_date=birth)
            row["sex"] = "Nữ" if child_sex == "female" else "Nam"
            counts["fuzzy_copies"] += 1
        elif registry and roll < SHARE_FUZZY_COPIES + SHARE_EXACT_COPIES:
            name, birth, child_sex = registry[rng.randrange(len(registry))]
            row.update(full_name=name, birth_date=birth)
            row["sex"] = "Nữ" if child_sex == "female" else "Nam"
            counts["exact_copies"] += 1
        elif roll < SHARE_FUZZY_COPIES + SHARE_EXACT_COPIES + SHARE_ERRORS:
            if rng.random() < 0.5:
                row["birth_date"] = "31/02/2015"
            else:
                row["village"] = "Thôn Không Có"
            counts["errors"] += 1
        else:
            counts["new"] += 1
        birth = row["birth_date"]
        if isinstance(birth, dt.date) and number % 2:
            row["birth_date"] = birth.strftime("%d/%m/%Y")
        sheet.append([row.get(key) for key in keys])
    workbook.save(path)
    return counts


def database_cpu_seconds() -> float | None:
    """CPU time used so far by the local PostgreSQL server (the postmaster, its live
    processes and those it has reaped), or None when the server is not a local one."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            (data_directory,) = cursor.fetchone()
    except DatabaseError:  # not allowed to see it: not our own server
        return None
    try:
        postmaster = int((Path(data_directory) / "postmaster.pid").read_text().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            pid, parent = int(entry.name), int(fields[1])
            if pid == postmaster:
                total += sum(int(f) for f in fields[11:15])  # its own and its reaped children
            elif parent == postmaster:
                total += int(fields[11]) + int(fields[12])
        return total / ticks
    except (OSError, ValueError, IndexError):
        return None


def peak_rss_kb(usage: resource.struct_rusage) -> int:
    """This process's peak resident memory since it started its program.

    Not ru_maxrss alone: on Linux it is kept across exec, and a child forked from the
    benchmark's main process (which holds the generated registry and the book) starts with
    that process's resident size. VmHWM belongs to the memory the new program got at exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(usage.ru_maxrss)


def run_phase(phase: str, job_id: int) -> dict[str, Any]:
    """One phase as the background worker runs it, in this (fresh) process."""
    from django.conf import settings

    from cpms.children.models import SpreadsheetJob

    settings.DEBUG = False  # as in production: no log of every query kept in memory
    from cpms.children.spreadsheets.importer import import_file, validate_file

    database_before = database_cpu_seconds()
    started = time.perf_counter()
    run = validate_file if phase == "validate" else import_file
    if profile_to := os.environ.get("BENCH_PROFILE"):  # a directory: one .prof file per phase
        import cProfile

        cProfile.runctx(
            "run(job_id=job_id)",
            globals(),
            {"run": run, "job_id": job_id},
            str(Path(profile_to) / f"import-{phase}.prof"),
        )
    else:
        run(job_id=job_id)
    seconds = time.perf_counter() - started
    database_after = database_cpu_seconds()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    job = SpreadsheetJob.objects.get(pk=job_id)
    return {
        "phase": phase,
        "status": job.status,
        "rows": job.processed_rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(job.processed_rows / seconds) if seconds else None,
        # CPU time of this process (start-up included): on a busy machine, where wall time
        # says little, it shows what the Python side costs.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        # The database server's CPU time during the phase (all its processes: the phase
        # uses two connections), when the server runs on this machine.
        "db_cpu_seconds": (
            round(database_after - database_before, 2)
            if database_before is not None and database_after is not None
            else None
        ),
        "peak_mb": round(peak_rss_kb(usage) / 1024),
        "errors": job.error_rows,
        "warnings": job.warning_rows,
        "created": job.created_rows,
        "skipped": job.skipped_rows,
    }


def _phase_in_child(phase: str, job_id: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.sheets", "--phase", phase, "--job", str(job_id)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10_000, help="registry children = rows")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--phase", choices=("validate", "import"), help=argparse.SUPPRESS)
    parser.add_argument("--job", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    bootstrap(migrate=not args.phase)  # a worker does not migrate: keep its memory its own
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.job)))
        return 0
    from django.core.files import File
    from django.db import connection

    from cpms.children.models import SpreadsheetJob
    from cpms.children.spreadsheets.importer import import_confirm, import_upload

    from .generate import generate

    if SpreadsheetJob.objects.exists():  # an earlier run imported into the registry
        SpreadsheetJob.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM bench_dataset WHERE name = 'children'")
    generate(args.scale, args.seed)
    commune = busiest_commune()
    worker = bench_worker(commune)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"import-{args.scale}.xlsx"
    started = time.perf_counter()
    kinds = make_book(path, args.scale, args.seed, commune)
    print(f"book: {args.scale} rows for {commune.name}, {kinds}", flush=True)
    print(f"  written in {time.perf_counter() - started:.1f} s, {path.stat().st_size // 1024} KB")
    with path.open("rb") as handle:
        upload = File(handle, name=path.name)
        upload.size = path.stat().st_size
        job = import_upload(actor=worker, upload=upload, commune=commune)  # type: ignore[arg-type]
    check = _phase_in_child("validate", job.pk)
    print("check:", check, flush=True)
    job.refresh_from_db()
    import_confirm(actor=worker, job=job)
    imported = _phase_in_child("import", job.pk)
    print("import:", imported, flush=True)
    total = check["seconds"] + imported["seconds"]
    result = {
        "scale": args.scale,
        "rows": args.scale,
        "book": kinds,
        "check": check,
        "import": imported,
        "end_to_end_rows_per_s": round(args.scale / total) if total else None,
        "targets": {
            "check_rows_per_s": check["rows_per_s"] >= TARGETS["rows_per_s"],
            "import_rows_per_s": imported["rows_per_s"] >= TARGETS["rows_per_s"],
            "peak_mb": max(check["peak_mb"], imported["peak_mb"]) < TARGETS["peak_mb"],
        },
    }
    (OUT_DIR / f"import-{args.scale}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
