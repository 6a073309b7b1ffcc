"""Benchmarks: scripts that generate realistic data, measure, print and write figures.

Run them through the Makefile (`make bench-dedup`), which starts the dedicated embedded
cluster var/pgbench and sets DATABASE_URL. They are not unit tests.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "var" / "bench"


def bootstrap(*, migrate: bool = True) -> None:
    """Django set up with the normal settings (DEBUG defaults on), and migrations applied."""
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("DATABASE_URL is not set: run through `scripts/with_db.py pgbench …`")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    if not migrate:
        return
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
