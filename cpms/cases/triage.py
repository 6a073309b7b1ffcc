"""Triage of a report: per child, open a case, join an open case, or record why no case."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.intake.choices import ReportStatus, TriageOutcome
from cpms.intake.models import Report, ReportChild
from cpms.intake.services import StaleEditError, audit_report

from .choices import CaseState
from .models import Case
from .services import case_link_report, case_open
from .text import normalize_paragraphs


@dataclass
class TriageDecision:
    row: ReportChild
    outcome: str
    reason: str = ""


@transaction.atomic
def report_triage(
    *, actor: User, report: Report, decisions: list[TriageDecision], expected_version: int
) -> list[Case]:
    locked = (
        Report.objects.select_for_update(of=("self",)).select_related("commune").get(pk=report.pk)
    )
    if locked.version != expected_version:
        raise StaleEditError
    cases: list[Case] = []
    for decision in decisions:
        row = (
            ReportChild.objects.select_for_update(of=("self",))
            .select_related("child")
            .get(pk=decision.row.pk, report=locked)
        )
        if row.outcome:
            continue
        if decision.outcome == TriageOutcome.NO_CASE:
            row.no_case_reason = normalize_paragraphs(decision.reason)
            if not row.no_case_reason:
                raise ValidationError(_("Ghi lý do không cần mở trường hợp."))
        elif row.child is None:
            raise ValidationError(
                _("Hãy tìm hoặc thêm trẻ vào sổ theo dõi trước khi mở trường hợp.")
            )
        elif decision.outcome == TriageOutcome.CASE_OPENED:
            row.case = case_open(
                actor=actor,
                child=row.child,
                commune=locked.commune,
                received_at=locked.received_at,
                emergency=locked.immediate_danger,
            )
        else:
            open_case = Case.objects.filter(child=row.child).exclude(state=CaseState.CLOSED).first()
            if open_case is None:
                raise ValidationError(_("Trẻ này không có trường hợp đang mở để gắn vào."))
            row.case = case_link_report(
                actor=actor,
                case=open_case,
                emergency=locked.immediate_danger,
                report_uid=str(locked.uid),
            )
        row.outcome = decision.outcome
        row.save(update_fields=["outcome", "no_case_reason", "case", "updated_at"])
        if row.case is not None:
            cases.append(row.case)
    if not locked.children.filter(outcome="").exists():
        locked.status = ReportStatus.TRIAGED
        locked.triaged_at = timezone.now()
        locked.triaged_by = actor
    locked.version += 1
    locked.save(update_fields=["status", "triaged_at", "triaged_by", "version", "updated_at"])
    audit_report(
        event=AuditEvent.UPDATE,
        actor=actor,
        report=locked,
        extra={"triage": {str(d.row.uid): d.outcome for d in decisions}},
    )
    return cases
