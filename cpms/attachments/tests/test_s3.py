"""Attachments on an S3-compatible server (CPMS_STORAGE=s3): a real S3 endpoint (moto's
server on 127.0.0.1) behind the "private" storage. The file lands in the bucket, private;
it comes back only through the permission-checked download view; the backup reads it through
the storage API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from cpms.attachments.models import Attachment
from cpms.attachments.storage import private_storage
from cpms.cases.tests.abuse_factories import PDF
from cpms.cases.tests.conftest import reference_data  # noqa: F401 - concern types, rules
from cpms.cases.tests.factories import make_case
from cpms.ops.backup.archive import tar_storage

ROOT = Path(__file__).resolve().parents[3]
BUCKET = "cpms-test"
KEYS = {"access_key": "testing-key", "secret_key": "testing-secret"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(s3_endpoint: str, settings, tmp_path):
    """The bucket, empty, and settings.STORAGES as config/settings.py builds them for s3."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_endpoint,
        "region_name": "us-east-1",
        **KEYS,
        "default_acl": "private",
        "querystring_expire": 60,
        "file_overwrite": False,
    }
    backend = "storages.backends.s3.S3Storage"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": backend, "OPTIONS": {**options, "location": "private"}},
    }
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "unused"
    yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for entry in listed:
        client.delete_object(Bucket=BUCKET, Key=entry["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _upload(client, case) -> None:
    url = reverse(
        "attachments:upload", kwargs={"subject_type": "cases.case", "subject_id": case.uid}
    )
    data = {
        "file": SimpleUploadedFile("bien ban.pdf", PDF, content_type="application/pdf"),
        "description": "Biên bản",
        "idempotency_key": str(uuid.uuid4()),
    }
    assert client.post(url, data).status_code == 302


def test_an_upload_lands_privately_in_the_bucket_and_is_sent_only_through_the_view(
    world, client_for, s3
):
    assert type(private_storage()).__name__ == "S3Storage"
    case = make_case(world)
    _upload(client_for("worker"), case)
    row = Attachment.objects.get()
    key = f"private/{row.stored_name}"
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == PDF
    grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [g["Grantee"].get("URI") for g in grants if g["Grantee"]["Type"] == "Group"] == []

    url = reverse("attachments:download", kwargs={"uid": row.uid})
    response = client_for("worker").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "amazonaws" not in response.get("Location", "")
    assert client_for("outsider").get(url).status_code == 404


def test_the_backup_reads_bucket_files_through_the_storage_api(world, client_for, s3, tmp_path):
    case = make_case(world)
    _upload(client_for("worker"), case)
    row = Attachment.objects.get()
    target = tmp_path / "attachments.tar"
    sums = tar_storage(private_storage(), target)
    assert sums == {row.stored_name: row.sha256}
    with tarfile.open(target) as tar:
        member = tar.extractfile(row.stored_name)
        assert member is not None
        assert member.read() == PDF


def test_the_settings_build_private_s3_storages_with_secrets_from_files(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3-secret\n", encoding="utf-8")
    env = {
        **os.environ,
        "DATABASE_URL": "postgresql://x@/x",
        "SECRET_KEY": "test-only-secret-key",
        "DEBUG": "1",
        "CPMS_STORAGE": "s3",
        "CPMS_S3_BUCKET": "cpms-files",
        "CPMS_S3_ENDPOINT_URL": "https://minio.internal:9000",
        "CPMS_S3_ACCESS_KEY_ID": "key-id",
        "CPMS_S3_SECRET_ACCESS_KEY_FILE": str(secret),
    }
    code = "import json, config.settings as s; print(json.dumps(s.STORAGES))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    storages = json.loads(out.stdout.strip().splitlines()[-1])
    private = storages["private"]["OPTIONS"]
    assert storages["private"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (private["bucket_name"], private["location"]) == ("cpms-files", "private")
    assert (private["access_key"], private["secret_key"]) == ("key-id", "s3-secret")
    assert (private["default_acl"], private["file_overwrite"]) == ("private", False)
    assert storages["default"]["OPTIONS"]["location"] == "media"
    env["CPMS_STORAGE"] = "ftp"
    refused = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True)
    assert refused.returncode != 0 and b"CPMS_STORAGE" in refused.stderr
