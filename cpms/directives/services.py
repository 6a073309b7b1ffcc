"""Writes to the directive register. Every write is atomic, checks the actor's reach (unless
it is the system, actor None: the demo loader) and writes one audit row. Nothing is deleted:
an assignment given by mistake is withdrawn, a directive that no longer applies expires."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import Agency, User
from cpms.accounts.permissions import Perm, ScopeKind
from cpms.accounts.scope import user_grants
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.exceptions import StaleEditError
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit

from .access import ASSIGNMENT_SUBJECT, SUBJECT, directive_reach, directive_targets
from .choices import ReportStatus, Schedule
from .figures import expand, unit_figures
from .models import ClauseAssignment, Directive, DirectiveClause, LegalReference, ProgressReport
from .periods import Period, schedule_periods

REPORT_SUBJECT = "directives.progressreport"
REPORT_FIELDS = ("narrative", "version", "status", "submitted_by", "submitted_at", "figures")


def long_text(value: str) -> str:
    """normalize_text line by line: NFC and tidy spaces, with the line breaks kept."""
    return "\n".join(normalize_text(line) for line in value.splitlines()).strip()


def audit_event(
    event: AuditEvent,
    actor: User | None,
    subject_type: str,
    subject_id: object,
    unit_id: int | None,
    **extra: Any,
) -> None:
    audit_record(
        event=event,
        actor=actor,
        actor_label="" if actor is not None else "system",
        subject_type=subject_type,
        subject_id=subject_id,
        admin_unit_id=unit_id,
        extra=extra,
    )


def _require_manage(actor: User | None, directive: Directive) -> None:
    """Only the lead office or an area officer over the issuing unit changes a directive."""
    if actor is None:
        return
    reach = directive_reach(actor, directive, directive_targets(directive))
    if reach is None or not reach.manage_full:
        raise ValidationError(_("Văn bản này không thuộc quyền quản lý của bạn."))


def _require_unit(actor: User | None, unit: AdminUnit, lead: Agency | None) -> None:
    if actor is None:
        return
    for grant in user_grants(actor):
        if Perm.DIRECTIVE_MANAGE not in grant.perms:
            continue
        if grant.scope == ScopeKind.AREA and grant.covers(unit.path):
            return
        if lead is not None and grant.agency_id == lead.pk:
            return
    raise ValidationError(
        {"issuing_unit": _("Địa bàn ban hành không thuộc phạm vi quản lý của bạn.")}
    )


@transaction.atomic
def reference_get_or_create(
    *,
    actor: User | None,
    kind: str,
    symbol: str,
    issuer: str,
    title: str,
    issued_on: dt.date | None = None,
    url: str = "",
) -> LegalReference:
    """One row per (symbol, issuer, date): a document cited by several directives is shared."""
    symbol, issuer = normalize_text(symbol), normalize_text(issuer)
    found = LegalReference.objects.filter(symbol=symbol, issuer=issuer, issued_on=issued_on)
    existing = found.first()
    if existing is not None:
        return existing
    reference = LegalReference(
        kind=kind,
        symbol=symbol,
        issuer=issuer,
        title=normalize_text(title),
        issued_on=issued_on,
        url=url,
    )
    reference.full_clean()
    reference.save()
    audit_event(AuditEvent.CREATE, actor, "directives.legalreference", reference.uid, None)
    return reference


@dataclass
class DirectiveData:
    kind: str
    symbol: str
    subject: str
    issuer_name: str
    issuing_unit: AdminUnit
    effective_from: dt.date
    number: str = ""
    issued_on: dt.date | None = None
    issued_year: int | None = None
    issuer_agency: Agency | None = None
    lead_agency: Agency | None = None
    signer: str = ""
    body: str = ""
    status: str = "in_force"
    references: list[LegalReference] = field(default_factory=list)


FIELDS = (
    *("kind", "number", "symbol", "issued_on", "issued_year", "issuer_agency", "issuer_name"),
    *("signer", "subject", "body", "issuing_unit", "unit_path", "lead_agency", "status"),
    "effective_from",
)


def _apply(directive: Directive, data: DirectiveData) -> None:
    directive.kind = data.kind
    directive.number = normalize_text(data.number)
    directive.symbol = normalize_text(data.symbol)
    directive.issued_on = data.issued_on
    directive.issued_year = data.issued_on.year if data.issued_on else data.issued_year
    directive.issuer_agency = data.issuer_agency
    directive.issuer_name = normalize_text(data.issuer_name) or (
        data.issuer_agency.name if data.issuer_agency else ""
    )
    directive.signer = normalize_text(data.signer)
    directive.subject = normalize_text(data.subject)
    directive.body = long_text(data.body)
    directive.issuing_unit = data.issuing_unit
    directive.unit_path = data.issuing_unit.path
    directive.lead_agency = data.lead_agency
    directive.status = data.status
    directive.effective_from = data.effective_from


@transaction.atomic
def directive_create(*, actor: User | None, data: DirectiveData) -> Directive:
    """Register a directive. Its issuing unit (or its lead office) must be the actor's."""
    _require_unit(actor, data.issuing_unit, data.lead_agency)
    directive = Directive(created_by=actor)
    _apply(directive, data)
    directive.full_clean(exclude=["issuer_agency", "lead_agency", "issuing_unit", "created_by"])
    directive.save()
    directive.references.set(data.references)
    audit_event(AuditEvent.CREATE, actor, SUBJECT, directive.uid, directive.issuing_unit_id)
    return directive


