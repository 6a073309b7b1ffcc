"""Every write to a periodic report: create, edit the narrative, refresh the figures, and the
one transition function. Each is atomic with its audit row.

The state machine is the table choices.TRANSITIONS: for each action the statuses it leaves,
the status it reaches, the permission it needs and the level (own unit or the level above)
where the actor must hold it. `version` is bumped by every edit and transition; a caller that
passes an older version gets StaleEditError instead of overwriting someone else's change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.exceptions import StaleEditError
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit, UnitLevel
from cpms.intake.text import normalize_paragraphs

from .access import SUBJECT, report_reach
from .choices import AGGREGATED, FIGURES_LIVE, TRANSITIONS, Action, Level, ReportStatus
from .figures import commune_figures, protect, sum_tables
from .models import PeriodicReport
from .periods import due_date

NARRATIVE = ("general_situation", "results", "difficulties", "recommendations")
PARAGRAPHS = frozenset({*NARRATIVE, "recipients"})
DOCUMENT_FIELDS = (
    "doc_number",
    "doc_symbol",
    "signer_authority",
    "signer_position",
    "signer_name",
    "recipients",
)
STAMPS = {
    Action.SUBMIT: ("submitted_by", "submitted_at"),
    Action.REVIEW: ("reviewed_by", "reviewed_at"),
    Action.APPROVE: ("approved_by", "approved_at"),
    Action.LOCK: ("locked_by", "locked_at"),
}


def _audit(actor: User | None, report: PeriodicReport, event: AuditEvent, **extra: Any) -> None:
    audit_record(
        event=event,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=report.uid,
        admin_unit_id=report.unit_id,
        extra=extra,
    )


def _require(actor: User, report: PeriodicReport, perm: Perm, level: Level) -> None:
    if perm not in report_reach(actor, report).at(level):
        raise PermissionDenied


def lower_units(unit: AdminUnit, start: dt.date, end: dt.date) -> list[AdminUnit]:
    """The units directly below `unit` that existed during the period and report to it."""
    return list(
        AdminUnit.objects.filter(parent=unit, level__in=[UnitLevel.COMMUNE, UnitLevel.DISTRICT])
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .order_by("name")
    )


def lower_reports(report: PeriodicReport) -> list[PeriodicReport]:
    return list(
        PeriodicReport.objects.filter(
            unit__parent=report.unit,
            kind=report.kind,
            period_start=report.period_start,
            period_end=report.period_end,
            status__in=AGGREGATED,
        ).select_related("unit")
    )


def compute_figures(report: PeriodicReport) -> None:
    """Fill figures, figures_protected and sources from the data as it is now (not saved)."""
    unit = report.unit
    if unit.level == UnitLevel.COMMUNE:
        own, protected = commune_figures(
            unit, kind=report.kind, start=report.period_start, end=report.period_end
        )
        sources: dict[str, Any] = {}
    else:
        lower = lower_reports(report)
        own = sum_tables(r.figures for r in lower)
        protected = protect(own)
        done = {r.unit_id for r in lower}
        sources = {
            "included": [{"uid": str(r.uid), "unit": r.unit.name} for r in lower],
            "missing": [
                u.name
                for u in lower_units(unit, report.period_start, report.period_end)
                if u.pk not in done
            ],
        }
    report.figures, report.figures_protected, report.sources = own, protected, sources
    report.figures_at = timezone.now()


@transaction.atomic
def report_create(
    *,
    actor: User,
    unit: AdminUnit,
    kind: str,
    start: dt.date,
    end: dt.date,
    due_on: dt.date | None = None,
) -> PeriodicReport:
    """Open a draft for one unit and period, with figures computed now. One per (unit, kind,
    period): a second attempt is a validation error, not a duplicate."""
    if end < start:
        raise ValidationError({"period_end": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    report = PeriodicReport(
        unit=unit,
        kind=kind,
        period_start=start,
        period_end=end,
        due_on=due_on or due_date(kind, end),
        created_by=actor,
        signer_name="",
    )
    _require(actor, report, Perm.STAT_REPORT_PREPARE, Level.OWN)
    compute_figures(report)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Đơn vị đã có báo cáo loại này cho kỳ này; hãy mở báo cáo đó.")
        ) from exc
    _audit(actor, report, AuditEvent.CREATE, kind=kind, start=str(start), end=str(end))
    return report


def _locked_row(report: PeriodicReport, expected_version: int) -> PeriodicReport:
    row = PeriodicReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    if row.version != expected_version:
        raise StaleEditError
    return row


@transaction.atomic
def report_update(
    *, actor: User, report: PeriodicReport, expected_version: int, values: dict[str, Any]
) -> PeriodicReport:
    """Edit the narrative sections and the document details (number, signer, recipients) of
    a draft."""
    row = _locked_row(report, expected_version)
    _require(actor, row, Perm.STAT_REPORT_PREPARE, Level.OWN)
    if row.status != ReportStatus.DRAFT:
        raise ValidationError(_("Chỉ sửa được báo cáo đang soạn."))
    changed = []
    for name in (*NARRATIVE, *DOCUMENT_FIELDS):
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, str):
            value = normalize_paragraphs(value) if name in PARAGRAPHS else normalize_text(value)
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    if changed:
        row.version += 1
        row.full_clean()
        row.save(update_fields=[*changed, "version", "updated_at"])
        _audit(actor, row, AuditEvent.UPDATE, fields=changed)
    return row


@transaction.atomic
def report_refresh(*, actor: User, report: PeriodicReport) -> PeriodicReport:
    """Recompute a draft's figures from today's data (a submitted report's are frozen)."""
    row = PeriodicReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    _require(actor, row, Perm.STAT_REPORT_PREPARE, Level.OWN)
    if row.status not in FIGURES_LIVE:
        raise ValidationError(_("Số liệu của báo cáo đã gửi không thay đổi nữa."))
    compute_figures(row)
    row.save(update_fields=["figures", "figures_protected", "sources", "figures_at", "updated_at"])
    _audit(actor, row, AuditEvent.UPDATE, fields=["figures"])
    return row


@transaction.atomic
def report_transition(
    *,
    actor: User,
    report: PeriodicReport,
    action: str,
    expected_version: int,
    reason: str = "",
) -> PeriodicReport:
    """Move a report along the table of allowed transitions (the only writer of `status`).

    Submitting takes the final snapshot of the figures; returning needs a reason and puts the
    report back to draft, where its figures follow the data again.
    """
    transition = TRANSITIONS.get(Action(action)) if action in Action.values else None
    if transition is None:
        raise ValidationError(_("Thao tác không hợp lệ."))
    row = _locked_row(report, expected_version)
    if row.status not in transition.source:
        raise ValidationError(
            _("Không thể thực hiện thao tác này khi báo cáo ở trạng thái “%(status)s”.")
            % {"status": row.get_status_display()}
        )
    _require(actor, row, transition.perm, transition.level)
    reason = normalize_text(reason)
    fields = ["status", "version", "updated_at"]
    if transition.action == Action.RETURN:
        if not reason:
            raise ValidationError({"reason": _("Hãy ghi lý do trả lại.")})
        row.return_reason = reason
        fields.append("return_reason")
    if transition.action == Action.SUBMIT:
        compute_figures(row)
        row.return_reason = ""
        fields += ["figures", "figures_protected", "sources", "figures_at", "return_reason"]
    if transition.action in STAMPS:
        by, at = STAMPS[transition.action]
        setattr(row, by, actor)
        setattr(row, at, timezone.now())
        fields += [by, at]
    previous = row.status
    row.status = transition.target
    row.version += 1
    row.save(update_fields=fields)
    _audit(
        actor,
        row,
        AuditEvent.UPDATE,
        action=transition.action,
        status_from=previous,
        status_to=row.status,
        reason=reason,
    )
    return row
