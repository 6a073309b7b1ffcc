"""Restore with attachments on S3 (moto's server, as in cpms/attachments/tests/test_s3.py):
the objects of the backup go back into the bucket through the storage API, checked by
sha256; a second run adds nothing; a changed file or an unreachable bucket is refused."""

from __future__ import annotations

import io
import json
import socket
import tarfile
from pathlib import Path

import psycopg
import pytest
from botocore.config import Config
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from storages.backends.s3 import S3Storage

from cpms.attachments.models import Attachment
from cpms.attachments.storage import private_storage
from cpms.attachments.tests.test_s3 import BUCKET, _upload
from cpms.cases.tests.abuse_factories import PDF
from cpms.cases.tests.conftest import reference_data  # noqa: F401 - concern types, rules
from cpms.cases.tests.factories import make_case
from cpms.ops.backup.archive import sha256_of
from cpms.ops.backup.services import backup_restore, backup_restore_files

REPORT = "reports/2026/11/bao-cao.xlsx"
REPORT_BYTES = b"PK\x03\x04 generated report" * 1000


def _keys(client) -> dict[str, int]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {entry["Key"]: entry["Size"] for entry in listed}


def _empty_bucket(client) -> None:
    for key in _keys(client):
        client.delete_object(Bucket=BUCKET, Key=key)
    assert _keys(client) == {}


@pytest.fixture
def backed_up(world, client_for, s3, tmp_path: Path) -> Path:
    """An uploaded attachment and a generated file in the bucket, backed up, and the bucket
    emptied afterwards (the data loss a restore repairs)."""
    _upload(client_for("worker"), make_case(world))
    private_storage().save(REPORT, ContentFile(REPORT_BYTES))
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    _empty_bucket(s3)
    return tmp_path / "backup"


def _restore_files(directory: Path) -> str:
    out = io.StringIO()
    call_command("restore", str(directory), files_only=True, stdout=out)
    return out.getvalue()


def test_a_restore_puts_the_objects_back_and_the_view_sends_them(
    transactional_db, backed_up, s3, client_for, empty_database
):
    row = Attachment.objects.get()
    out = io.StringIO()
    call_command("restore", str(backed_up), database_url=empty_database, stdout=out)

    assert _keys(s3) == {
        f"private/{row.stored_name}": len(PDF),
        f"private/{REPORT}": len(REPORT_BYTES),
    }
    assert s3.get_object(Bucket=BUCKET, Key=f"private/{REPORT}")["Body"].read() == REPORT_BYTES
    with psycopg.connect(empty_database) as conn:
        restored = conn.execute("SELECT stored_name, sha256 FROM attachments_attachment")
        assert restored.fetchall() == [(row.stored_name, row.sha256)]
    response = client_for("worker").get(reverse("attachments:download", kwargs={"uid": row.uid}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "[1/2]" in out.getvalue() and "[2/2]" in out.getvalue()
    assert "2 tệp đã ghi, 0 tệp đã có sẵn" in out.getvalue()


def test_a_second_restore_adds_nothing_and_a_partial_one_resumes(backed_up, s3):
    _restore_files(backed_up)
    first = _keys(s3)
    assert len(first) == 2

    again = _restore_files(backed_up)
    assert _keys(s3) == first
    assert "0 tệp đã ghi, 2 tệp đã có sẵn" in again
    assert again.count("đã có, bỏ qua") == 2

    s3.delete_object(Bucket=BUCKET, Key=f"private/{REPORT}")
    done = backup_restore_files(directory=backed_up)
    assert (done.written, done.present) == (1, 1)
    assert _keys(s3) == first


def test_an_object_with_other_contents_is_never_overwritten(backed_up, s3):
    s3.put_object(Bucket=BUCKET, Key=f"private/{REPORT}", Body=b"other")
    with pytest.raises(CommandError, match="nội dung khác"):
        backup_restore_files(directory=backed_up)
    body = s3.get_object(Bucket=BUCKET, Key=f"private/{REPORT}")["Body"].read()
    assert body == b"other"


def _rewrite_member(directory: Path, name: str, data: bytes) -> None:
    """Change one file inside attachments.tar and re-sign the tar in the manifest, as a
    corrupted or forged backup would look: only the per-file sha256 still tells."""
    source = directory / "attachments.tar"
    with tarfile.open(source) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]
    with tarfile.open(source, "w") as tar:
        for member, content in members:
            if member.name == name:
                content = data
                member.size = len(data)
            tar.addfile(member, io.BytesIO(content))
    manifest_path = directory / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["attachments.tar"] = sha256_of(source)
    manifest_path.write_text(json.dumps(manifest))


def test_a_file_that_does_not_match_its_sha256_is_refused_before_writing(backed_up, s3):
    _rewrite_member(backed_up, REPORT, REPORT_BYTES[:-1] + b"!")
    with pytest.raises(CommandError, match=r"khác sha256 \['reports/2026/11/bao-cao.xlsx'\]"):
        backup_restore_files(directory=backed_up)
    assert _keys(s3) == {}


def test_an_object_that_reads_back_differently_is_reported(backed_up, s3, monkeypatch):
    original = S3Storage._save

    def damaging_save(self, name, content):
        return original(self, name, ContentFile(b"damaged in transit"))

    monkeypatch.setattr(S3Storage, "_save", damaging_save)
    with pytest.raises(CommandError, match="sau khi ghi, kích thước"):
        backup_restore_files(directory=backed_up)


def _point_at(settings, **options) -> None:
    private = settings.STORAGES["private"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**private, "OPTIONS": {**private["OPTIONS"], **options}},
    }


def test_a_missing_bucket_stops_the_restore_before_the_database(
    backed_up, settings, empty_database
):
    _point_at(settings, bucket_name="no-such-bucket")
    with pytest.raises(CommandError, match="Không truy cập được kho lưu trữ tệp") as refused:
        backup_restore(directory=backed_up, database_url=empty_database)
    assert "NoSuchBucket" in str(refused.value)
    assert "Chưa ghi gì" in str(refused.value)
    with psycopg.connect(empty_database) as conn:
        row = conn.execute("SELECT to_regclass('public.django_migrations')").fetchone()
    assert row == (None,)


def test_an_unreachable_endpoint_is_a_clear_error(backed_up, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    quick = Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=2)
    _point_at(settings, endpoint_url=closed, client_config=quick)
    with pytest.raises(CommandError, match="Không truy cập được kho lưu trữ tệp"):
        call_command("restore", str(backed_up), files_only=True, stdout=io.StringIO())
