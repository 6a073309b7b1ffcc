"""Run a command with DATABASE_URL pointing at PostgreSQL (embedded unless already set).

Usage: python scripts/with_db.py <cluster-name> <command> [args...]
"""

from __future__ import annotations

import os
import sys

from devdb import database_url, run


def main() -> int:
    name, *command = sys.argv[1:]
    url, server = database_url(name, "cpms")
    env = {**os.environ, "DATABASE_URL": url}
    try:
        return run(command, env)
    finally:
        if server is not None:
            server.cleanup()  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
