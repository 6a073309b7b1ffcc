from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from cpms.children.models import JobStatus, SpreadsheetJob
from cpms.children.selectors import ChildFilters
from cpms.children.spreadsheets.exporter import escape_cell, export_file, export_request
from cpms.children.tests.factories import make_child


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def export_for(world, persona: str, filters: ChildFilters | None = None):
    job = export_request(actor=world.personas[persona], filters=filters or ChildFilters())
    export_file(job_id=job.pk)
    job = SpreadsheetJob.objects.get(pk=job.pk)
    with job.file.open("rb") as file:
        workbook = load_workbook(file)
    return job, workbook.worksheets[0]


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+2", "'=1+2"),
        ("+84 912", "'+84 912"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Nguyễn = An", "Nguyễn = An"),
        ("", ""),
    ],
)
def test_it_escapes_text_that_would_run_as_a_formula(value, escaped):
    assert escape_cell(value) == escaped


def test_it_writes_formula_like_cells_as_escaped_text(world):
    make_child(
        world,
        notes='=HYPERLINK("http://evil","bấm")',
        address="+84 912 345 678",
        school="@SUM(A1)",
        disability="-1+1",
    )
    _job, ws = export_for(world, "worker")
    cells = [cell for line in ws.iter_rows() for cell in line if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {cell.value for cell in cells}
    assert {
        '\'=HYPERLINK("http://evil","bấm")',
        "'+84 912 345 678",
        "'@SUM(A1)",
        "'-1+1",
    } <= values


def test_it_exports_only_the_requesters_scope_with_dates_as_dates(world):
    make_child(world)
    make_child(world, full_name="Lò Văn Páo", commune=world.commune_b, village=world.village_b1)
    job, ws = export_for(world, "worker")
    assert (job.status, job.total_rows, job.processed_rows) == (JobStatus.DONE, 1, 1)
    assert [c.value for c in ws[2]][:4] == [1, "Nguyễn Thị Lan", dt.datetime(2015, 3, 14), "Nữ"]
    assert ws["C2"].number_format == "dd/mm/yyyy"
    _job, ws = export_for(world, "officer")
    assert sorted(c.value for c in ws["B"][1:]) == ["Lò Văn Páo", "Nguyễn Thị Lan"]
    _job, ws = export_for(world, "outsider")
    assert [c.value for c in ws["B"][1:]] == ["Lò Văn Páo"]


def test_it_applies_the_filters(world):
    make_child(world)
    make_child(world, full_name="Trần Văn Hùng", village=world.village_a2)
    _job, ws = export_for(world, "worker", ChildFilters(query="hung"))
    assert [c.value for c in ws["B"][1:]] == ["Trần Văn Hùng"]
    _job, ws = export_for(world, "worker", ChildFilters(village_id=world.village_a1.pk))
    assert [c.value for c in ws["B"][1:]] == ["Nguyễn Thị Lan"]
