"""Back up the database and the attachments with a manifest; restore into an empty cluster
and prove the copy is whole (the same counts, checksums, extensions, indexes, constraints,
triggers, functions and sequences as when the backup was taken)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from cpms.attachments.storage import private_root, private_storage
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record

from . import inventory
from .archive import sha256_of, tar_folder, tar_storage, untar_into
from .tools import Target, find_bin_dir, run_tool

DUMP = "database.dump"
TAR = "attachments.tar"
MANIFEST = "manifest.json"
FORMAT = 1


def _app_version() -> str:
    data = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text("utf-8"))
    return str(data["project"]["version"])


def migration_heads() -> dict[str, list[str]]:
    heads: dict[str, list[str]] = {}
    for app, name in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes():
        heads.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(heads.items())}


def _empty_folder(path: Path, what: str) -> None:
    if path.exists() and any(path.iterdir()):
        raise CommandError(f"{what} {path} không trống: không ghi đè.")


def _dump_in_snapshot(target: Target, bin_dir: Path, dump: Path) -> inventory.Inventory:
    """pg_dump and the inventory read the same snapshot, so the manifest describes exactly
    what the dump holds even while the application keeps writing."""
    with psycopg.connect(**target.connect_kwargs()) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        inventory.prepare_session(conn)
        row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert row is not None
        run_tool(
            [
                str(bin_dir / "pg_dump"),
                "--format=custom",
                f"--snapshot={row[0]}",
                f"--file={dump}",
                f"--dbname={target.conninfo}",
            ],
            target,
        )
        return inventory.take(conn)


def backup_create(*, directory: Path, pg_bin: str = "") -> dict[str, Any]:
    """Write database.dump (pg_dump, custom format, the whole database with its extensions),
    attachments.tar (the private media folder) and manifest.json into an empty `directory`.
    Files are readable by the owner only: they hold every child's record."""
    _empty_folder(directory, "Thư mục sao lưu")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = Target.from_settings(connection.settings_dict)
    connection.ensure_connection()
    server_major = connection.pg_version // 10000  # type: ignore[attr-defined]
    bin_dir = find_bin_dir(server_major, pg_bin)
    created_at = timezone.now()
    database = _dump_in_snapshot(target, bin_dir, directory / DUMP)
    if "private" in settings.STORAGES:  # an S3 bucket: read through the storage API
        attachments = tar_storage(private_storage(), directory / TAR)
    else:
        attachments = tar_folder(private_root(), directory / TAR)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": created_at.isoformat(),
        "app": {"version": _app_version(), "migrations": migration_heads()},
        "postgresql": {
            "server_version_num": connection.pg_version,  # type: ignore[attr-defined]
            "pg_dump": str(bin_dir / "pg_dump"),
        },
        "files": {name: sha256_of(directory / name) for name in (DUMP, TAR)},
        "attachments": attachments,
        "database": database,
    }
    path = directory / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, default=str), "utf-8")
    for name in (DUMP, TAR, MANIFEST):
        (directory / name).chmod(0o600)
    with transaction.atomic():
        audit_record(
            event=AuditEvent.EXPORT,
            actor=None,
            actor_label="manage.py backup",
            subject_type="ops.backup",
            subject_id=directory.name,
            extra={
                "tables": len(database["tables"]),
                "rows": sum(t["rows"] for t in database["tables"].values()),
                "attachments": len(attachments),
            },
        )
    return manifest


def read_manifest(directory: Path) -> dict[str, Any]:
    """The manifest, after checking every file it lists against its sha256."""
    path = directory / MANIFEST
    if not path.is_file():
        raise CommandError(f"Không có {MANIFEST} trong {directory}.")
    manifest: dict[str, Any] = json.loads(path.read_text("utf-8"))
    if manifest.get("format") != FORMAT:
        raise CommandError(f"Định dạng bản kê không hỗ trợ: {manifest.get('format')!r}")
    for name, expected in manifest["files"].items():
        file = directory / name
        if not file.is_file() or sha256_of(file) != expected:
            raise CommandError(f"Tệp {name} bị thiếu hoặc đã bị thay đổi (sha256 không khớp).")
    return manifest


def _check_empty_database(target: Target) -> int:
    """Refuse a target that holds anything but an empty public schema; return its version."""
    with psycopg.connect(**target.connect_kwargs(), autocommit=True) as conn:
        row = conn.execute(inventory.CONTENTS).fetchone()
    assert row is not None
    if row[0] or row[1]:
        raise CommandError(
            "Cơ sở dữ liệu đích không trống: chỉ khôi phục vào một cơ sở dữ liệu mới, trống."
        )
    return int(row[2])


def backup_restore(
    *, directory: Path, database_url: str, media_root: Path, pg_bin: str = ""
) -> list[str]:
    """Restore a backup into an empty database and an empty media folder, then compare the
    result with the manifest. Returns the differences (empty: the copy is whole); a refused
    or failed step raises CommandError before anything is compared."""
    manifest = read_manifest(directory)
    target = Target.from_url(database_url)
    server = _check_empty_database(target)
    _empty_folder(media_root, "Thư mục tệp đính kèm")
    bin_dir = find_bin_dir(server // 10000, pg_bin)
    run_tool(
        [
            str(bin_dir / "pg_restore"),
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={target.conninfo}",
            str(directory / DUMP),
        ],
        target,
    )
    untar_into(directory / TAR, media_root, manifest["attachments"])
    with psycopg.connect(**target.connect_kwargs()) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        inventory.prepare_session(conn)
        restored = inventory.take(conn)
    return inventory.differences(manifest["database"], restored)
