"""Expected answers of the periodic-report pages for every persona (merged into the role
matrix). Reports are made directly here: the matrix is about reach, not about figures."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from cpms.reports.choices import ReportKind, ReportStatus
from cpms.reports.generation import export_generate, export_request
from cpms.reports.models import PeriodicReport
from cpms.testing import PERSONAS, World

from .factories import H1


def expect(default: int, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table.update(overrides)
    return table


def plain_report(world: World, status: str = ReportStatus.SUBMITTED) -> PeriodicReport:
    sent = status != ReportStatus.DRAFT
    return PeriodicReport.objects.create(
        unit=world.commune_a,
        kind=ReportKind.SIX_MONTHLY,
        period_start=H1[0],
        period_end=H1[1],
        due_on=H1[1],
        status=status,
        submitted_by=world.personas["worker"] if sent else None,
        submitted_at=timezone.now() if sent else None,
    )


def report_url(
    name: str, status: str = ReportStatus.SUBMITTED, **extra: str
) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"uid": plain_report(w, status).uid, **extra})


def export_url(name: str, *, done: bool) -> Callable[[World], str]:
    def build(world: World) -> str:
        report = plain_report(world)
        export = export_request(actor=world.personas["worker"], report=report, file_format="xlsx")
        if done:
            export_generate(export_id=export.pk)
        return reverse(name, kwargs={"uid": export.uid})

    return build


READERS = {"worker": 200, "leader": 200, "officer": 200, "statistician": 200, "outsider": 200}
NO_REACH = expect(404, anonymous=302)
ONLY_WORKER = expect(404, anonymous=302, worker=200)

REPORTS_MATRIX: dict[str, tuple[Callable[[World], str], dict[str, int]]] = {
    "reports:list": (lambda w: reverse("reports:list"), expect(403, anonymous=302, **READERS)),
    "reports:create": (
        lambda w: reverse("reports:create"),
        expect(403, anonymous=302, worker=200, leader=200, officer=200, outsider=200),
    ),
    "reports:detail": (
        report_url("reports:detail"),
        {**NO_REACH, "worker": 200, "leader": 200, "officer": 200, "statistician": 200},
    ),
    "reports:edit": (
        report_url("reports:edit", ReportStatus.DRAFT),
        {**NO_REACH, "worker": 200, "leader": 200},
    ),
    "reports:refresh": (report_url("reports:refresh"), expect(405, anonymous=302)),
    "reports:export": (report_url("reports:export"), expect(405, anonymous=302)),
    "reports:transition": (
        report_url("reports:transition", action="review"),
        {**NO_REACH, "worker": 403, "leader": 403, "officer": 200, "statistician": 403},
    ),
    "reports:export-detail": (export_url("reports:export-detail", done=False), ONLY_WORKER),
    "reports:export-download": (export_url("reports:export-download", done=True), ONLY_WORKER),
}
