"""Exporting the registry as a child-monitoring book, in the shape of the import template.

The export holds exactly the children `child_list` gives its requester (their area scope and
filters, at the time it runs) except those whose processing is restricted (counted in the
job's `params["restricted_left_out"]` and shown on its page), is written by a streaming
(write-only) workbook, and escapes every text cell that a spreadsheet would otherwise run as
a formula. The request is audited; the file is served only to its requester, through a view,
never from a media URL.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.privacy.selectors import restricted_child_ids

from ..choices import DatePrecision, LivingSituation, ParentsMarital, Relationship, Sex
from ..forms import villages_for
from ..models import Child, FamilyLink, JobKind, JobStatus, SpreadsheetJob
from ..selectors import ChildFilters, child_list
from .access import SUBJECT
from .columns import COLUMNS, Column
from .importer import chunks

EXPORT_BATCH = 2_000  # children per query of their parents and per progress update
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd/mm/yyyy"
SHEET_TITLE = "Sổ theo dõi trẻ em"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def escape_cell(value: str) -> str:
    """Text a spreadsheet would read as a formula gets a leading apostrophe (OWASP CSV/formula
    injection); the import strips it again, so an export reads back unchanged."""
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def header_cells(ws: Any, columns: Iterable[Column] = COLUMNS) -> list[WriteOnlyCell]:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = Font(bold=True, color="C00000" if column.required else None)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cells.append(cell)
    return cells


def set_widths(ws: Any) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width


@transaction.atomic
def export_request(*, actor: User, filters: ChildFilters) -> SpreadsheetJob:
    """Queue an export of the children the actor reaches (with these filters). Audited as an
    export when requested, with the filters, whether or not it is downloaded later."""
    village = None
    if filters.village_id is not None:
        village = villages_for(actor).filter(pk=filters.village_id).first()
        if village is None:
            raise ValidationError({"village": _("Thôn, tổ dân phố không thuộc địa bàn của bạn.")})
    job = SpreadsheetJob.objects.create(
        kind=JobKind.EXPORT,
        status=JobStatus.RUNNING,
        commune_id=village.parent_id if village else None,
        params={"query": filters.query, "village_id": filters.village_id},
        created_by=actor,
    )
    audit_record(
        event=AuditEvent.EXPORT,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=job.uid,
        admin_unit_id=village.pk if village else None,
        extra={"kind": JobKind.EXPORT, "query": filters.query, "village_id": filters.village_id},
    )
    from ..tasks import run_export  # the tasks module imports this one

    transaction.on_commit(lambda: run_export.defer(job_id=job.pk))
    return job


def export_file(*, job_id: int) -> None:
    """Write the workbook to a temporary file, then store it under a generated name."""
    job = SpreadsheetJob.objects.select_related("created_by").get(pk=job_id)
    if job.kind != JobKind.EXPORT or job.status != JobStatus.RUNNING or job.file:
        return
    filters = ChildFilters(
        query=str(job.params.get("query", "")), village_id=job.params.get("village_id")
    )
    reached = child_list(viewer=job.created_by, filters=filters)
    # A restricted child's data is kept but not exported: the row is left out and the job
    # says how many were, so the rest of the commune's book still goes out.
    left_out = reached.filter(pk__in=restricted_child_ids()).count()
    children = reached.exclude(pk__in=restricted_child_ids())
    total = children.count()
    params = {**job.params, "restricted_left_out": left_out}
    SpreadsheetJob.objects.filter(pk=job.pk).update(total_rows=total, params=params)
    with tempfile.TemporaryFile() as temporary:
        written = write_book(temporary, children.iterator(chunk_size=EXPORT_BATCH), job=job)
        temporary.seek(0)
        job.file.save(f"{uuid.uuid4().hex}.xlsx", File(temporary), save=False)
    SpreadsheetJob.objects.filter(pk=job.pk).update(
        file=job.file.name,
        status=JobStatus.DONE,
        total_rows=written,
        processed_rows=written,
        created_rows=written,
        finished_at=timezone.now(),
    )


def write_book(target: Any, children: Iterator[Child], *, job: SpreadsheetJob | None) -> int:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(SHEET_TITLE)
    set_widths(ws)
    ws.freeze_panes = "C2"
    ws.append(header_cells(ws))
    written = 0
    for batch in chunks(children, EXPORT_BATCH):
        parents = _parents([c.pk for c in batch])
        for child in batch:
            written += 1
            ws.append(row_cells(ws, written, child, parents.get(child.pk, {})))
        if job is not None:
            SpreadsheetJob.objects.filter(pk=job.pk).update(processed_rows=written)
    workbook.save(target)
    return written


def _parents(child_ids: list[int]) -> dict[int, dict[str, tuple[str, int | None]]]:
    links = (
        FamilyLink.objects.filter(
            child_id__in=child_ids,
            relationship__in=[Relationship.MOTHER, Relationship.FATHER],
            ended_at__isnull=True,
        )
        .order_by("created_at", "pk")
        .values_list("child_id", "relationship", "person__full_name", "person__birth_year")
    )
    found: dict[int, dict[str, tuple[str, int | None]]] = {}
    for child_id, relationship, name, year in links:
        found.setdefault(child_id, {}).setdefault(relationship, (name, year))
    return found


def row_values(
    number: int, child: Child, parents: dict[str, tuple[str, int | None]]
) -> dict[str, object]:
    mother = parents.get(Relationship.MOTHER, ("", None))
    father = parents.get(Relationship.FATHER, ("", None))
    return {
        "row_no": number,
        "full_name": child.full_name,
        "birth_date": _birth(child),
        "sex": str(Sex(child.sex).label),
        "ethnicity": child.ethnicity,
        "personal_id": child.personal_id,
        "birth_certificate_no": child.birth_certificate_no,
        "village": child.village.name if child.village else "",
        "commune": child.commune.name,
        "address": child.address,
        "mother_name": mother[0],
        "mother_birth_year": mother[1],
        "father_name": father[0],
        "father_birth_year": father[1],
        "school": child.school,
        "school_class": child.school_class,
        "out_of_school": "x" if child.out_of_school else "",
        "disability": child.disability,
        "living_situation": str(LivingSituation(child.living_situation).label),
        "parents_marital": str(ParentsMarital(child.parents_marital).label),
        "notes": child.notes,
    }


def _birth(child: Child) -> object:
    if child.birth_precision == DatePrecision.YEAR:
        return str(child.birth_date.year)
    if child.birth_precision == DatePrecision.MONTH:
        return child.birth_date.strftime("%m/%Y")
    return child.birth_date


def row_cells(
    ws: Any, number: int, child: Child, parents: dict[str, tuple[str, int | None]]
) -> list[object]:
    values = row_values(number, child, parents)
    cells: list[object] = []
    for column in COLUMNS:
        value = values[column.key]
        if isinstance(value, str):
            cells.append(escape_cell(value) if value else None)
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATE_FORMAT
            cells.append(cell)
        else:
            cells.append(value)
    return cells
