"""Saving checked rows to the registry, one transaction per batch.

`BatchWriter` prepares each batch (the registry's checks and the new instances, in Python)
while the batch before it is being saved on a second connection (`pipeline.Beside`), so
that the database's work (inserts, indexes, change history) and Python's overlap.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ..choices import Relationship
from ..models import ImportRowIssue, IssueSeverity, JobStatus, SpreadsheetJob
from ..services import (
    ChildData,
    FamilySeed,
    PreparedChildren,
    child_prepare_many,
    child_register_many,
    child_save_prepared,
)
from .checked import CheckedRow
from .pipeline import Beside


def issue_rows(rows: list[CheckedRow], job: SpreadsheetJob) -> list[ImportRowIssue]:
    return [
        ImportRowIssue(
            job=job,
            row_number=i.row_number,
            severity=i.severity,
            column=i.column[:100],
            message=i.message,
        )
        for row in rows
        for i in row.issues
    ]


@dataclass
class Prepared:
    """A batch's children, prepared for the rows `numbers` (None: the registry refused one
    of them, so the rows are saved one by one to find which)."""

    numbers: list[int]
    children: PreparedChildren | None


def _to_save(rows: list[CheckedRow], rejected: set[int]) -> list[CheckedRow]:
    return [r for r in rows if r.number not in rejected and r.importable and r.data is not None]


def prepare(job: SpreadsheetJob, rows: list[CheckedRow], rejected: set[int]) -> Prepared:
    todo = _to_save(rows, rejected)
    items = _items(todo)
    try:
        children = child_prepare_many(actor=job.created_by, items=items) if items else None
    except ValidationError:
        children = None
    return Prepared(numbers=[r.number for r in todo], children=children)


@transaction.atomic
def import_batch(
    job: SpreadsheetJob, rows: list[CheckedRow], rejected: set[int], prepared: Prepared | None
) -> None:
    # The lock on the job serialises batches: a second worker running the same job waits,
    # then sees the rows as done and skips them.
    locked = SpreadsheetJob.objects.select_for_update().get(pk=job.pk)
    done_through = int(locked.params.get("imported_through", 0))
    rows = [r for r in rows if r.number > done_through]
    if locked.status != JobStatus.IMPORTING or not rows:
        return
    created = skipped = new_errors = 0
    issues: list[ImportRowIssue] = []
    for row in rows:
        if row.number in rejected or not row.importable or row.data is None:
            skipped += 1
            if row.number not in rejected and row.has_errors:
                new_errors += 1
                issues.extend(issue_rows([row], job))  # new since the check
    todo = _to_save(rows, rejected)
    if prepared is not None and prepared.numbers != [r.number for r in todo]:
        prepared = None  # another worker saved some of the rows meanwhile
    refused = _create_children(job, todo, prepared)
    created += len(todo) - len(refused)
    skipped += len(refused)
    new_errors += len(refused)
    issues.extend(refused)
    ImportRowIssue.objects.bulk_create(issues)
    SpreadsheetJob.objects.filter(pk=job.pk).update(
        created_rows=F("created_rows") + created,
        skipped_rows=F("skipped_rows") + skipped,
        processed_rows=F("processed_rows") + len(rows),
        error_rows=F("error_rows") + new_errors,
    )
    # Record the resume point in the same transaction as the rows it covers.
    params = {**locked.params, "imported_through": rows[-1].number}
    SpreadsheetJob.objects.filter(pk=job.pk).update(params=params)


def _seeds(row: CheckedRow) -> list[FamilySeed]:
    return [
        FamilySeed(
            full_name=parent.full_name, relationship=relationship, birth_year=parent.birth_year
        )
        for relationship, parent in (
            (Relationship.MOTHER, row.mother),
            (Relationship.FATHER, row.father),
        )
        if parent is not None
    ]


def _items(rows: list[CheckedRow]) -> list[tuple[ChildData, list[FamilySeed]]]:
    return [(row.data, _seeds(row)) for row in rows if row.data is not None]


def _create_children(
    job: SpreadsheetJob, rows: list[CheckedRow], prepared: Prepared | None
) -> list[ImportRowIssue]:
    """Register the rows' children in one go; if the registry refuses the batch (something
    changed since the check), register them one by one to find and report the refused rows.
    Returns the issues of the refused rows."""
    if not rows:
        return []
    if prepared is None:
        prepared = Prepared(numbers=[r.number for r in rows], children=None)
        with contextlib.suppress(ValidationError):
            prepared.children = child_prepare_many(actor=job.created_by, items=_items(rows))
    if prepared.children is not None:
        try:
            with transaction.atomic():
                child_save_prepared(actor=job.created_by, prepared=prepared.children)
            return []
        except (ValidationError, IntegrityError):
            pass
    return [issue for row in rows for issue in _refused(job, row)]


def _refused(job: SpreadsheetJob, row: CheckedRow) -> list[ImportRowIssue]:
    assert row.data is not None
    try:
        with transaction.atomic():
            child_register_many(actor=job.created_by, items=[(row.data, _seeds(row))])
    except (ValidationError, IntegrityError) as exc:
        detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else ""
        message = _("Không nhập được dòng này: %(detail)s") % {"detail": detail or "—"}
        return [
            ImportRowIssue(
                job=job, row_number=row.number, severity=IssueSeverity.ERROR, message=message
            )
        ]
    return []


class BatchWriter:
    """`write(rows)` prepares the batch, then has it saved beside (`pipeline.Beside`) while
    the next batch is prepared. Leaving the `with` block waits for the last batch; an error
    of a batch is raised there or by the next `write`."""

    def __init__(self, job: SpreadsheetJob, rejected: set[int]) -> None:
        self.job = job
        self.rejected = rejected
        self._beside = Beside("import-writer")
        self._pending: Future[None] | None = None

    def __enter__(self) -> BatchWriter:
        self._beside.__enter__()
        return self

    def write(self, rows: list[CheckedRow]) -> None:
        prepared = prepare(self.job, rows, self.rejected)
        self._wait()
        self._pending = self._beside.submit(import_batch, self.job, rows, self.rejected, prepared)

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        try:
            if exc_type is None:
                self._wait()
        finally:
            self._beside.__exit__()
