"""Writes and restricted reads of a case's abuse details: types and setting, alleged
perpetrators, the police and court track. Each write is atomic with its timeline event and
one audit row. Timeline summaries never name a perpetrator: every case viewer sees them."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.children.models import FamilyLink, Person
from cpms.intake.models import ConcernType

from .choices import EventKind, JusticeKind, ProsecutionDecision
from .events import event_record
from .models import AllegedPerpetrator, Case, JusticeMilestone
from .services import audit_case, bump, lock_case
from .text import normalize_paragraphs

M = TypeVar("M", AllegedPerpetrator, JusticeMilestone)


def _once(model: type[M], key: uuid.UUID | None, create: Callable[[], M]) -> M:
    """Create once per idempotency key (one rendered form): a repeat gives the first row."""
    if key is not None:
        existing = model.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing
    try:
        return create()
    except IntegrityError:
        if key is None:
            raise
        return model.objects.get(idempotency_key=key)


@transaction.atomic
def abuse_update(
    *,
    actor: User,
    case: Case,
    concern_types: list[ConcernType],
    setting: str,
    expected_version: int,
) -> Case:
    """Set the abuse types (and sub-types) and the setting; refused if the case changed since
    the form was opened."""
    locked = lock_case(case, expected_version)
    before = sorted(locked.concern_types.values_list("code", flat=True))
    locked.setting = setting
    locked.full_clean(exclude=["child", "commune", "opened_by", "assigned_to"])
    locked.concern_types.set(concern_types)
    bump(locked, "setting")
    names = ", ".join(str(c) for c in concern_types) or _("Chưa rõ loại")
    event_record(
        case=locked,
        kind=EventKind.ABUSE_UPDATED,
        actor=actor,
        summary=f"{names} · {locked.get_setting_display()}",
    )
    codes = sorted(c.code for c in concern_types)
    audit_case(
        event=AuditEvent.UPDATE,
        actor=actor,
        case=locked,
        extra={"concern_types": codes, "before": before, "setting": setting},
    )
    return locked


@dataclass(frozen=True)
class PerpetratorData:
    relationship: str
    full_name: str = ""
    person: Person | None = None
    sex: str = "unknown"
    age: int | None = None
    lives_with_child: bool | None = None
    notes: str = ""


def perpetrator_add(
    *, actor: User, case: Case, data: PerpetratorData, idempotency_key: uuid.UUID | None = None
) -> AllegedPerpetrator:
    """Record an alleged perpetrator. A person from the child's file must be linked to the
    child; the name defaults to theirs."""

    @transaction.atomic
    def create() -> AllegedPerpetrator:
        if (
            data.person is not None
            and not FamilyLink.objects.filter(child_id=case.child_id, person=data.person).exists()
        ):
            raise ValidationError({"person": _("Người này không có trong hồ sơ của trẻ.")})
        row = AllegedPerpetrator(
            case=case,
            person=data.person,
            full_name=normalize_paragraphs(
                data.full_name or (data.person.full_name if data.person else "")
            ),
            relationship=data.relationship,
            sex=data.sex,
            age=data.age,
            lives_with_child=data.lives_with_child,
            notes=normalize_paragraphs(data.notes),
            recorded_by=actor,
            idempotency_key=idempotency_key,
        )
        row.full_clean(exclude=["case", "person", "recorded_by", "idempotency_key"])
        row.save()
        event_record(case=case, kind=EventKind.PERPETRATOR_ADDED, actor=actor)
        audit_case(
            event=AuditEvent.UPDATE,
            actor=actor,
            case=case,
            extra={"perpetrator_added": str(row.uid)},
        )
        return row

    return _once(AllegedPerpetrator, idempotency_key, create)


def _withdraw(row: M, *, actor: User, reason: str) -> bool:
    reason = normalize_paragraphs(reason)
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do rút.")})
    if row.withdrawn_at is not None:
        return False
    row.withdrawn_at = timezone.now()
    row.withdrawn_by = actor
    row.withdrawn_reason = reason
    row.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason", "updated_at"])
    return True


@transaction.atomic
def perpetrator_withdraw(
    *, actor: User, perpetrator: AllegedPerpetrator, reason: str
) -> AllegedPerpetrator:
    """Take a record entered in error out of use; it stays in the history."""
    row = (
        AllegedPerpetrator.objects.select_for_update().select_related("case").get(pk=perpetrator.pk)
    )
    if _withdraw(row, actor=actor, reason=reason):
        event_record(case=row.case, kind=EventKind.PERPETRATOR_WITHDRAWN, actor=actor)
        audit_case(
            event=AuditEvent.UPDATE,
            actor=actor,
            case=row.case,
            extra={"perpetrator_withdrawn": str(row.uid), "reason": row.withdrawn_reason},
        )
    return row


def perpetrators_reveal(*, actor: User, case: Case) -> list[AllegedPerpetrator]:
    """The alleged perpetrators, for a viewer holding Perm.CASE_PERPETRATOR_VIEW (checked by
    the caller); every view is audited."""
    rows = list(
        case.perpetrators.select_related("person", "recorded_by", "withdrawn_by").order_by(
            models.F("withdrawn_at").asc(nulls_first=True), "created_at", "pk"
        )
    )
    audit_case(
        event=AuditEvent.READ,
        actor=actor,
        case=case,
        extra={"reveal": "perpetrators", "count": len(rows)},
    )
    return rows


@dataclass(frozen=True)
class JusticeData:
    kind: str
    occurred_on: dt.date
    unit: str = ""
    reported_by: str = ""
    decision: str = ""
    number: str = ""
    summary: str = ""


# Which fields each milestone needs, by kind.
JUSTICE_REQUIRED: dict[str, tuple[str, ...]] = {
    JusticeKind.REPORTED: ("unit",),
    JusticeKind.FORENSIC: ("summary",),
    JusticeKind.PROSECUTION: ("decision",),
    JusticeKind.TRIAL: ("unit",),
    JusticeKind.VERDICT: ("summary",),
}


def _justice_check(data: JusticeData) -> None:
    errors: dict[str, str] = {}
    for field in JUSTICE_REQUIRED.get(data.kind, ()):
        if not str(getattr(data, field)).strip():
            errors[field] = _("Vui lòng ghi thông tin này cho mốc đã chọn.")
    if data.decision and data.kind != JusticeKind.PROSECUTION:
        errors["decision"] = _("Chỉ ghi quyết định cho mốc khởi tố / không khởi tố.")
    if data.occurred_on > timezone.localdate():
        errors["occurred_on"] = _("Ngày không được ở tương lai.")
    if errors:
        raise ValidationError(errors)


def justice_record(
    *, actor: User, case: Case, data: JusticeData, idempotency_key: uuid.UUID | None = None
) -> JusticeMilestone:
    """Record one milestone of the police and court track (commune worker or police)."""

    @transaction.atomic
    def create() -> JusticeMilestone:
        _justice_check(data)
        row = JusticeMilestone(
            case=case,
            kind=data.kind,
            occurred_on=data.occurred_on,
            unit=normalize_paragraphs(data.unit),
            reported_by=normalize_paragraphs(data.reported_by),
            decision=data.decision,
            number=normalize_paragraphs(data.number),
            summary=normalize_paragraphs(data.summary),
            recorded_by=actor,
            idempotency_key=idempotency_key,
        )
        row.full_clean(exclude=["case", "recorded_by", "idempotency_key"])
        row.save()
        parts = [row.get_kind_display(), f"{row.occurred_on:%d/%m/%Y}", row.unit]
        if row.decision:
            parts.insert(1, str(ProsecutionDecision(row.decision).label))
        event_record(
            case=case,
            kind=EventKind.JUSTICE_RECORDED,
            actor=actor,
            summary=" · ".join(p for p in parts if p),
            data={"milestone": str(row.uid), "kind": row.kind},
        )
        audit_case(
            event=AuditEvent.UPDATE,
            actor=actor,
            case=case,
            extra={"justice": row.kind, "milestone": str(row.uid)},
        )
        return row

    return _once(JusticeMilestone, idempotency_key, create)


@transaction.atomic
def justice_withdraw(*, actor: User, milestone: JusticeMilestone, reason: str) -> JusticeMilestone:
    row = JusticeMilestone.objects.select_for_update().select_related("case").get(pk=milestone.pk)
    if _withdraw(row, actor=actor, reason=reason):
        event_record(
            case=row.case,
            kind=EventKind.JUSTICE_WITHDRAWN,
            actor=actor,
            summary=f"{row.get_kind_display()} · {row.occurred_on:%d/%m/%Y}",
        )
        audit_case(
            event=AuditEvent.UPDATE,
            actor=actor,
            case=row.case,
            extra={"justice_withdrawn": str(row.uid), "reason": row.withdrawn_reason},
        )
    return row
