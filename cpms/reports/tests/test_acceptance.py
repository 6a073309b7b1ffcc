"""Issue 7 acceptance, on the real statistics tables (cpms.stats.tables): a locked report
keeps its figures when a case changes later, and the province's report is the protected sum
of its communes' approved reports, with no personal data."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cpms.cases.tests.factories import make_case
from cpms.reports.figures import commune_figures
from cpms.reports.models import PeriodicReport

from .factories import H1, advance, make_report

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 9, tzinfo=VN)


def totals(tables):
    return {(t["indicator_code"], t["title"]): t["total"] for t in tables}


@pytest.fixture
def locked(world):
    with time_machine.travel(at(3, 10), tick=False):
        for _ in range(6):
            make_case(world)
    with time_machine.travel(at(7, 2), tick=False):
        report = make_report(world)
        report = advance(
            world,
            report,
            ("worker", "submit"),
            ("officer", "review"),
            ("officer", "approve"),
            ("officer", "lock"),
        )
    return report


def test_a_locked_report_does_not_change_when_a_case_changes(world, client_for, locked):
    before = PeriodicReport.objects.get(pk=locked.pk).figures
    assert before, "the six-monthly report has tables"
    with time_machine.travel(at(5, 5), tick=False):
        make_case(world)
    live, _protected = commune_figures(world.commune_a, kind=locked.kind, start=H1[0], end=H1[1])
    assert totals(live) != totals(before)  # the data moved on …
    assert PeriodicReport.objects.get(pk=locked.pk).figures == before  # … the report did not
    page = client_for("worker").get(reverse("reports:detail", args=[locked.uid]))
    shown = {(t["indicator_code"], t["title"]): t["total"] for t in page.context["tables"]}
    assert shown == totals(before)


def test_the_province_sees_the_protected_sum_and_no_personal_data(world, client_for, locked):
    province = make_report(world, persona="officer", unit=world.province)
    assert province.figures_protected
    counts = [t for t in province.figures_protected if t["total"] is not None]
    assert counts
    assert all(t["suppressed"] for t in counts)
    shown = [v for t in counts for row in t["cells"] for v in row if v is not None]
    assert not [v for v in shown if 0 < v < 5]  # no small cell leaves the commune
    mine = {(t["indicator_code"], t["title"]): t for t in locked.figures}
    for table in province.figures:
        assert table["total"] == mine[(table["indicator_code"], table["title"])]["total"]
    page = client_for("statistician").get(reverse("reports:detail", args=[province.uid]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "/children/" not in html
    assert "/cases/" not in html
    commune_page = client_for("statistician").get(reverse("reports:detail", args=[locked.uid]))
    assert commune_page.context["tables"][0]["cells"] == locked.figures_protected[0]["cells"]
    assert not commune_page.context["unprotected"]
