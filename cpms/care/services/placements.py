"""Writes to placements: propose, record the chairman's decision, review, end.

A caregiver receives a child only if its latest checklist verification is all met and it has
room (open placements below its capacity); both are checked with the caregiver row locked,
so two workers cannot fill the last place twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.cases.models import Case
from cpms.children.models import Child
from cpms.core.text import normalize_text

from ..choices import KIND_PROVIDERS, OPEN_STATUSES, PlacementStatus
from ..models import CareProvider, Placement, PlacementReview
from .common import audit_placement, check_version, require
from .providers import eligibility_problems

OPINION_AGE = 7  # children aged 7 or more are asked for their opinion (Law on Children)


@dataclass
class PlacementData:
    child: Child
    kind: str
    provider: CareProvider
    reason: str
    planned_start_on: dt.date
    planned_end_on: dt.date | None = None
    case: Case | None = None
    guardian_consent: bool = False
    consent_exception: str = ""


def _check_provider(provider: CareProvider, kind: str, *, exclude: int | None = None) -> None:
    locked = CareProvider.objects.select_for_update().get(pk=provider.pk)
    if locked.kind not in KIND_PROVIDERS[kind]:
        raise ValidationError(
            {"provider": _("Người nhận chăm sóc này không phù hợp với hình thức đã chọn.")}
        )
    problems = eligibility_problems(locked)
    if problems:
        raise ValidationError({"provider": problems})
    others = Placement.objects.filter(provider=locked, status__in=OPEN_STATUSES)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    taken = others.count()
    if taken >= locked.capacity:
        raise ValidationError(
            {
                "provider": _("Người nhận chăm sóc đã nhận đủ %(n)s trẻ theo khả năng đăng ký.")
                % {"n": locked.capacity}
            }
        )


@transaction.atomic
def placement_propose(*, actor: User, data: PlacementData) -> Placement:
    """Propose a placement for the chairman's decision (the worker's verification report)."""
    child = Child.objects.select_for_update().select_related("commune").get(pk=data.child.pk)
    require(actor, child.commune, Perm.CASE_EDIT)
    if data.case is not None and data.case.child_id != child.pk:
        raise ValidationError({"case": _("Trường hợp không phải của trẻ này.")})
    if Placement.objects.filter(child=child, status__in=OPEN_STATUSES).exists():
        raise ValidationError(
            _("Trẻ đang được chăm sóc thay thế hoặc đã có đề xuất chờ quyết định.")
        )
    exception = normalize_text(data.consent_exception)
    if not data.guardian_consent and not exception:
        raise ValidationError(
            {
                "consent_exception": _(
                    "Cần văn bản đồng ý của cha mẹ hoặc người giám hộ, hoặc ghi căn cứ "
                    "không cần sự đồng ý."
                )
            }
        )
    _check_provider(data.provider, data.kind)
    placement = Placement(
        child=child,
        case=data.case,
        commune=child.commune,
        unit_path=child.commune.path,
        kind=data.kind,
        provider=data.provider,
        guardian_consent=data.guardian_consent,
        consent_exception=exception[:300],
        reason=data.reason.strip(),
        planned_start_on=data.planned_start_on,
        planned_end_on=data.planned_end_on,
        created_by=actor,
    )
    placement.full_clean(exclude=["child", "case", "commune", "provider", "created_by"])
    placement.save()
    audit_placement(event=AuditEvent.CREATE, actor=actor, placement=placement)
    return placement


def _lock(placement: Placement, expected_version: int | None) -> Placement:
    locked = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("child", "commune", "provider")
        .get(pk=placement.pk)
    )
    check_version(locked.version, expected_version)
    return locked


def _save(placement: Placement, *fields: str) -> None:
    placement.version += 1
    placement.save(update_fields=[*fields, "version", "updated_at"])


@transaction.atomic
def placement_decide(
    *,
    actor: User,
    placement: Placement,
    decision_number: str,
    decision_date: dt.date,
    decision_issuer: str,
    start_on: dt.date,
    expected_version: int | None,
) -> Placement:
    """Record the chairman's decision placing the child (Mẫu 12): the placement starts."""
    locked = _lock(placement, expected_version)
    require(actor, locked.commune, Perm.CASE_APPROVE_PLAN)
    if locked.status != PlacementStatus.PROPOSED:
        raise ValidationError(_("Chỉ ghi quyết định cho đề xuất đang chờ."))
    if decision_date > timezone.localdate():
        raise ValidationError({"decision_date": _("Ngày quyết định không được ở tương lai.")})
    if start_on < decision_date:
        raise ValidationError({"start_on": _("Ngày bắt đầu không được trước ngày quyết định.")})
    _check_provider(locked.provider, locked.kind, exclude=locked.pk)
    locked.decision_number = normalize_text(decision_number)
    locked.decision_date = decision_date
    locked.decision_issuer = normalize_text(decision_issuer)
    locked.decided_by = actor
    locked.start_on = start_on
    locked.status = PlacementStatus.ACTIVE
    locked.full_clean(exclude=["child", "case", "commune", "provider", "created_by", "decided_by"])
    _save(
        locked,
        "decision_number",
        "decision_date",
        "decision_issuer",
        "decided_by",
        "start_on",
        "status",
    )
    audit_placement(
        event=AuditEvent.UPDATE,
        actor=actor,
        placement=locked,
        extra={"decision": locked.decision_number, "status": locked.status},
    )
    return locked


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@transaction.atomic
def placement_review_add(
    *,
    actor: User,
    placement: Placement,
    reviewed_on: dt.date,
    reviewer: str,
    findings: str,
    child_opinion: str,
    outcome: str,
    expected_version: int | None,
) -> PlacementReview:
    """Record a periodic review; the next review falls due one period after it. A proposal to
    end is only a proposal: ending needs the chairman's decision."""
    locked = _lock(placement, expected_version)
    require(actor, locked.commune, Perm.CASE_EDIT)
    if locked.status != PlacementStatus.ACTIVE or locked.start_on is None:
        raise ValidationError(_("Chỉ rà soát việc chăm sóc thay thế đang thực hiện."))
    if reviewed_on > timezone.localdate() or reviewed_on < locked.start_on:
        raise ValidationError(
            {"reviewed_on": _("Ngày rà soát phải trong thời gian chăm sóc và không ở tương lai.")}
        )
    opinion = child_opinion.strip()
    if not opinion and age_on(locked.child.birth_date, reviewed_on) >= OPINION_AGE:
        raise ValidationError({"child_opinion": _("Trẻ từ đủ 7 tuổi: ghi ý kiến của trẻ.")})
    review = PlacementReview(
        placement=locked,
        reviewed_on=reviewed_on,
        reviewer=normalize_text(reviewer),
        findings=findings.strip(),
        child_opinion=opinion,
        outcome=outcome,
        recorded_by=actor,
    )
    review.full_clean(exclude=["placement", "recorded_by"])
    review.save()
    _save(locked)
    audit_placement(
        event=AuditEvent.UPDATE,
        actor=actor,
        placement=locked,
        extra={"review": str(review.uid), "outcome": outcome},
    )
    return review


