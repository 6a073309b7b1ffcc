"""Writes for a child's special circumstances (Law on Children Art. 10) and risk factors.

Each service is atomic, locks the child row (so two workers cannot open the same record
twice), validates, and writes one audit row on the child.

Dates: a circumstance runs from `from_date` to `to_date` inclusive ("đến ngày"); a risk
factor stops applying on `resolved_on` ("ngày hết").
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.core.text import normalize_text

from .models import Child, ChildCircumstance, ChildRiskFactor, RiskFactor, SpecialCircumstanceGroup
from .services import audit_child

SUBJECT = "children.child"


def _lock(child: Child) -> Child:
    return Child.objects.select_for_update().get(pk=child.pk)


def _not_future(value: dt.date, field: str, message: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: message})


@transaction.atomic
def circumstance_add(
    *,
    actor: User,
    child: Child,
    group: SpecialCircumstanceGroup,
    from_date: dt.date,
    evidence: str = "",
) -> ChildCircumstance:
    """Record that the child belongs to a group (a top group "a".."o" or a sub-group "a.1").

    Refused when the child already has a record of the same group that is open or that
    ends on or after `from_date`: end that record first.
    """
    _not_future(from_date, "from_date", _("Ngày bắt đầu không được ở tương lai."))
    if group.valid_to is not None and group.valid_to < from_date:
        raise ValidationError({"group": _("Nhóm này đã hết hiệu lực vào ngày bắt đầu đã chọn.")})
    locked = _lock(child)
    overlapping = ChildCircumstance.objects.filter(child=locked, group=group).filter(
        Q(to_date__isnull=True) | Q(to_date__gte=from_date)
    )
    if overlapping.exists():
        raise ValidationError(
            {
                "group": _(
                    "Trẻ đã có ghi nhận thuộc nhóm này trong cùng thời gian. "
                    "Vui lòng kết thúc ghi nhận cũ trước khi thêm ghi nhận mới."
                )
            }
        )
    record = ChildCircumstance(
        child=locked,
        group=group,
        from_date=from_date,
        evidence=normalize_text(evidence),
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    audit_child(
        event=AuditEvent.UPDATE,
        actor=actor,
        child=locked,
        extra={
            "circumstance_added": group.code,
            "circumstance": str(record.uid),
            "from_date": from_date.isoformat(),
        },
    )
    return record


@transaction.atomic
def circumstance_end(
    *, actor: User, circumstance: ChildCircumstance, to_date: dt.date
) -> ChildCircumstance:
    """Close an open record: the child is in the group up to and including `to_date`."""
    locked_child = _lock(circumstance.child)
    record = ChildCircumstance.objects.select_related("group").get(pk=circumstance.pk)
    if record.to_date is not None:
        raise ValidationError({"to_date": _("Ghi nhận này đã được kết thúc.")})
    _not_future(to_date, "to_date", _("Ngày kết thúc không được ở tương lai."))
    if to_date < record.from_date:
        raise ValidationError({"to_date": _("Ngày kết thúc không được trước ngày bắt đầu.")})
    record.to_date = to_date
    record.full_clean()
    record.save(update_fields=["to_date", "updated_at"])
    audit_child(
        event=AuditEvent.UPDATE,
        actor=actor,
        child=locked_child,
        extra={
            "circumstance_ended": record.group.code,
            "circumstance": str(record.uid),
            "to_date": to_date.isoformat(),
        },
    )
    circumstance.to_date = record.to_date
    return record


@transaction.atomic
def risk_factor_add(
    *,
    actor: User,
    child: Child,
    factor: RiskFactor,
    observed_on: dt.date,
    note: str = "",
) -> ChildRiskFactor:
    """Record a risk sign seen by the worker. One open record per factor and child."""
    if not factor.active:
        raise ValidationError({"factor": _("Yếu tố nguy cơ này không còn được sử dụng.")})
    _not_future(observed_on, "observed_on", _("Ngày ghi nhận không được ở tương lai."))
    locked = _lock(child)
    if ChildRiskFactor.objects.filter(
        child=locked, factor=factor, resolved_on__isnull=True
    ).exists():
        raise ValidationError({"factor": _("Trẻ đã có ghi nhận yếu tố nguy cơ này (chưa hết).")})
    record = ChildRiskFactor(
        child=locked,
        factor=factor,
        observed_on=observed_on,
        note=normalize_text(note),
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    audit_child(
        event=AuditEvent.UPDATE,
        actor=actor,
        child=locked,
        extra={"risk_factor_added": factor.code, "risk_factor": str(record.uid)},
    )
    return record


@transaction.atomic
def risk_factor_resolve(
    *, actor: User, child_factor: ChildRiskFactor, resolved_on: dt.date
) -> ChildRiskFactor:
    """The risk sign no longer applies from `resolved_on`."""
    locked_child = _lock(child_factor.child)
    record = ChildRiskFactor.objects.select_related("factor").get(pk=child_factor.pk)
    if record.resolved_on is not None:
        raise ValidationError({"resolved_on": _("Yếu tố nguy cơ này đã được ghi nhận là hết.")})
    _not_future(resolved_on, "resolved_on", _("Ngày hết không được ở tương lai."))
    if resolved_on < record.observed_on:
        raise ValidationError({"resolved_on": _("Ngày hết không được trước ngày ghi nhận.")})
    record.resolved_on = resolved_on
    record.full_clean()
    record.save(update_fields=["resolved_on", "updated_at"])
    audit_child(
        event=AuditEvent.UPDATE,
        actor=actor,
        child=locked_child,
        extra={
            "risk_factor_resolved": record.factor.code,
            "risk_factor": str(record.uid),
            "resolved_on": resolved_on.isoformat(),
        },
    )
    child_factor.resolved_on = record.resolved_on
    return record
