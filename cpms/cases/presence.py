# ruff: noqa: S608 - SQL is assembled from model table and column names and fixed fragments;
# every value is a query parameter.
"""Which sections of the case page have rows, in one query, so that empty ones cost none.

Most cases have no separation, review, conference or transfer; querying every section anyway
made the case page 28 statements, most of them answering nothing. Sections of other apps are
found by their relation to `Case` (conferences, transfers, referrals), so this module does not
import those apps; a section whose app is not installed is simply not listed.
"""

from __future__ import annotations

import uuid
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, connections, models

from cpms.attachments.models import Attachment
from cpms.core.replica import read_alias

from .access import SUBJECT
from .models import (
    AllegedPerpetrator,
    Case,
    EmergencyAction,
    InitialAssessment,
    NeedsAssessment,
    Plan,
    Review,
    SeparationDecision,
)

_STEP_RECORDS: dict[str, type[models.Model]] = {
    "separations": SeparationDecision,
    "initial": InitialAssessment,
    "needs": NeedsAssessment,
    "reviews": Review,
    "emergencies": EmergencyAction,
    "plans": Plan,
}
_RELATIONS = (
    "timeline",
    "notes",
    "tasks",
    "justice",
    "report_children",
    "conferences",
    "transfers",
    "referrals",
)


def _exists(model: type[models.Model], condition: str = "") -> str:
    field = model._meta.get_field("case")
    assert isinstance(field, models.ForeignKey) and field.column
    return f"EXISTS (SELECT 1 FROM {connection.ops.quote_name(model._meta.db_table)} x" + (
        f" WHERE x.{connection.ops.quote_name(field.column)} = %(case)s{condition})"
    )


@cache
def _presence_sql() -> tuple[str, tuple[str, ...]]:
    """The statement and its section names, built once: compiling sixteen ORM subqueries on
    every page view cost more than running them."""
    checks = {name: _exists(model) for name, model in _STEP_RECORDS.items()}
    for name in _RELATIONS:
        try:
            related = Case._meta.get_field(name).related_model
        except FieldDoesNotExist:
            continue
        assert isinstance(related, type) and issubclass(related, models.Model)
        checks[name] = _exists(related)
    checks["perpetrators"] = _exists(AllegedPerpetrator, " AND x.withdrawn_at IS NULL")
    checks["attachments"] = (
        f"EXISTS (SELECT 1 FROM {connection.ops.quote_name(Attachment._meta.db_table)} x"
        " WHERE x.subject_type = %(subject_type)s AND x.subject_id = %(subject_id)s)"
    )
    return "SELECT " + ", ".join(checks.values()), tuple(checks)


def case_presence(case: Case) -> dict[str, bool]:
    """{section: has rows} for every section of the case page that may be empty."""
    sql, names = _presence_sql()
    params: dict[str, int | str | uuid.UUID] = {
        "case": case.pk,
        "subject_type": SUBJECT,
        "subject_id": case.uid,
    }
    with connections[read_alias()].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return dict(zip(names, row, strict=True))
