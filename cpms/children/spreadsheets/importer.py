"""Importing a child-monitoring book: upload → background check → confirmation → import.

The same file (by SHA-256) is imported at most once per commune, and every row that matches
a child already in the commune (same name key and date of birth) is skipped, so importing a
file twice, or a later version of the same book, adds nothing twice. The check keeps the
rows it checked (`staged.py`), which the import reads instead of the book. Children are
created with their parents through the registry's bulk service (`writer.py`), one
transaction per batch; the batch records how far it got, so a worker restarted mid-import
carries on where it stopped. While one batch is saved, or its queries run, the next batch is
read and prepared (`pipeline.py`).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from pathlib import PurePath
from typing import TypeVar

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit

from ..models import ImportRowIssue, IssueSeverity, JobKind, JobStatus, SpreadsheetJob
from .access import SUBJECT, import_communes
from .checked import CheckedRow
from .pipeline import Beside
from .reader import MAX_UPLOAD_BYTES, SNIFF_BYTES, BookReader, SheetError, sniff_xlsx
from .staged import StagedWriter, read_staged, staged_sha256
from .validate import BookChecker, Lookups
from .writer import BatchWriter, import_batch, issue_rows

logger = logging.getLogger(__name__)

VALIDATE_BATCH = 500  # rows per progress update and per bulk insert of issues
IMPORT_BATCH = 1000  # rows per transaction
ACTIVE_IMPORT = (JobStatus.IMPORTING, JobStatus.DONE)
CANCELLABLE = (JobStatus.UPLOADED, JobStatus.VALIDATING, JobStatus.VALIDATED)
STAGED_KEY = "checked_rows"  # in job.params: the file of checked rows (name, sha256)

T = TypeVar("T")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _already_imported(*, sha256: str, commune: AdminUnit, exclude_pk: int | None = None) -> None:
    jobs = SpreadsheetJob.objects.filter(
        kind=JobKind.IMPORT, sha256=sha256, commune=commune, status__in=ACTIVE_IMPORT
    )
    if exclude_pk is not None:
        jobs = jobs.exclude(pk=exclude_pk)
    previous = jobs.select_related("created_by").order_by("created_at").first()
    if previous is not None:
        raise SheetError(
            _(
                "Tệp này đã được nhập cho %(commune)s ngày %(date)s (người nhập: %(user)s). "
                "Hệ thống không nhập lại."
            )
            % {
                "commune": commune.name,
                "date": date_format(timezone.localtime(previous.created_at), "SHORT_DATE_FORMAT"),
                "user": previous.created_by.full_name or previous.created_by.get_username(),
            }
        )


@transaction.atomic
def import_upload(*, actor: User, upload: UploadedFile, commune: AdminUnit) -> SpreadsheetJob:
    """Accept an uploaded book for checking: size, type by content, zip sanity, not already
    imported for this commune. The file is stored under a generated name; the user's file
    name is kept as text only. Raises SheetError with a message for the user."""
    if not import_communes(actor).filter(pk=commune.pk).exists():
        raise SheetError(_("Bạn không được nhập sổ theo dõi cho xã, phường này."))
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise SheetError(
            _("Tệp lớn hơn %(size)s MB. Hãy chia sổ thành nhiều tệp nhỏ hơn.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    sniff_xlsx(upload.read(SNIFF_BYTES), upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    _already_imported(sha256=sha256, commune=commune)
    job = SpreadsheetJob(
        kind=JobKind.IMPORT,
        status=JobStatus.UPLOADED,
        original_name=normalize_text(PurePath(upload.name or "").name)[:255],
        sha256=sha256,
        commune=commune,
        created_by=actor,
    )
    upload.seek(0)
    job.file.save(f"{uuid.uuid4().hex}.xlsx", upload, save=False)
    job.save()
    audit_record(
        event=AuditEvent.CREATE,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=job.uid,
        admin_unit_id=commune.pk,
        extra={"kind": JobKind.IMPORT, "sha256": sha256, "size": upload.size},
    )
    from ..tasks import validate_import  # the tasks module imports this one

    transaction.on_commit(lambda: validate_import.defer(job_id=job.pk))
    return job


@transaction.atomic
def import_confirm(*, actor: User, job: SpreadsheetJob) -> SpreadsheetJob:
    """Start the import of a checked file. Refused if the same file was imported for the
    commune meanwhile (the lock on every job of that file and commune serialises this)."""
    locked = list(
        SpreadsheetJob.objects.select_for_update()
        .filter(kind=JobKind.IMPORT, sha256=job.sha256, commune_id=job.commune_id)
        .order_by("pk")
    )
    job = next(j for j in locked if j.pk == job.pk)
    if job.status != JobStatus.VALIDATED:
        raise SheetError(_("Tệp này không ở trạng thái chờ xác nhận."))
    assert job.commune is not None
    _already_imported(sha256=job.sha256, commune=job.commune, exclude_pk=job.pk)
    job.status = JobStatus.IMPORTING
    job.processed_rows = 0
    job.save(update_fields=["status", "processed_rows", "updated_at"])
    from ..tasks import run_import

    transaction.on_commit(lambda: run_import.defer(job_id=job.pk))
    return job


@transaction.atomic
def import_cancel(*, actor: User, job: SpreadsheetJob) -> SpreadsheetJob:
    """Drop a file that has not been imported; its stored copy is deleted."""
    job = SpreadsheetJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in CANCELLABLE:
        raise SheetError(_("Không thể hủy: tệp đang được nhập hoặc đã xử lý xong."))
    job.status = JobStatus.CANCELLED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at", "updated_at"])
    if job.file:
        name = job.file.name
        transaction.on_commit(lambda: job.file.storage.delete(name))
        transaction.on_commit(lambda: _drop_staged(job))
    return job


# Background work ---------------------------------------------------------------------------


def _claim(job_id: int, *, allowed: tuple[str, ...], to: str) -> SpreadsheetJob | None:
    with transaction.atomic():
        job = (
            SpreadsheetJob.objects.select_for_update(of=("self",))
            .select_related("commune", "created_by")
            .filter(pk=job_id, kind=JobKind.IMPORT)
            .first()
        )
        if job is None or job.status not in allowed:
            return None
        job.status = to
        job.save(update_fields=["status", "updated_at"])
        return job


def _fail(job: SpreadsheetJob, message: str) -> None:
    SpreadsheetJob.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, message=message[:500], finished_at=timezone.now()
    )


def validate_file(*, job_id: int) -> None:
    """Check every row and record the issues, updating progress after each batch. The
    checked rows are kept for the import (`staged.py`)."""
    job = _claim(
        job_id, allowed=(JobStatus.UPLOADED, JobStatus.VALIDATING), to=JobStatus.VALIDATING
    )
    if job is None or job.commune is None:
        return
    job.issues.all().delete()  # a restarted check starts over
    checker = BookChecker(commune=job.commune, viewer=job.created_by)
    counts = {"rows": 0, "errors": 0, "warnings": 0, "duplicates": 0}

    def conclude(rows: list[CheckedRow], found: Future[Lookups], estimated: int) -> None:
        checked = checker.conclude(rows, found.result())
        staged.write(checked)
        ImportRowIssue.objects.bulk_create(issue_rows(checked, job))
        counts["rows"] += len(checked)
        counts["errors"] += sum(1 for r in checked if r.has_errors)
        counts["warnings"] += sum(1 for r in checked if r.issues and not r.has_errors)
        counts["duplicates"] += sum(1 for r in checked if r.skip and not r.has_errors)
        SpreadsheetJob.objects.filter(pk=job.pk).update(
            processed_rows=counts["rows"],
            total_rows=max(estimated, counts["rows"]),
            error_rows=counts["errors"],
            warning_rows=counts["warnings"],
        )

    try:
        with (
            job.file.open("rb") as file,
            BookReader(file) as book,
            StagedWriter() as staged,
            Beside("import-check") as beside,
        ):
            SpreadsheetJob.objects.filter(pk=job.pk).update(total_rows=book.estimated_rows)
            ImportRowIssue.objects.bulk_create(_header_issues(job, book))
            # A batch's queries run beside while the next batch is read and checked.
            pending: tuple[list[CheckedRow], Future[Lookups]] | None = None
            for batch in chunks(book.rows(), VALIDATE_BATCH):
                if _cancelled(job):
                    return
                rows = checker.check_rows(batch)
                if pending is not None:
                    conclude(*pending, book.estimated_rows)
                pending = (rows, beside.submit(checker.look_up, rows))
            if pending is not None:
                conclude(*pending, book.estimated_rows)
            staged_name, staged_sha256 = staged.save(job.file.storage)
    except SheetError as exc:
        _refuse(job, exc.message)
        return
    to_import = counts["rows"] - counts["errors"] - counts["duplicates"]
    job.refresh_from_db()
    if job.status != JobStatus.VALIDATING:
        job.file.storage.delete(staged_name)
        return
    _drop_staged(job)  # of an earlier, interrupted check
    job.status = JobStatus.VALIDATED
    job.total_rows = job.processed_rows = counts["rows"]
    job.params = {
        **job.params,
        "to_import": to_import,
        "duplicates": counts["duplicates"],
        STAGED_KEY: {"name": staged_name, "sha256": staged_sha256},
    }
    job.message = "" if counts["rows"] else _("Tệp không có dòng dữ liệu nào.")
    job.save(
        update_fields=["status", "total_rows", "processed_rows", "params", "message", "updated_at"]
    )


def _refuse(job: SpreadsheetJob, message: str) -> None:
    """The check refused the file: keep only the job and its message, not the file or the
    issues of the rows read before the refusal."""
    with transaction.atomic():
        job.issues.all().delete()
        _fail(job, message)
        SpreadsheetJob.objects.filter(pk=job.pk).update(file="")
    if job.file:
        job.file.storage.delete(job.file.name)


def _drop_staged(job: SpreadsheetJob) -> None:
    staged = job.params.get(STAGED_KEY)
    if staged:
        job.file.storage.delete(staged["name"])


def _header_issues(job: SpreadsheetJob, book: BookReader) -> list[ImportRowIssue]:
    return [
        ImportRowIssue(
            job=job,
            row_number=book.header_row,
            severity=IssueSeverity.WARNING,
            column=header[:100],
            message=_("Cột «%(column)s» không có trong mẫu sổ theo dõi, sẽ bị bỏ qua.")
            % {"column": header},
        )
        for header in book.unknown_headers
    ]


def _cancelled(job: SpreadsheetJob) -> bool:
    status = SpreadsheetJob.objects.filter(pk=job.pk).values_list("status", flat=True).first()
    return status == JobStatus.CANCELLED


def import_file(*, job_id: int) -> None:
    """Create the children of every row that passed the check, skipping rows already in the
    registry. One transaction per batch, which also records the last row it handled."""
    job = SpreadsheetJob.objects.select_related("commune", "created_by").get(pk=job_id)
    if job.status != JobStatus.IMPORTING or job.commune is None:
        return
    if _file_sha256(job) != job.sha256:
        _fail(job, _("Tệp đã lưu không còn đúng với tệp đã kiểm tra; hãy tải lên lại."))
        return
    rejected = set(
        job.issues.filter(severity=IssueSeverity.ERROR).values_list("row_number", flat=True)
    )
    done_through = int(job.params.get("imported_through", 0))
    checker = BookChecker(commune=job.commune, viewer=job.created_by, importing=True)
    try:
        with BatchWriter(job, rejected) as writer:
            for checked in _checked_batches(job, checker):
                todo = [r for r in checked if r.number > done_through]
                if todo:
                    writer.write(todo)
    except SheetError as exc:
        _fail(job, exc.message)
        return
    SpreadsheetJob.objects.filter(pk=job.pk, status=JobStatus.IMPORTING).update(
        status=JobStatus.DONE, finished_at=timezone.now(), processed_rows=F("total_rows")
    )
    _drop_staged(job)


def _checked_batches(job: SpreadsheetJob, checker: BookChecker) -> Iterator[list[CheckedRow]]:
    """The rows as checked, batch by batch: from the rows the check kept (looking again only
    at what may have changed since: children registered meanwhile), or, for a job checked
    before rows were kept, by reading and checking the book again."""
    assert job.commune is not None
    staged = job.params.get(STAGED_KEY)
    if staged:
        storage = job.file.storage
        if staged_sha256(storage, staged["name"]) != staged["sha256"]:
            raise SheetError(_("Tệp đã lưu không còn đúng với tệp đã kiểm tra; hãy tải lên lại."))
        for kept in chunks(read_staged(storage, staged["name"], job.commune), IMPORT_BATCH):
            yield checker.recheck(kept)
        return
    with job.file.open("rb") as file, BookReader(file) as book:
        for batch in chunks(book.rows(), IMPORT_BATCH):
            yield checker.check(batch)  # also for done rows: it remembers the file


def _import_batch(job: SpreadsheetJob, rows: list[CheckedRow], rejected: set[int]) -> None:
    """Import one batch in one transaction (`writer.import_batch`)."""
    import_batch(job, rows, rejected, None)


def _file_sha256(job: SpreadsheetJob) -> str:
    digest = hashlib.sha256()
    with job.file.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