@transaction.atomic
def directive_update(
    *, actor: User | None, directive: Directive, data: DirectiveData, expected_version: int
) -> Directive:
    locked = Directive.objects.select_for_update().get(pk=directive.pk)
    if locked.version != expected_version:
        raise StaleEditError
    _require_manage(actor, locked)
    _require_unit(actor, data.issuing_unit, data.lead_agency)
    _apply(locked, data)
    locked.full_clean(exclude=["issuer_agency", "lead_agency", "issuing_unit", "created_by"])
    locked.version += 1
    locked.save(update_fields=[*FIELDS, "version", "updated_at"])
    locked.references.set(data.references)
    audit_event(AuditEvent.UPDATE, actor, SUBJECT, locked.uid, locked.issuing_unit_id)
    return locked


@transaction.atomic
def clause_save(
    *,
    actor: User | None,
    directive: Directive,
    number: str,
    text: str,
    order: int,
    figure_keys: list[str],
    clause: DirectiveClause | None = None,
) -> DirectiveClause:
    """Add a clause, or change one (`clause`). Figure keys are stored expanded."""
    _require_manage(actor, directive)
    if clause is None:
        clause = DirectiveClause(directive=directive)
    clause.number = normalize_text(number)
    clause.text = long_text(text)
    clause.order = order
    clause.figure_keys = expand(figure_keys)
    if directive.clauses.filter(number=clause.number).exclude(pk=clause.pk).exists():
        raise ValidationError(
            _("Mục %(number)s đã có trong văn bản này.") % {"number": clause.number}
        )
    clause.full_clean(exclude=["directive"])
    clause.save()
    audit_event(
        AuditEvent.UPDATE,
        actor,
        SUBJECT,
        directive.uid,
        directive.issuing_unit_id,
        clause=clause.number,
    )
    return clause


@transaction.atomic
def assignment_add(
    *,
    actor: User | None,
    clause: DirectiveClause,
    agency: Agency,
    is_lead: bool = False,
    schedule: str = Schedule.SEMIANNUAL,
    starts_on: dt.date | None = None,
    deadline: dt.date | None = None,
    due_days: int = 10,
) -> ClauseAssignment:
    """Give a clause to an agency. Reporting starts when the directive takes effect, or when
    the agency came into being if later (a ward created on 01/07/2025)."""
    directive = clause.directive
    _require_manage(actor, directive)
    if clause.assignments.filter(agency=agency, active=True).exists():
        raise ValidationError({"agency": _("Nội dung này đã giao cho cơ quan này.")})
    if schedule == Schedule.ONE_OFF and deadline is None:
        raise ValidationError({"deadline": _("Giao một lần thì cần hạn hoàn thành.")})
    start = starts_on or max(d for d in (directive.effective_from, agency.valid_from) if d)
    assignment = ClauseAssignment(
        clause=clause,
        agency=agency,
        unit_path=agency.admin_unit.path,
        is_lead=is_lead,
        schedule=schedule,
        starts_on=start,
        deadline=deadline,
        due_days=due_days,
        created_by=actor,
    )
    assignment.full_clean(exclude=["clause", "agency", "created_by"])
    assignment.save()
    audit_event(
        AuditEvent.CREATE,
        actor,
        ASSIGNMENT_SUBJECT,
        assignment.uid,
        agency.admin_unit_id,
        directive=str(directive.uid),
        clause=clause.number,
        agency=agency.name,
    )
    return assignment


