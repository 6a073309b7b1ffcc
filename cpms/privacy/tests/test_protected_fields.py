"""Protected fields: ciphertext at rest (tables and their history), plaintext in the app,
no search on ciphertext, and no plaintext anywhere else in the database or the logs."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import FieldError
from django.db import connection

from cpms.cases.models import AllegedPerpetrator, InitialAssessment
from cpms.cases.tests.abuse_factories import add_perpetrator
from cpms.cases.tests.factories import initial_data, make_case, step
from cpms.hotline.services import CallChildData, ForwardData, call_forward
from cpms.hotline.tests.factories import make_call
from cpms.intake.models import Report, ReportChild
from cpms.intake.tests.factories import make_report

MARKER = "Dấu-riêng-QX7Z"


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])


def tables_holding(marker: str) -> list[str]:
    """Every (table.column) of the public schema whose text holds `marker`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN "
            "('text', 'character varying', 'json', 'jsonb', 'ARRAY')"
        )
        columns = cursor.fetchall()
        found = []
        for table, column in columns:
            cursor.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text LIKE %s LIMIT 1',
                [f"%{marker}%"],
            )
            if cursor.fetchone():
                found.append(f"{table}.{column}")
    return found


def test_it_stores_ciphertext_and_reads_plaintext(world):
    report = make_report(world, reporter_name=f"Bà {MARKER}", description=MARKER)
    stored = raw("intake_report", "reporter_name", report.pk)
    assert stored.startswith("gAAAAA") and MARKER not in stored
    assert Report.objects.get(pk=report.pk).reporter_name == f"Bà {MARKER}"
    assert Report.objects.get(pk=report.pk).description == MARKER


def test_a_blank_value_stays_blank_so_constraints_hold(world):
    report = make_report(
        world,
        reporter_anonymous=True,
        reporter_name="",
        reporter_phone="",
        reporter_address="",
    )
    assert raw("intake_report", "reporter_name", report.pk) == ""
    assert Report.objects.filter(pk=report.pk, reporter_name="").exists()


def test_it_refuses_to_search_or_compare_ciphertext(world):
    with pytest.raises(FieldError):
        list(Report.objects.filter(reporter_name="Trần Thị Bình"))
    with pytest.raises(FieldError):
        list(Report.objects.filter(description__icontains="đánh"))


def test_a_full_plaintext_value_longer_than_the_old_column_is_stored(world):
    report = make_report(world, reporter_phone="0" * 30)
    assert len(raw("intake_report", "reporter_phone", report.pk)) > 30
    report.refresh_from_db()
    assert report.reporter_phone == "0" * 30


def test_no_table_but_the_protected_columns_holds_the_plaintext(world, caplog):
    caplog.set_level(logging.DEBUG)
    case = make_case(
        world,
        reporter_name=MARKER,
        reporter_phone=f"09{MARKER}",
        reporter_address=MARKER,
        description=f"Trẻ kể: {MARKER}",
    )
    step(world, case, "initial_assess", **initial_data(harm_description=MARKER))
    add_perpetrator(world, case, full_name=MARKER, notes=MARKER)
    call = make_call(
        world,
        caller_name=MARKER,
        caller_phone="0905",
        summary=MARKER,
        children=[CallChildData(full_name="Lan", condition=MARKER)],
    )
    forward = ForwardData(commune=world.commune_a, description=f"Chuyển: {MARKER}")
    call_forward(
        actor=world.personas["hotline"], call=call, data=forward, expected_version=call.version
    )

    assert tables_holding(MARKER) == []
    assert "children_child.full_name" in tables_holding(case.child.full_name)  # the scan sees
    assert not [r for r in caplog.records if MARKER in r.getMessage()]
    # … yet the application reads every value back.
    assert InitialAssessment.objects.get(case=case).harm_description == MARKER
    assert AllegedPerpetrator.objects.get(case=case).notes == MARKER
    assert ReportChild.objects.filter(report__hotline_call=call).exists()


def test_the_history_tables_hold_ciphertext_of_every_version(world):
    perpetrator = add_perpetrator(world, make_case(world), full_name=MARKER)
    perpetrator.full_name = f"{MARKER} 2"
    perpetrator.save()
    events = list(perpetrator.events.values_list("full_name", flat=True))  # type: ignore[attr-defined]
    assert f"{MARKER} 2" in events
    assert tables_holding(MARKER) == []
