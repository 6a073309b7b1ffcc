"""Writes to the accountability register: record (a proposal), confirm with the action
taken, dismiss with a reason. Every write is atomic, checks the actor's area and writes one
audit row. Nothing is deleted: a mistaken entry is dismissed, with its reason kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import Agency, User
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import perms_at
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.models import Case
from cpms.core.exceptions import StaleEditError
from cpms.core.text import normalize_text
from cpms.intake.models import Report

from .access import SUBJECT
from .choices import ActionTaken, EntryStatus
from .models import AccountabilityEntry, LegalReference

FK_FIELDS = (
    *("case", "report", "commune", "agency", "person", "deadline"),
    *("proposed_by", "confirmed_by", "dismissed_by"),
)


def audit_entry(
    *,
    event: AuditEvent,
    actor: User | None,
    entry: AccountabilityEntry,
    extra: dict[str, Any] | None = None,
) -> None:
    links = {"case": str(entry.case.uid) if entry.case else None}
    audit_record(
        event=event,
        actor=actor,
        actor_label="" if actor is not None else "system",
        subject_type=SUBJECT,
        subject_id=entry.uid,
        admin_unit_id=entry.commune_id,
        extra={**links, **(extra or {})},
    )


def long_text(value: str) -> str:
    """normalize_text line by line: NFC and tidy spaces, with the line breaks kept."""
    return "\n".join(normalize_text(line) for line in value.splitlines()).strip()


def _require(actor: User, path: str, perm: Perm) -> None:
    """Services refuse work outside the actor's area even if a view forgot to check."""
    perms = perms_at(actor, path, personal=True)
    if perms is None or perm not in perms:
        raise ValidationError(_("Hồ sơ này không thuộc địa bàn hoặc quyền hạn của bạn."))


@dataclass
class EntryData:
    kind: str
    description: str
    case: Case | None = None
    report: Report | None = None
    agency: Agency | None = None
    person: User | None = None
    person_name: str = ""
    person_role: str = ""
    occurred_on: dt.date | None = None
    legal_references: list[LegalReference] = field(default_factory=list)


@transaction.atomic
def entry_record(*, actor: User, data: EntryData) -> AccountabilityEntry:
    """Record a violation found by a person. It starts as a proposal, like the automatic
    ones: an entry names a person or an agency, so it counts only once a commune chairman or
    an area officer (accountability.edit) has confirmed it."""
    source = data.case or data.report
    if source is None:
        raise ValidationError(
            _("Cần gắn ghi nhận với một trường hợp hoặc một thông tin tiếp nhận.")
        )
    if (
        data.case is not None
        and data.report is not None
        and (data.report.commune_id != data.case.commune_id)
    ):
        raise ValidationError(
            _("Thông tin tiếp nhận và trường hợp thuộc hai xã, phường khác nhau.")
        )
    _require(actor, source.commune.path, Perm.ACCOUNTABILITY_VIEW)
    if data.occurred_on is not None and data.occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("Ngày xảy ra không được ở tương lai.")})
    entry = AccountabilityEntry(
        kind=data.kind,
        case=data.case,
        report=data.report,
        commune=source.commune,
        unit_path=source.commune.path,
        agency=data.agency,
        person=data.person,
        person_name=normalize_text(data.person_name),
        person_role=normalize_text(data.person_role),
        occurred_on=data.occurred_on,
        description=long_text(data.description),
        proposed_by=actor,
        proposed_at=timezone.now(),
    )
    entry.full_clean(exclude=FK_FIELDS)
    entry.save()
    entry.legal_references.set(data.legal_references)
    audit_entry(
        event=AuditEvent.CREATE,
        actor=actor,
        entry=entry,
        extra={"kind": entry.kind, "references": sorted(r.code for r in data.legal_references)},
    )
    return entry


def _lock(entry: AccountabilityEntry, expected_version: int) -> AccountabilityEntry:
    locked = (
        AccountabilityEntry.objects.select_for_update(of=("self",))
        .select_related("commune", "case")
        .get(pk=entry.pk)
    )
    if locked.version != expected_version:
        raise StaleEditError
    if locked.status != EntryStatus.PROPOSED:
        raise ValidationError(_("Ghi nhận này đã được xem xét."))
    return locked


@transaction.atomic
def entry_confirm(
    *,
    actor: User,
    entry: AccountabilityEntry,
    action: str,
    action_on: dt.date,
    action_note: str = "",
    expected_version: int,
) -> AccountabilityEntry:
    """Confirm a proposal and record what was done about it (a reminder, a warning, a
    proposal to fine under Decree 130/2021, a referral to the police, or nothing)."""
    locked = _lock(entry, expected_version)
    _require(actor, locked.unit_path, Perm.ACCOUNTABILITY_EDIT)
    if action not in ActionTaken.values:
        raise ValidationError({"action": _("Vui lòng chọn biện pháp đã áp dụng.")})
    if action_on > timezone.localdate():
        raise ValidationError({"action_on": _("Ngày áp dụng không được ở tương lai.")})
    locked.status = EntryStatus.CONFIRMED
    locked.action = action
    locked.action_on = action_on
    locked.action_note = long_text(action_note)
    locked.confirmed_by = actor
    locked.confirmed_at = timezone.now()
    locked.version += 1
    locked.save(
        update_fields=[
            *("status", "action", "action_on", "action_note", "confirmed_by", "confirmed_at"),
            *("version", "updated_at"),
        ]
    )
    audit_entry(
        event=AuditEvent.UPDATE,
        actor=actor,
        entry=locked,
        extra={"status": locked.status, "action": action},
    )
    return locked


@transaction.atomic
def entry_dismiss(
    *, actor: User, entry: AccountabilityEntry, reason: str, expected_version: int
) -> AccountabilityEntry:
    """Dismiss a proposal (the delay was justified, the report was wrong…). The reason is
    required and kept: a dismissed entry stays in the register."""
    locked = _lock(entry, expected_version)
    _require(actor, locked.unit_path, Perm.ACCOUNTABILITY_EDIT)
    reason = long_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do không xác nhận.")})
    locked.status = EntryStatus.DISMISSED
    locked.dismiss_reason = reason
    locked.dismissed_by = actor
    locked.dismissed_at = timezone.now()
    locked.version += 1
    locked.save(
        update_fields=[
            *("status", "dismiss_reason", "dismissed_by", "dismissed_at"),
            *("version", "updated_at"),
        ]
    )
    audit_entry(event=AuditEvent.UPDATE, actor=actor, entry=locked, extra={"status": locked.status})
    return locked
