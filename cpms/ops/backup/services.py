"""Back up the database and the attachments with a manifest; restore into an empty cluster
and prove the copy is whole (the same counts, checksums, extensions, indexes, constraints,
triggers, functions and sequences as when the backup was taken)."""

from __future__ import annotations

import json
import tarfile
import tomllib
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from cpms.attachments.storage import private_root, private_storage
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record

from . import inventory
from .archive import sha256_of, tar_folder, tar_storage
from .files import FilesRestored, Progress, check_members, check_reachable, quiet, write_members
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


def restore_storage(media_root: Path | None) -> Storage:
    """Where restored files go: a local folder when one is named, else the configured
    private storage (the S3 bucket with CPMS_STORAGE=s3, or PRIVATE_MEDIA_ROOT)."""
    if media_root is None:
        return private_storage()
    return FileSystemStorage(
        location=str(media_root),
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def backup_restore(
    *,
    directory: Path,
    database_url: str,
    media_root: Path | None = None,
    pg_bin: str = "",
    progress: Progress = quiet,
) -> list[str]:
    """Restore a backup into an empty database and put its attachments back into the
    storage (restore_storage), then compare the database with the manifest. Returns the
    differences (empty: the copy is whole); a refused or failed step raises CommandError
    before anything is compared."""
    manifest = read_manifest(directory)
    members = check_members(directory / TAR, manifest["attachments"])
    target = Target.from_url(database_url)
    server = _check_empty_database(target)
    storage = restore_storage(media_root)
    check_reachable(storage)
    bin_dir = find_bin_dir(server // 10000, pg_bin)
    progress("Khôi phục cơ sở dữ liệu (pg_restore)…")
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
    _write_files(directory, members, storage, manifest, progress)
    progress("So sánh cơ sở dữ liệu đã khôi phục với bản kê…")
    with psycopg.connect(**target.connect_kwargs()) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        inventory.prepare_session(conn)
        restored = inventory.take(conn)
    return inventory.differences(manifest["database"], restored)


def backup_restore_files(
    *, directory: Path, media_root: Path | None = None, progress: Progress = quiet
) -> FilesRestored:
    """Only the attachments: to finish a restore the storage interrupted, or to refill a
    bucket from a backup. Files already there with the right sha256 are skipped."""
    manifest = read_manifest(directory)
    members = check_members(directory / TAR, manifest["attachments"])
    storage = restore_storage(media_root)
    check_reachable(storage)
    return _write_files(directory, members, storage, manifest, progress)


def _write_files(
    directory: Path,
    members: list[tarfile.TarInfo],
    storage: Storage,
    manifest: dict[str, Any],
    progress: Progress,
) -> FilesRestored:
    progress(f"Ghi {len(members)} tệp đính kèm vào kho lưu trữ…")
    done = write_members(directory / TAR, members, storage, manifest["attachments"], progress)
    progress(f"Tệp đính kèm: {done.written} tệp đã ghi, {done.present} tệp đã có sẵn.")
    return done
