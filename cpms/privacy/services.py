"""Writes: consent and legal basis, restriction of processing. Atomic, each with its audit
row on the child (subject `children.child`), so "who changed what about this child" is one
query on the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.models import AllegedPerpetrator
from cpms.children.models import Child, FamilyLink, Person
from cpms.intake.text import normalize_paragraphs

from .choices import CHILD_CONSENT_AGE, BasisKind
from .models import ProcessingBasis, ProcessingPurpose, ProcessingRestriction

SUBJECT = "children.child"


def audit_privacy(*, actor: User, child: Child, extra: dict[str, Any]) -> None:
    audit_record(
        event=AuditEvent.UPDATE,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=child.uid,
        admin_unit_id=child.commune_id,
        extra={"privacy": True, **extra},
    )


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def is_alleged_perpetrator(child: Child, person: Person) -> bool:
    """Named (and not withdrawn) as an alleged perpetrator in any case of the child."""
    return AllegedPerpetrator.objects.filter(
        case__child=child, person=person, withdrawn_at=None
    ).exists()


@dataclass(frozen=True)
class BasisData:
    purpose: ProcessingPurpose
    kind: str
    legal_reference: str = ""
    child_consent_on: dt.date | None = None
    child_consent_method: str = ""
    representative: Person | None = None
    representative_consent_on: dt.date | None = None
    representative_consent_method: str = ""
    note: str = ""


def _check_consent(child: Child, data: BasisData, child_age: int) -> None:
    errors: dict[str, str] = {}
    rep = data.representative
    if rep is None or data.representative_consent_on is None:
        errors["representative"] = _("Cần sự đồng ý của người đại diện theo pháp luật của trẻ.")
    elif not FamilyLink.objects.filter(child=child, person=rep, ended_at=None).exists():
        errors["representative"] = _("Người này không có trong hồ sơ gia đình của trẻ.")
    elif is_alleged_perpetrator(child, rep):
        errors["representative"] = _(
            "Người này bị cho là đã gây hại cho trẻ: không thể đại diện trẻ để đồng ý."
        )
    if child_age >= CHILD_CONSENT_AGE and data.child_consent_on is None:
        errors["child_consent_on"] = _("Trẻ từ đủ 7 tuổi trở lên: cần ghi nhận sự đồng ý của trẻ.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def processing_basis_record(*, actor: User, child: Child, data: BasisData) -> ProcessingBasis:
    """Record why the child's data may be processed for one purpose: consent (of the legal
    representative, and of the child from age 7; never a person alleged to have harmed the
    child) or a legal basis that needs no consent. One basis is in force per purpose: the old
    one must be withdrawn first."""
    locked = Child.objects.select_for_update().get(pk=child.pk)
    today = timezone.localdate()
    child_age = age_on(locked.birth_date, today)
    if data.kind == BasisKind.CONSENT:
        _check_consent(locked, data, child_age)
    elif not normalize_paragraphs(data.legal_reference):
        raise ValidationError({"legal_reference": _("Ghi rõ điều khoản, văn bản làm căn cứ.")})
    if ProcessingBasis.objects.filter(child=locked, purpose=data.purpose, withdrawn_at=None):
        raise ValidationError(
            _("Mục đích này đã có căn cứ đang hiệu lực: rút căn cứ cũ trước khi ghi căn cứ mới.")
        )
    consent = data.kind == BasisKind.CONSENT
    basis = ProcessingBasis(
        child=locked,
        purpose=data.purpose,
        kind=data.kind,
        legal_reference=normalize_paragraphs(data.legal_reference),
        child_age=child_age,
        child_consent_on=data.child_consent_on if consent else None,
        child_consent_method=data.child_consent_method if consent else "",
        representative=data.representative if consent else None,
        representative_consent_on=data.representative_consent_on if consent else None,
        representative_consent_method=data.representative_consent_method if consent else "",
        note=normalize_paragraphs(data.note),
        recorded_by=actor,
    )
    basis.full_clean(exclude=["child", "purpose", "representative", "recorded_by"])
    basis.save()
    audit_privacy(
        actor=actor,
        child=locked,
        extra={"basis_recorded": str(basis.uid), "purpose": data.purpose.code, "kind": data.kind},
    )
    return basis


@transaction.atomic
def processing_basis_withdraw(*, actor: User, basis: ProcessingBasis, reason: str) -> bool:
    """Withdraw a basis (e.g. consent withdrawn); False when it was already withdrawn."""
    reason = normalize_paragraphs(reason)
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do rút.")})
    locked = ProcessingBasis.objects.select_for_update().select_related("child", "purpose")
    row = locked.get(pk=basis.pk)
    if row.withdrawn_at is not None:
        return False
    row.withdrawn_at = timezone.now()
    row.withdrawn_by = actor
    row.withdrawn_reason = reason
    row.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason", "updated_at"])
    audit_privacy(
        actor=actor,
        child=row.child,
        extra={"basis_withdrawn": str(row.uid), "purpose": row.purpose.code},
    )
    return True


@transaction.atomic
def restriction_start(*, actor: User, child: Child, reason: str) -> ProcessingRestriction:
    """Restrict processing of the child's data: kept, but not shared or exported."""
    reason = normalize_paragraphs(reason)
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do hạn chế.")})
    locked = Child.objects.select_for_update().get(pk=child.pk)
    current = ProcessingRestriction.objects.filter(child=locked, lifted_at=None).first()
    if current is not None:
        return current
    row = ProcessingRestriction.objects.create(child=locked, reason=reason, started_by=actor)
    audit_privacy(actor=actor, child=locked, extra={"restriction_started": str(row.uid)})
    return row


@transaction.atomic
def restriction_lift(*, actor: User, restriction: ProcessingRestriction, reason: str) -> bool:
    reason = normalize_paragraphs(reason)
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do bỏ hạn chế.")})
    locked = ProcessingRestriction.objects.select_for_update().select_related("child")
    row = locked.get(pk=restriction.pk)
    if row.lifted_at is not None:
        return False
    row.lifted_at = timezone.now()
    row.lifted_by = actor
    row.lift_reason = reason
    row.save(update_fields=["lifted_at", "lifted_by", "lift_reason", "updated_at"])
    audit_privacy(actor=actor, child=row.child, extra={"restriction_lifted": str(row.uid)})
    return True