@transaction.atomic
def assignment_withdraw(*, actor: User | None, assignment: ClauseAssignment) -> ClauseAssignment:
    """Stop expecting reports from the agency; its reports stay."""
    _require_manage(actor, assignment.clause.directive)
    if assignment.active:
        assignment.active = False
        assignment.save(update_fields=["active", "updated_at"])
        audit_event(
            AuditEvent.UPDATE,
            actor,
            ASSIGNMENT_SUBJECT,
            assignment.uid,
            assignment.agency.admin_unit_id,
            active=False,
        )
    return assignment


def assignment_periods(assignment: ClauseAssignment, today: dt.date) -> list[Period]:
    return schedule_periods(
        assignment.schedule,
        starts_on=assignment.starts_on,
        deadline=assignment.deadline,
        due_days=assignment.due_days,
        until=today,
    )


def period_of(assignment: ClauseAssignment, start: dt.date, today: dt.date) -> Period | None:
    return next((p for p in assignment_periods(assignment, today) if p.start == start), None)


def _require_filer(actor: User, assignment: ClauseAssignment) -> None:
    if not any(
        g.agency_id == assignment.agency_id and Perm.DIRECTIVE_REPORT in g.perms
        for g in user_grants(actor)
    ):
        raise ValidationError(_("Bạn không báo cáo thay cho cơ quan này."))


@transaction.atomic
def report_save(
    *,
    actor: User | None,
    assignment: ClauseAssignment,
    period_start: dt.date,
    narrative: str,
    submit: bool,
    expected_version: int,
    submitted_at: dt.datetime | None = None,
) -> ProgressReport:
    """Save the agency's report for one period as a draft, or submit it.

    Submitting takes the snapshot of the figures and makes the report read-only. The
    assignment row is locked first, so two first saves of the same period cannot both create
    a report. `expected_version` is 0 for a report not yet saved; a report someone else saved
    meanwhile raises StaleEditError. Submitting again what was just submitted (a double
    click) returns the report unchanged. Actor None is the system entering a report received
    on paper (the demo loader), with the day it was received as `submitted_at`."""
    ClauseAssignment.objects.select_for_update().get(pk=assignment.pk)
    if actor is not None:
        _require_filer(actor, assignment)
    today = timezone.localdate()
    period = period_of(assignment, period_start, today)
    if period is None or not assignment.active:
        raise ValidationError(_("Kỳ báo cáo không hợp lệ."))
    text = long_text(narrative)
    report = ProgressReport.objects.filter(assignment=assignment, period_start=period.start).first()
    if report is not None and report.status == ReportStatus.SUBMITTED:
        if submit and report.narrative == text:
            return report
        raise ValidationError(_("Báo cáo kỳ này đã gửi, không sửa được nữa."))
    if (report.version if report else 0) != expected_version:
        raise StaleEditError
    if submit and not text:
        raise ValidationError({"narrative": _("Vui lòng ghi kết quả thực hiện trước khi gửi.")})
    created = report is None
    if report is None:
        report = ProgressReport(
            assignment=assignment,
            period_start=period.start,
            period_end=period.end,
            created_by=actor,
            version=0,
        )
    report.narrative = text
    report.version += 1
    if submit:
        report.status = ReportStatus.SUBMITTED
        report.submitted_by = actor
        report.submitted_at = (submitted_at if actor is None else None) or timezone.now()
        report.figures = unit_figures(
            assignment.agency.admin_unit, period.start, period.end, assignment.clause.figure_keys
        )
    report.full_clean(exclude=["assignment", "created_by", "submitted_by"])
    if created:
        report.save()
    else:
        report.save(update_fields=[*REPORT_FIELDS, "updated_at"])
    audit_event(
        AuditEvent.CREATE if created else AuditEvent.UPDATE,
        actor,
        REPORT_SUBJECT,
        report.uid,
        assignment.agency.admin_unit_id,
        assignment=str(assignment.uid),
        period=f"{period.start:%Y-%m-%d}",
        status=report.status,
    )
    return report
