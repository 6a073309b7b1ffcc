"""Backup, then restore into a second, empty PostgreSQL cluster: the copy holds every
extension, index, trigger, row and attachment, and a damaged backup is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cpms.audit.models import AuditLog
from cpms.cases.tests.abuse_factories import PDF, add_attachment
from cpms.cases.tests.factories import make_case
from cpms.children.tests.factories import make_child
from cpms.ops.backup import inventory
from cpms.ops.backup.services import backup_restore
from cpms.testing import build_world, fill_reference_data


@pytest.fixture
def backed_up(transactional_db: None, settings: Any, tmp_path: Path) -> Path:
    """Committed data (children, a case with its audit rows, an attachment), backed up."""
    fill_reference_data()
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    world = build_world()
    make_child(world, full_name="Trần Văn Đức")
    add_attachment(world, make_case(world))
    call_command("backup", str(tmp_path / "backup"), stdout=open("/dev/null", "w"))  # noqa: SIM115
    return tmp_path / "backup"


def source_catalog(query: str) -> set[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return set(cursor.fetchall())


def target_catalog(url: str, query: str) -> set[tuple[Any, ...]]:
    with psycopg.connect(url) as conn:
        return set(conn.execute(query).fetchall())


INDEXES = "SELECT schemaname, indexname FROM pg_indexes WHERE schemaname = 'public'"
EXTENSIONS = "SELECT extname FROM pg_extension"
COUNTS = (
    "SELECT (SELECT count(*) FROM children_child), (SELECT count(*) FROM cases_case),"
    " (SELECT count(*) FROM audit_auditlog), (SELECT count(*) FROM attachments_attachment)"
)


def test_it_restores_everything_into_an_empty_cluster(backed_up, empty_database, tmp_path):
    manifest = json.loads((backed_up / "manifest.json").read_text())
    assert manifest["database"]["tables"]["public.cases_case"]["rows"] == 1
    assert {"pg_trgm", "unaccent"} <= set(manifest["database"]["extensions"])
    assert len(manifest["attachments"]) == 1
    assert oct((backed_up / "database.dump").stat().st_mode & 0o777) == "0o600"

    call_command(
        "restore",
        str(backed_up),
        database_url=empty_database,
        media_root=str(tmp_path / "restored-files"),
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )

    assert target_catalog(empty_database, EXTENSIONS) >= {("pg_trgm",), ("unaccent",)}
    assert target_catalog(empty_database, EXTENSIONS) == source_catalog(EXTENSIONS)
    assert target_catalog(empty_database, INDEXES) == source_catalog(INDEXES)
    [counts] = target_catalog(empty_database, COUNTS)
    # The backup's own audit row was written after the snapshot.
    assert AuditLog.objects.filter(subject_type="ops.backup", event_type="export").count() == 1
    assert counts == (2, 1, AuditLog.objects.count() - 1, 1)
    [restored_file] = [p for p in (tmp_path / "restored-files").rglob("*") if p.is_file()]
    assert restored_file.read_bytes() == PDF
    # The append-only trigger came along.
    with psycopg.connect(empty_database) as conn, pytest.raises(psycopg.errors.RaiseException):
        conn.execute("DELETE FROM audit_auditlog")


def test_a_changed_row_shows_in_the_comparison(backed_up, empty_database, tmp_path):
    differences = backup_restore(
        directory=backed_up, database_url=empty_database, media_root=tmp_path / "files"
    )
    assert differences == []
    with psycopg.connect(empty_database) as conn:
        conn.execute("UPDATE children_child SET full_name = 'X' WHERE full_name <> 'X'")
        conn.execute("DROP INDEX IF EXISTS audit_subject_idx")
    with psycopg.connect(empty_database) as conn:
        inventory.prepare_session(conn)
        found = inventory.differences(
            json.loads((backed_up / "manifest.json").read_text())["database"],
            inventory.take(conn),
        )
    assert any(line.startswith("tables: public.children_child") for line in found)
    assert "indexes: thiếu public.audit_subject_idx" in found


def test_it_refuses_a_database_that_is_not_empty(backed_up, empty_database, tmp_path):
    with psycopg.connect(empty_database, autocommit=True) as conn:
        conn.execute("CREATE TABLE leftover (id int)")
    with pytest.raises(CommandError, match="không trống"):
        backup_restore(directory=backed_up, database_url=empty_database, media_root=tmp_path / "f")


def test_it_refuses_a_tampered_file_before_touching_the_target(backed_up, empty_database, tmp_path):
    dump = backed_up / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=r"database\.dump"):
        backup_restore(directory=backed_up, database_url=empty_database, media_root=tmp_path / "f")
    assert target_catalog(empty_database, INDEXES) == set()


def test_a_failing_pg_restore_stops_the_restore(backed_up, empty_database, tmp_path):
    """A dump that pg_restore cannot read (with a manifest rewritten to match it) fails on
    pg_restore's exit code, not later on a comparison."""
    dump = backed_up / "database.dump"
    dump.write_bytes(dump.read_bytes()[:2000])
    manifest_path = backed_up / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    from cpms.ops.backup.archive import sha256_of

    manifest["files"]["database.dump"] = sha256_of(dump)
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="pg_restore thất bại"):
        backup_restore(directory=backed_up, database_url=empty_database, media_root=tmp_path / "f")


def test_a_backup_never_writes_into_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "old.dump").write_bytes(b"x")
    with pytest.raises(CommandError, match="không trống"):
        call_command("backup", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["old.dump"]
