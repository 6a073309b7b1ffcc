"""Extending and ending a temporary separation (Decree 56 Art. 32): chairman only."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.core.text import normalize_text

from .choices import EventKind
from .deadlines import deadlines_refresh
from .events import event_record
from .models import SeparationDecision, SeparationExtension
from .services import audit_case, bump, lock_case
from .steps import check_separation_period
from .text import normalize_paragraphs
from .transitions import SEPARATION_END, SEPARATION_EXTEND


def _active(separation: SeparationDecision) -> SeparationDecision:
    locked = SeparationDecision.objects.select_for_update().get(pk=separation.pk)
    if locked.ended_at is not None:
        raise ValidationError(_("Quyết định tạm thời cách ly này đã chấm dứt."))
    return locked


@transaction.atomic
def separation_extend(
    *,
    actor: User,
    separation: SeparationDecision,
    new_ends_at: dt.datetime,
    decision_number: str,
    reason: str,
    by_authority: bool = False,
    authority_basis: str = "",
    expected_version: int,
) -> SeparationDecision:
    case = lock_case(separation.case, expected_version)
    sep = _active(separation)
    if new_ends_at <= sep.ends_at:
        raise ValidationError({"new_ends_at": _("Hạn mới phải sau hạn hiện tại.")})
    authority = by_authority or sep.authority_extended
    if by_authority and not normalize_text(authority_basis):
        raise ValidationError(
            {"authority_basis": _("Ghi số, ngày văn bản của cơ quan có thẩm quyền.")}
        )
    check_separation_period(sep.starts_at, new_ends_at, by_authority=authority)
    extension = SeparationExtension(
        separation=sep,
        decision_number=normalize_text(decision_number),
        decided_by=actor,
        previous_ends_at=sep.ends_at,
        new_ends_at=new_ends_at,
        by_authority=by_authority,
        authority_basis=normalize_text(authority_basis),
        reason=normalize_paragraphs(reason),
    )
    extension.full_clean(exclude=["separation", "decided_by"])
    extension.save()
    sep.ends_at = new_ends_at
    if by_authority:
        sep.authority_extended = True
        sep.authority_basis = extension.authority_basis
    sep.save(update_fields=["ends_at", "authority_extended", "authority_basis", "updated_at"])
    now = timezone.now()
    bump(case)
    summary = _("Gia hạn đến %(end)s") % {
        "end": f"{timezone.localtime(new_ends_at):%d/%m/%Y %H:%M}"
    }
    event_record(
        case=case, kind=EventKind.SEPARATION_EXTENDED, actor=actor, at=now, summary=summary
    )
    deadlines_refresh(case=case, at=now, step=SEPARATION_EXTEND)
    audit_case(
        event=AuditEvent.UPDATE, actor=actor, case=case, extra={"separation_extended": str(sep.uid)}
    )
    return sep


@transaction.atomic
def separation_end(
    *, actor: User, separation: SeparationDecision, reason: str, expected_version: int
) -> SeparationDecision:
    """The chairman cancels the separation once the family can keep the child safe."""
    case = lock_case(separation.case, expected_version)
    sep = _active(separation)
    now = timezone.now()
    sep.ended_at = now
    sep.end_reason = normalize_paragraphs(reason)
    sep.save(update_fields=["ended_at", "end_reason", "updated_at"])
    bump(case)
    event_record(
        case=case,
        kind=EventKind.SEPARATION_ENDED,
        actor=actor,
        at=now,
        summary=sep.end_reason[:200],
    )
    deadlines_refresh(case=case, at=now, step=SEPARATION_END)
    audit_case(
        event=AuditEvent.UPDATE, actor=actor, case=case, extra={"separation_ended": str(sep.uid)}
    )
    return sep
