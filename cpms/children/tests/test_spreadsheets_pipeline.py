"""The check and the import as the background worker runs them: outside any transaction, so
the import saves each batch on a second connection while the next one is prepared, and reads
the rows the check kept instead of the workbook."""

from __future__ import annotations

import threading

import pytest
from django.core.files.base import ContentFile

from cpms.audit.models import AuditEvent, AuditLog
from cpms.children.models import Child, FamilyLink, JobStatus
from cpms.children.spreadsheets import importer, writer
from cpms.children.spreadsheets.reader import BookReader
from cpms.children.tests.test_spreadsheets_support import (
    confirm_and_import,
    make_book,
    row,
    upload_and_check,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def book(count: int):
    rows = [
        row(full_name=f"Phạm Thị Lan {n}", mother_name=f"Lê Thị Mai {n}", sex="Nữ")
        for n in range(count)
    ]
    rows[3] = row(full_name="Sai Ngày", birth_date="31/02/2015")  # an error
    rows[-1] = dict(rows[10])  # repeated in the file: skipped
    return make_book(rows)


def test_it_saves_batches_on_a_second_connection_with_the_same_outcome(world, monkeypatch):
    threads: list[str] = []
    save = writer.import_batch

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return save(*args, **kwargs)

    monkeypatch.setattr(writer, "import_batch", recorded)
    monkeypatch.setattr(importer, "IMPORT_BATCH", 250)
    job = upload_and_check(world, book(1_100))
    assert (job.params["to_import"], job.params["duplicates"]) == (1_098, 1)
    job = confirm_and_import(world, job)
    assert (job.status, job.created_rows, job.skipped_rows) == (JobStatus.DONE, 1_098, 2)
    assert job.processed_rows == 1_100
    assert len(threads) == 5 and all(t.startswith("import-writer") for t in threads)
    assert Child.objects.filter(commune=world.commune_a).count() == 1_098
    assert FamilyLink.objects.count() == 1_098
    assert (
        AuditLog.objects.filter(event_type=AuditEvent.CREATE, subject_type="children.child").count()
        == 1_098
    )
    assert job.params["imported_through"] == 1_101  # the last row (after the header)
    # The kept rows are dropped once imported; the book stays.
    assert not job.file.storage.exists(job.params[importer.STAGED_KEY]["name"])
    assert job.file.storage.exists(job.file.name)


def test_it_imports_the_kept_rows_without_reading_the_book(world, monkeypatch):
    job = upload_and_check(world, book(20))

    def unread(*args, **kwargs):
        raise AssertionError("the import read the workbook again")

    monkeypatch.setattr(BookReader, "__enter__", unread)
    job = confirm_and_import(world, job)
    assert (job.status, job.created_rows, job.skipped_rows) == (JobStatus.DONE, 18, 2)


def test_it_refuses_kept_rows_that_were_changed(world):
    job = upload_and_check(world, book(20))
    name = job.params[importer.STAGED_KEY]["name"]
    storage = job.file.storage
    with storage.open(name, "rb") as file:
        data = file.read()
    storage.delete(name)
    assert storage.save(name, ContentFile(data[:-8] + b"\0" * 8)) == name
    job = confirm_and_import(world, job)
    assert job.status == JobStatus.FAILED
    assert Child.objects.count() == 0
