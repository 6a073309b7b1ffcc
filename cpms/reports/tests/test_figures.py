"""Figures: live while draft, frozen from submission, summed upward and protected."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cpms.reports.figures import sum_tables
from cpms.reports.models import PeriodicReport
from cpms.reports.services import report_refresh

from .factories import advance, approved, make_report

pytestmark = pytest.mark.usefixtures("fake_tables")


def cells(tables):
    return tables[0]["cells"]


def test_it_refreshes_a_draft_and_freezes_the_figures_at_submission(world, fake_tables):
    fake_tables[world.commune_a.pk] = ((1, 2), (3, 4))
    report = make_report(world)
    assert cells(report.figures) == [[1, 2], [3, 4]]
    fake_tables[world.commune_a.pk] = ((2, 2), (3, 4))
    report = report_refresh(actor=world.personas["worker"], report=report)
    assert cells(report.figures) == [[2, 2], [3, 4]]
    fake_tables[world.commune_a.pk] = ((5, 2), (3, 4))
    report = advance(world, report, ("worker", "submit"))
    assert cells(report.figures) == [[5, 2], [3, 4]]  # the submission takes the last snapshot
    fake_tables[world.commune_a.pk] = ((9, 9), (9, 9))
    with pytest.raises(ValidationError):
        report_refresh(actor=world.personas["worker"], report=report)
    report = advance(world, report, ("officer", "review"), ("officer", "approve"))
    report = advance(world, report, ("officer", "lock"))
    assert cells(PeriodicReport.objects.get(pk=report.pk).figures) == [[5, 2], [3, 4]]


def test_it_protects_what_leaves_the_commune(world, fake_tables):
    fake_tables[world.commune_a.pk] = ((1, 7), (6, 8))
    report = make_report(world)
    assert cells(report.figures) == [[1, 7], [6, 8]]
    assert cells(report.figures_protected) == [[None, 7], [6, 8]]
    assert report.figures_protected[0]["suppressed"]


def test_it_counts_the_communes_that_merged_into_the_commune(world, fake_tables):
    fake_tables[world.old_commune.pk] = ((6, 0), (0, 0))
    assert cells(make_report(world).figures) == [[6, 0], [0, 0]]


def test_it_sums_the_approved_commune_reports_for_the_province(world, fake_tables):
    fake_tables[world.commune_a.pk] = ((1, 7), (6, 8))
    fake_tables[world.commune_b.pk] = ((5, 3), (6, 2))
    approved(world)
    province = make_report(world, persona="officer", unit=world.province)
    assert cells(province.figures) == [[1, 7], [6, 8]]  # commune B's is not approved yet
    assert province.sources["missing"] == [world.commune_b.name]
    approved(world, world.commune_b, submitter="outsider")
    province = report_refresh(actor=world.personas["officer"], report=province)
    assert cells(province.figures) == [[6, 10], [12, 10]]
    assert province.figures[0]["total"] == 38
    assert cells(province.figures_protected) == [[6, 10], [12, 10]]
    assert sorted(s["unit"] for s in province.sources["included"]) == sorted(
        [world.commune_a.name, world.commune_b.name]
    )
    assert province.sources["missing"] == []


def test_it_leaves_out_reports_that_are_not_approved(world, fake_tables):
    fake_tables[world.commune_a.pk] = ((6, 6), (6, 6))
    advance(world, make_report(world), ("worker", "submit"))
    province = make_report(world, persona="officer", unit=world.province)
    assert province.figures == []
    assert sorted(province.sources["missing"]) == sorted(
        [world.commune_a.name, world.commune_b.name]
    )


def test_it_refuses_a_second_report_for_the_same_period(world):
    make_report(world)
    with pytest.raises(ValidationError):
        make_report(world, persona="leader")


def table(rows, cols, cells, code="0101"):
    return {
        "indicator_code": code,
        "title": "T",
        "row_label": "r",
        "col_label": "c",
        "rows": rows,
        "cols": cols,
        "cells": cells,
        "row_totals": [sum(r) for r in cells],
        "col_totals": [sum(c) for c in zip(*cells, strict=True)],
        "total": sum(map(sum, cells)),
        "suppressed": False,
        "note": "",
    }


def test_it_sums_tables_with_different_rows_by_label():
    a = table(["Xã A"], ["Nam", "Nữ"], [[1, 2]])
    b = table(["Xã B", "Xã A"], ["Nữ", "Nam"], [[3, 4], [5, 6]])
    (merged,) = sum_tables([[a], [b]])
    assert merged["rows"] == ["Xã A", "Xã B"]
    assert merged["cols"] == ["Nam", "Nữ"]
    assert merged["cells"] == [[7, 7], [4, 3]]
    assert merged["row_totals"] == [14, 7]
    assert merged["col_totals"] == [11, 10]
    assert merged["total"] == 21
