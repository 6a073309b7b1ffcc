"""Expected answers of the spreadsheet pages for every persona (merged into the role matrix).

Jobs belong to the worker; everyone else, even in the same commune, gets 404 for them.
A collaborator holds CHILD_EDIT over one village, not a commune: they may download the
template (to fill in for the commune) but not import. POST-only pages answer GET with 405
to those who hold the permission.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cpms.children.models import JobKind, JobStatus, SpreadsheetJob
from cpms.children.selectors import ChildFilters
from cpms.children.spreadsheets.exporter import export_file, export_request
from cpms.children.tests.factories import make_child
from cpms.children.tests.matrix import expect
from cpms.testing import World

UrlFor = Callable[[World], str]

NO_EDIT = {
    "police": 403,
    "school": 403,
    "officer": 403,
    "statistician": 403,
    "hotline": 403,
    "sysadmin": 403,
}
NO_EXPORT = {
    "collaborator": 403,
    "police": 403,
    "school": 403,
    "statistician": 403,
    "hotline": 403,
    "sysadmin": 403,
}
OTHERS_JOB = {"collaborator": 404, "leader": 404, "outsider": 404}


def import_job_url(name: str) -> UrlFor:
    def build(world: World) -> str:
        job = SpreadsheetJob.objects.create(
            kind=JobKind.IMPORT,
            status=JobStatus.VALIDATED,
            original_name="so.xlsx",
            commune=world.commune_a,
            created_by=world.personas["worker"],
        )
        return reverse(name, kwargs={"uid": job.uid})

    return build


def export_job_url(name: str) -> UrlFor:
    def build(world: World) -> str:
        make_child(world)
        job = export_request(actor=world.personas["worker"], filters=ChildFilters())
        export_file(job_id=job.pk)
        return reverse(name, kwargs={"uid": job.uid})

    return build


SHEETS_MATRIX: dict[str, tuple[UrlFor, dict[str, int]]] = {
    "children-sheets:template": (
        lambda w: reverse("children-sheets:template"),
        expect(200, anonymous=302, **NO_EDIT),
    ),
    "children-sheets:import-list": (
        lambda w: reverse("children-sheets:import-list"),
        expect(200, anonymous=302, collaborator=403, **NO_EDIT),
    ),
    "children-sheets:import-upload": (
        lambda w: reverse("children-sheets:import-upload"),
        expect(405, anonymous=302, **NO_EDIT),
    ),
    "children-sheets:import-detail": (
        import_job_url("children-sheets:import-detail"),
        expect(200, anonymous=302, **OTHERS_JOB, **NO_EDIT),
    ),
    "children-sheets:import-confirm": (
        import_job_url("children-sheets:import-confirm"),
        expect(405, anonymous=302, **NO_EDIT),
    ),
    "children-sheets:import-cancel": (
        import_job_url("children-sheets:import-cancel"),
        expect(405, anonymous=302, **NO_EDIT),
    ),
    "children-sheets:export-list": (
        lambda w: reverse("children-sheets:export-list"),
        expect(200, anonymous=302, **NO_EXPORT),
    ),
    "children-sheets:export-create": (
        lambda w: reverse("children-sheets:export-create"),
        expect(405, anonymous=302, **NO_EXPORT),
    ),
    "children-sheets:export-detail": (
        export_job_url("children-sheets:export-detail"),
        expect(200, anonymous=302, leader=404, officer=404, outsider=404, **NO_EXPORT),
    ),
    "children-sheets:export-download": (
        export_job_url("children-sheets:export-download"),
        expect(200, anonymous=302, leader=404, officer=404, outsider=404, **NO_EXPORT),
    ),
}
