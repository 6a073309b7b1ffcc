"""Which sections of the case page have rows, in one query, so that empty ones cost none.

Most cases have no separation, review, conference or transfer; querying every section anyway
made the case page 28 statements, most of them answering nothing. Sections of other apps are
found by their relation to `Case` (conferences, transfers, referrals), so this module does not
import those apps; a section whose app is not installed is simply not listed.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef

from cpms.attachments.models import Attachment

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


def _rows_of(model: type[models.Model]) -> Exists:
    return Exists(model._default_manager.filter(case=OuterRef("pk")))


def case_presence(case: Case) -> dict[str, bool]:
    """{section: has rows} for every section of the case page that may be empty."""
    checks = {name: _rows_of(model) for name, model in _STEP_RECORDS.items()}
    for name in _RELATIONS:
        try:
            related = Case._meta.get_field(name).related_model
        except FieldDoesNotExist:
            continue
        assert isinstance(related, type) and issubclass(related, models.Model)
        checks[name] = _rows_of(related)
    checks["perpetrators"] = Exists(
        AllegedPerpetrator.objects.filter(case=OuterRef("pk"), withdrawn_at=None)
    )
    checks["attachments"] = Exists(
        Attachment.objects.filter(subject_type=SUBJECT, subject_id=OuterRef("uid"))
    )
    # Prefixed: an annotation may not share a name with a relation of the model.
    row = Case.objects.filter(pk=case.pk).values(**{f"has_{k}": v for k, v in checks.items()})
    return {name.removeprefix("has_"): bool(value) for name, value in row.get().items()}
