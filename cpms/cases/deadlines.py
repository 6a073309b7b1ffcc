"""Legal clocks of a case: computed from the DeadlineRule table and the working-day calendar.

`deadlines_refresh` runs after every step: it stops the clocks the step completes, replaces
clocks whose starting point moved (a separation extended, a new plan) and starts the clocks
whose starting point now exists. A clock never silently stops: it ends met, or cancelled with
a reason (case closed, superseded), and stays listed as overdue until then.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.utils import timezone

from cpms.workdays.calendar import VN_TZ, deadline_after_working_days

from .choices import AppliesWhen, CaseState, DurationUnit, StartEvent
from .models import Case, CaseDeadline, DeadlineRule, Plan, SeparationDecision


def due_at(rule: DeadlineRule, anchor: dt.datetime) -> dt.datetime:
    """When the period of `rule` counted from `anchor` ends (Civil Code: day periods start the
    next day and end at the end of their last day)."""
    if rule.unit == DurationUnit.HOURS:
        return anchor + dt.timedelta(hours=rule.amount)
    if rule.unit == DurationUnit.WORKING_DAYS:
        return deadline_after_working_days(anchor, rule.amount)
    day = anchor.astimezone(VN_TZ).date() + dt.timedelta(days=rule.amount)
    return dt.datetime.combine(day, dt.time.max, tzinfo=VN_TZ)


def _anchor(case: Case, rule: DeadlineRule) -> dt.datetime | None:
    if rule.applies_when == AppliesWhen.EMERGENCY and not case.emergency:
        return None
    if rule.start_event == StartEvent.RECEIVED:
        return case.received_at
    if rule.start_event == StartEvent.PLAN_DRAFTED:
        plan = Plan.objects.filter(case=case, approved_at=None).order_by("-number").first()
        return plan.drafted_at if plan and case.state == CaseState.PLAN_DRAFTED else None
    if rule.start_event == StartEvent.PLAN_PERIOD_END:
        if case.state not in (CaseState.PLAN_APPROVED, CaseState.IN_PROGRESS):
            return None
        plan = Plan.objects.filter(case=case).exclude(approved_at=None).order_by("-number").first()
        return dt.datetime.combine(plan.ends_on, dt.time.min, tzinfo=VN_TZ) if plan else None
    if rule.start_event == StartEvent.SEPARATION_END:
        sep = SeparationDecision.objects.filter(case=case, ended_at=None).order_by("-pk").first()
        return sep.ends_at if sep else None
    return None


def deadlines_refresh(*, case: Case, at: dt.datetime, step: str) -> None:
    """Bring the case's clocks up to date after `step` (a transition code, "open", or a
    separation action)."""
    open_rows = list(
        CaseDeadline.objects.select_related("rule").filter(
            case=case, met_at=None, cancelled_at=None
        )
    )
    for row in open_rows:
        if step in row.rule.stop_steps:
            row.met_at = at
            row.save(update_fields=["met_at", "updated_at"])
    still_open = [r for r in open_rows if r.met_at is None]
    if case.state == CaseState.CLOSED:
        _cancel(still_open, at, "case_closed")
        return
    existing = set(CaseDeadline.objects.filter(case=case).values_list("rule_id", "starts_at"))
    for rule in DeadlineRule.objects.filter(active=True).order_by("pk"):
        anchor = _anchor(case, rule)
        _cancel(
            [r for r in still_open if r.rule_id == rule.pk and r.starts_at != anchor],
            at,
            "superseded",
        )
        if anchor is None or (rule.pk, anchor) in existing:
            continue
        due = due_at(rule, anchor)
        CaseDeadline.objects.create(
            case=case,
            rule=rule,
            starts_at=anchor,
            due_at=due,
            remind_at=due - dt.timedelta(hours=rule.remind_before_hours),
            escalate_at=due + dt.timedelta(hours=rule.escalate_after_hours),
        )


def _cancel(rows: list[CaseDeadline], at: dt.datetime, reason: str) -> None:
    for row in rows:
        row.cancelled_at = at
        row.cancel_reason = reason
        row.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])


class DeadlineStatus(StrEnum):
    DUE = "due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"
    CANCELLED = "cancelled"


def deadline_status(row: CaseDeadline, now: dt.datetime | None = None) -> DeadlineStatus:
    now = now or timezone.now()
    if row.cancelled_at is not None:
        return DeadlineStatus.CANCELLED
    if row.met_at is not None:
        return DeadlineStatus.MET if row.met_at <= row.due_at else DeadlineStatus.MET_LATE
    if now > row.due_at:
        return DeadlineStatus.OVERDUE
    return DeadlineStatus.DUE_SOON if now >= row.remind_at else DeadlineStatus.DUE
