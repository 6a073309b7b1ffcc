from __future__ import annotations

import datetime as dt

from cpms.reports.choices import ReportKind
from cpms.reports.models import PeriodicReport
from cpms.reports.services import report_create, report_transition
from cpms.testing import World

H1 = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def make_report(
    world: World, *, persona: str = "worker", unit=None, kind: str = ReportKind.SIX_MONTHLY
) -> PeriodicReport:
    return report_create(
        actor=world.personas[persona],
        unit=unit or world.commune_a,
        kind=kind,
        start=H1[0],
        end=H1[1],
    )


def advance(world: World, report: PeriodicReport, *steps: tuple[str, str]) -> PeriodicReport:
    """Apply (persona, action) steps in order."""
    for persona, action in steps:
        report = report_transition(
            actor=world.personas[persona],
            report=report,
            action=action,
            expected_version=report.version,
            reason="Thiếu số liệu" if action == "return" else "",
        )
    return report


def approved(world: World, unit=None, *, submitter: str = "worker") -> PeriodicReport:
    report = make_report(world, persona=submitter, unit=unit)
    return advance(
        world, report, (submitter, "submit"), ("officer", "review"), ("officer", "approve")
    )
