"""Key rotation, the first encryption of existing rows, and the key checks."""

from __future__ import annotations

from io import StringIO

from cryptography.fernet import Fernet
from django.apps import apps
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection

from cpms.audit.models import AuditLog
from cpms.cases.models import AllegedPerpetrator
from cpms.cases.tests.abuse_factories import add_perpetrator
from cpms.cases.tests.factories import make_case
from cpms.intake.models import Report
from cpms.privacy.migration_ops import encrypt_existing

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])


def rotate() -> str:
    out = StringIO()
    call_command("rotate_field_keys", "--batch-size", "2", stdout=out)
    return out.getvalue()


def test_values_stay_readable_after_rotation_and_removal_of_the_old_key(world, settings):
    settings.CPMS_FIELD_KEYS = [OLD]
    case = make_case(world, reporter_name="Trần Thị Bình")
    perpetrator = add_perpetrator(world, case, notes="Hay uống rượu")
    report = Report.objects.get(children__case=case)
    before = raw("intake_report", "reporter_name", report.pk)

    settings.CPMS_FIELD_KEYS = [NEW, OLD]
    output = rotate()
    assert "intake_report: " in output and "cases_allegedperpetratorevent: " in output
    assert raw("intake_report", "reporter_name", report.pk) != before

    settings.CPMS_FIELD_KEYS = [NEW]
    report.refresh_from_db()
    assert report.reporter_name == "Trần Thị Bình"
    assert AllegedPerpetrator.objects.get(pk=perpetrator.pk).notes == "Hay uống rượu"
    assert perpetrator.events.last().notes == "Hay uống rượu"  # type: ignore[attr-defined]


def test_a_second_rotation_rewrites_nothing_and_each_run_is_audited(world, settings):
    settings.CPMS_FIELD_KEYS = [OLD]
    make_case(world)
    settings.CPMS_FIELD_KEYS = [NEW, OLD]
    assert "0 rows re-encrypted" not in rotate()
    history = AuditLog.objects.filter(subject_type="privacy.field_keys")
    tables = len(history.get().extra_data["tables"])
    assert rotate().strip().endswith(f"0 rows re-encrypted in {tables} tables")
    assert history.count() == 2


def test_rotation_writes_no_history_rows(world, settings):
    settings.CPMS_FIELD_KEYS = [OLD]
    case = make_case(world)
    report = Report.objects.get(children__case=case)
    events = report.events.count()  # type: ignore[attr-defined]
    settings.CPMS_FIELD_KEYS = [NEW, OLD]
    rotate()
    assert report.events.count() == events  # type: ignore[attr-defined]


def test_the_data_migration_encrypts_plaintext_rows_once(world):
    case = make_case(world)
    report = Report.objects.get(children__case=case)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE intake_report SET reporter_name = 'Plain Name' WHERE id = %s", [report.pk]
        )
        cursor.execute(
            "UPDATE intake_reportevent SET description = 'Plain account' WHERE pgh_obj_id = %s",
            [report.pk],
        )
    migrate = encrypt_existing("intake", {"Report": ["reporter_name", "description"]})
    migrate(apps, connection.schema_editor())
    encrypted = raw("intake_report", "reporter_name", report.pk)
    assert encrypted.startswith("gAAAAA")
    report.refresh_from_db()
    assert report.reporter_name == "Plain Name"
    assert report.events.first().description == "Plain account"  # type: ignore[attr-defined]
    migrate(apps, connection.schema_editor())
    assert raw("intake_report", "reporter_name", report.pk) == encrypted


def test_check_deploy_refuses_a_missing_key_and_a_bad_one(settings):
    settings.DEBUG = False
    settings.CPMS_FIELD_KEYS = []
    ids = {m.id for m in run_checks(include_deployment_checks=True)}
    assert "privacy.E001" in ids
    settings.CPMS_FIELD_KEYS = [NEW]
    ids = {m.id for m in run_checks(include_deployment_checks=True)}
    assert "privacy.E001" not in ids and "privacy.E002" not in ids
    settings.CPMS_FIELD_KEYS = ["not-a-key"]
    assert "privacy.E002" in {m.id for m in run_checks()}