@transaction.atomic
def placement_end(
    *,
    actor: User,
    placement: Placement,
    ended_on: dt.date,
    reason: str,
    note: str,
    decision_number: str,
    expected_version: int | None,
) -> Placement:
    """End an active placement by decision (Mẫu 16), or withdraw a proposal."""
    locked = _lock(placement, expected_version)
    require(actor, locked.commune, Perm.CASE_APPROVE_PLAN)
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(_("Việc chăm sóc thay thế này đã chấm dứt."))
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("Ngày chấm dứt không được ở tương lai.")})
    if locked.start_on is not None and ended_on < locked.start_on:
        raise ValidationError({"ended_on": _("Ngày chấm dứt không được trước ngày bắt đầu.")})
    active = locked.status == PlacementStatus.ACTIVE
    if active and not normalize_text(decision_number):
        raise ValidationError({"decision_number": _("Ghi số quyết định chấm dứt.")})
    locked.status = PlacementStatus.ENDED if active else PlacementStatus.WITHDRAWN
    locked.ended_on = ended_on
    locked.end_reason = reason
    locked.end_note = note.strip()
    locked.end_decision_number = normalize_text(decision_number)
    locked.full_clean(exclude=["child", "case", "commune", "provider", "created_by", "decided_by"])
    _save(locked, "status", "ended_on", "end_reason", "end_note", "end_decision_number")
    audit_placement(
        event=AuditEvent.UPDATE,
        actor=actor,
        placement=locked,
        extra={"status": locked.status, "end_reason": reason},
    )
    return locked
