"""Writes to referrals. Each is atomic with its audit row, a note on the case's timeline and
the change to the receiving agency's access grant.

The timeline entry uses the existing "note" event kind (data["referral"] names the referral):
a dedicated kind would need a migration of the cases app's choice constraint.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpms.accounts.models import Agency, AgencyAccessGrant, User
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import perms_at
from cpms.accounts.services import access_grant_give
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.access import SUBJECT as CASE_SUBJECT
from cpms.cases.choices import CaseState, EventKind
from cpms.cases.events import event_record
from cpms.cases.models import Case
from cpms.cases.text import normalize_paragraphs
from cpms.children.services import StaleEditError
from cpms.core.text import normalize_text
from cpms.privacy.selectors import active_restriction, restriction_message

from .access import SUBJECT, require
from .choices import OPEN_STATES, ReferralKind, ReferralState, SharingBasis
from .models import Referral
from .notices import notify_answered, notify_sent
from .selectors import answers_in_app, sharing_for

__all__ = [
    "StaleEditError",
    "referral_accept",
    "referral_cancel",
    "referral_complete",
    "referral_decline",
    "referral_send",
    "referral_start",
    "referral_step",
]

# The steps the receiving agency takes that the sending side hears of.
ANSWERS = frozenset({"accept", "decline", "complete"})
# While a referral is open its grant has no real end; ending the referral sets the end.
OPEN_GRANT_HORIZON = dt.timedelta(days=5 * 365)


@dataclass(frozen=True)
class Step:
    sources: frozenset[ReferralState]
    target: ReferralState
    perm: Perm
    who: str  # prefix of the <who>_by / <who>_at fields
    label: str | Promise
    reason_field: str = ""


STEPS: dict[str, Step] = {
    "accept": Step(
        frozenset({ReferralState.SENT}),
        ReferralState.ACCEPTED,
        Perm.REFERRAL_RECEIVE,
        "accepted",
        gettext_lazy("Tiếp nhận chuyển gửi"),
    ),
    "decline": Step(
        frozenset({ReferralState.SENT}),
        ReferralState.DECLINED,
        Perm.REFERRAL_RECEIVE,
        "declined",
        gettext_lazy("Từ chối chuyển gửi"),
        "decline_reason",
    ),
    "start": Step(
        frozenset({ReferralState.ACCEPTED}),
        ReferralState.IN_PROGRESS,
        Perm.REFERRAL_RECEIVE,
        "started",
        gettext_lazy("Bắt đầu thực hiện chuyển gửi"),
    ),
    "complete": Step(
        frozenset({ReferralState.IN_PROGRESS}),
        ReferralState.COMPLETED,
        Perm.REFERRAL_RECEIVE,
        "completed",
        gettext_lazy("Hoàn thành chuyển gửi"),
    ),
    "cancel": Step(
        frozenset(OPEN_STATES),
        ReferralState.CANCELLED,
        Perm.CASE_EDIT,
        "cancelled",
        gettext_lazy("Hủy chuyển gửi"),
        "cancel_reason",
    ),
}


def audit_referral(
    *, event: AuditEvent, actor: User, referral: Referral, extra: dict[str, Any]
) -> None:
    audit_record(
        event=event,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=referral.uid,
        admin_unit_id=referral.case.commune_id,
        extra={"case": str(referral.case.uid), "agency": str(referral.agency.uid), **extra},
    )


def _timeline(*, actor: User, referral: Referral, label: str, code: str, at: dt.datetime) -> None:
    # Agency and service kind only: every viewer of the case sees its timeline.
    event_record(
        case=referral.case,
        kind=EventKind.NOTE,
        actor=actor,
        at=at,
        summary=f"{label}: {referral.get_kind_display()} – {referral.agency.name}",
        data={"referral": str(referral.uid), "step": code, "state": referral.state},
    )


def _check_send(*, actor: User, case: Case, agency: Agency, data: dict[str, Any]) -> None:
    perms = perms_at(actor, case.unit_path, personal=True)
    if perms is None:
        raise Http404
    if Perm.CASE_EDIT not in perms:
        raise PermissionDenied
    errors: dict[str, str] = {}
    if data["sharing_basis"] not in SharingBasis.values:
        errors["sharing_basis"] = _(
            "Hãy ghi nhận căn cứ pháp lý hoặc sự đồng ý cho việc chia sẻ thông tin trước khi "
            "chuyển gửi."
        )
    if data["kind"] not in ReferralKind.values:
        errors["kind"] = _("Hãy chọn loại dịch vụ.")
    if not data["service"]:
        errors["service"] = _("Hãy ghi dịch vụ, hành động đề nghị.")
    if data["due_on"] < timezone.localdate():
        errors["due_on"] = _("Hạn thực hiện không được trước hôm nay.")
    if agency.valid_to is not None and agency.valid_to < timezone.localdate():
        errors["agency"] = _("Cơ quan này đã ngừng hoạt động.")
    if errors:
        raise ValidationError(errors)
    if case.state == CaseState.CLOSED:
        raise ValidationError(_("Trường hợp đã kết thúc; không thể chuyển gửi."))
    if active_restriction(case.child_id) is not None:
        raise ValidationError(restriction_message())


@transaction.atomic
def _send(
    *,
    actor: User,
    case: Case,
    agency: Agency,
    data: dict[str, Any],
    idempotency_key: uuid.UUID | None,
) -> Referral:
    _check_send(actor=actor, case=case, agency=agency, data=data)
    now = timezone.now()
    referral = Referral(
        case=case,
        agency=agency,
        sent_by=actor,
        sent_at=now,
        idempotency_key=idempotency_key,
        **data,
    )
    referral.full_clean(exclude=["case", "agency", "sent_by", "grant", "idempotency_key"])
    sharing = sharing_for(agency.kind)
    referral.grant = access_grant_give(
        actor=actor,
        agency=agency,
        subject_type=CASE_SUBJECT,
        subject_id=case.uid,  # cases/access.py looks grants up by the case's uid
        admin_unit=case.commune,
        until=now + OPEN_GRANT_HORIZON,
        reason=f"{referral.get_kind_display()}: {referral.service}"[:300],
        legal_basis=f"{referral.get_sharing_basis_display()} {referral.sharing_note}"[:300],
        field_groups=list(sharing.field_groups),
    )
    referral.save()
    _timeline(actor=actor, referral=referral, label=_("Chuyển gửi"), code="send", at=now)
    notify_sent(referral)
    audit_referral(
        event=AuditEvent.CREATE,
        actor=actor,
        referral=referral,
        extra={"basis": referral.sharing_basis, "field_groups": list(sharing.field_groups)},
    )
    return referral


def referral_send(
    *,
    actor: User,
    case: Case,
    agency: Agency,
    kind: str,
    service: str,
    due_on: dt.date,
    sharing_basis: str,
    sharing_note: str = "",
    idempotency_key: uuid.UUID | None = None,
) -> Referral:
    """Refer the case to the agency, opening the agency's access to it. Refused without a
    recorded basis for sharing. A repeat with the same idempotency key gives the first."""
    if idempotency_key is not None:
        existing = Referral.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    data = {
        "kind": kind,
        "service": normalize_paragraphs(service),
        "due_on": due_on,
        "sharing_basis": sharing_basis,
        "sharing_note": normalize_text(sharing_note),
    }
    try:
        return _send(
            actor=actor, case=case, agency=agency, data=data, idempotency_key=idempotency_key
        )
    except IntegrityError:
        if idempotency_key is None:
            raise
        return Referral.objects.get(idempotency_key=idempotency_key)


def _end_grant(*, actor: User, grant: AgencyAccessGrant | None, until: dt.datetime) -> None:
    if grant is None:
        return
    until = max(until, grant.valid_from + dt.timedelta(microseconds=1))
    grant.valid_until = until
    grant.save(update_fields=["valid_until", "updated_at"])
    audit_record(
        event=AuditEvent.UPDATE,
        actor=actor,
        subject_type="accounts.agencyaccessgrant",
        subject_id=grant.uid,
        admin_unit_id=grant.admin_unit_id,
        extra={"valid_until": until.isoformat()},
    )


@transaction.atomic
def _step(
    *,
    actor: User,
    referral: Referral,
    code: str,
    expected_version: int,
    reason: str = "",
    outcome: str = "",
    reply_reference: str = "",
) -> Referral:
    step = STEPS[code]
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "agency", "grant")
        .get(pk=referral.pk)
    )
    on_behalf = _check_step_actor(actor, locked, step.perm)
    if locked.version != expected_version:
        raise StaleEditError
    if locked.state not in step.sources:
        raise ValidationError(
            _("Không thể thực hiện bước “%(step)s” khi chuyển gửi đang ở trạng thái “%(state)s”.")
            % {"step": str(step.label), "state": locked.get_state_display()}
        )
    reason = normalize_paragraphs(reason)
    if step.reason_field and not reason:
        raise ValidationError({step.reason_field: _("Hãy ghi lý do.")})
    reply_reference = normalize_text(reply_reference)
    if on_behalf and not reply_reference:
        raise ValidationError(
            {"reply_reference": _("Hãy ghi văn bản hoặc cách trả lời của cơ quan nhận.")}
        )
    now = timezone.now()
    from_state = locked.state
    locked.state = step.target
    setattr(locked, f"{step.who}_by", actor)
    setattr(locked, f"{step.who}_at", now)
    changed = ["state", f"{step.who}_by", f"{step.who}_at", "version", "updated_at"]
    if step.reason_field:
        setattr(locked, step.reason_field, reason)
        changed.append(step.reason_field)
    if outcome:
        locked.outcome = normalize_paragraphs(outcome)
        changed.append("outcome")
    if on_behalf:
        locked.reply_reference = reply_reference
        changed.append("reply_reference")
    locked.version += 1
    locked.save(update_fields=changed)
    if step.target == ReferralState.COMPLETED:
        days = sharing_for(locked.agency.kind).days_after_end
        _end_grant(actor=actor, grant=locked.grant, until=now + dt.timedelta(days=days))
    elif step.target in (ReferralState.DECLINED, ReferralState.CANCELLED):
        _end_grant(actor=actor, grant=locked.grant, until=now)
    _timeline(actor=actor, referral=locked, label=str(step.label), code=code, at=now)
    if code in ANSWERS:
        notify_answered(locked, actor=actor, step=code)
    audit_referral(
        event=AuditEvent.UPDATE,
        actor=actor,
        referral=locked,
        extra={"step": code, "from": from_state, "to": locked.state, "on_behalf": on_behalf},
    )
    return locked


def _check_step_actor(actor: User, referral: Referral, need: Perm) -> bool:
    """Whether the actor records the step on behalf of an agency that does not answer in the
    app (the sending commune, from the agency's written answer). Raises 404/403 otherwise."""
    if need == Perm.REFERRAL_RECEIVE and not answers_in_app(referral.agency):
        try:
            require(actor, referral, Perm.CASE_EDIT)
        except PermissionDenied:
            require(actor, referral, need)  # a member after all: the usual check
            return False
        return True
    require(actor, referral, need)
    return False


def referral_step(
    *,
    actor: User,
    referral: Referral,
    code: str,
    expected_version: int,
    reason: str = "",
    outcome: str = "",
    reply_reference: str = "",
) -> Referral:
    """Move the referral one step (STEPS): accept, decline, start, complete or cancel."""
    if code not in STEPS:
        raise Http404
    return _step(
        actor=actor,
        referral=referral,
        code=code,
        expected_version=expected_version,
        reason=reason,
        outcome=outcome,
        reply_reference=reply_reference,
    )


def referral_accept(*, actor: User, referral: Referral, expected_version: int) -> Referral:
    return _step(actor=actor, referral=referral, code="accept", expected_version=expected_version)


def referral_decline(
    *, actor: User, referral: Referral, reason: str, expected_version: int
) -> Referral:
    return _step(
        actor=actor,
        referral=referral,
        code="decline",
        reason=reason,
        expected_version=expected_version,
    )


def referral_start(*, actor: User, referral: Referral, expected_version: int) -> Referral:
    return _step(actor=actor, referral=referral, code="start", expected_version=expected_version)


def referral_complete(
    *, actor: User, referral: Referral, expected_version: int, outcome: str = ""
) -> Referral:
    return _step(
        actor=actor,
        referral=referral,
        code="complete",
        outcome=outcome,
        expected_version=expected_version,
    )


def referral_cancel(
    *, actor: User, referral: Referral, reason: str, expected_version: int
) -> Referral:
    return _step(
        actor=actor,
        referral=referral,
        code="cancel",
        reason=reason,
        expected_version=expected_version,
    )
