from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cpms.accountability.choices import EntryKind, EntrySource, EntryStatus
from cpms.accountability.models import AccountabilityEntry
from cpms.accountability.proposals import _propose, propose_from_overdue_deadlines
from cpms.accountability.tasks import propose_task
from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.models import CaseDeadline, DeadlineRule
from cpms.cases.tests.factories import make_case


def _open(case):
    return CaseDeadline.objects.filter(case=case, met_at=None, cancelled_at=None)


def test_it_proposes_one_entry_per_overdue_legal_clock_however_often_it_runs(world):
    case = make_case(world)
    clock = _open(case).get(rule__code="initial_assessment")
    later = clock.escalate_at + dt.timedelta(minutes=1)
    overdue = _open(case).filter(escalate_at__lte=later).count()
    assert overdue >= 1

    assert propose_from_overdue_deadlines(later) == overdue
    assert propose_from_overdue_deadlines(later) == 0
    assert AccountabilityEntry.objects.count() == overdue

    entry = AccountabilityEntry.objects.get(deadline=clock)
    assert entry.kind == EntryKind.LATE_HANDLING
    assert (entry.status, entry.source) == (EntryStatus.PROPOSED, EntrySource.DEADLINE)
    assert (entry.case, entry.commune) == (case, world.commune_a)
    assert entry.person == world.personas["worker"]  # the case's assignee
    assert entry.agency == world.pc_a
    assert entry.proposed_by is None and entry.proposed_at == later
    assert clock.rule.name in entry.description
    codes = set(entry.legal_references.values_list("code", flat=True))
    assert codes == {"decree_56_2017_art26_30"}
    audit = AuditLog.objects.get(subject_type="accountability.entry", subject_id=str(entry.uid))
    assert audit.event_type == AuditEvent.CREATE and audit.actor_id is None
    assert audit.extra_data["rule"] == "initial_assessment"


def test_it_waits_for_the_escalation_time(world):
    case = make_case(world)
    first = _open(case).order_by("escalate_at").first()
    assert propose_from_overdue_deadlines(first.escalate_at - dt.timedelta(seconds=1)) == 0
    assert not AccountabilityEntry.objects.exists()


def test_it_skips_met_and_cancelled_clocks(world):
    case = make_case(world)
    a, b = _open(case).order_by("due_at")[:2]
    later = max(a.escalate_at, b.escalate_at) + dt.timedelta(days=1)
    CaseDeadline.objects.filter(pk=a.pk).update(met_at=timezone.now())
    CaseDeadline.objects.filter(pk=b.pk).update(
        cancelled_at=timezone.now(), cancel_reason="superseded"
    )
    assert (
        propose_from_overdue_deadlines(later) == _open(case).filter(escalate_at__lte=later).count()
    )
    assert not AccountabilityEntry.objects.filter(deadline__in=[a, b]).exists()


def test_it_skips_clocks_whose_rule_cites_no_legal_basis(world):
    case = make_case(world)
    a, b = _open(case).order_by("due_at")[:2]
    later = max(a.escalate_at, b.escalate_at) + dt.timedelta(days=1)
    DeadlineRule.objects.filter(pk=a.rule_id).update(legal_basis="")
    propose_from_overdue_deadlines(later)
    assert not AccountabilityEntry.objects.filter(deadline=a).exists()
    assert AccountabilityEntry.objects.filter(deadline=b).exists()


def test_a_second_claim_of_the_same_clock_fails_quietly(world):
    case = make_case(world)
    clock = _open(case).get(rule__code="initial_assessment")
    now = clock.escalate_at + dt.timedelta(hours=1)
    assert _propose(clock.pk, now, []) is True
    assert _propose(clock.pk, now, []) is False  # the unique deadline refused the insert
    assert AccountabilityEntry.objects.filter(deadline=clock).count() == 1


def test_the_periodic_task_runs_the_sweep(world):
    case = make_case(world)
    CaseDeadline.objects.filter(case=case).update(
        due_at=timezone.now() - dt.timedelta(days=3),
        escalate_at=timezone.now() - dt.timedelta(days=3),
    )
    propose_task(timestamp=0)
    assert AccountabilityEntry.objects.filter(case=case).count() == _open(case).count()


def test_the_chairman_and_officer_hear_of_each_proposal_once(world):
    from cpms.notifications.choices import NotificationKind
    from cpms.notifications.models import Notification

    case = make_case(world)
    clock = _open(case).get(rule__code="initial_assessment")
    later = clock.escalate_at + dt.timedelta(minutes=1)
    proposed = propose_from_overdue_deadlines(later)
    propose_from_overdue_deadlines(later)
    notices = Notification.objects.filter(kind=NotificationKind.ACCOUNTABILITY_PROPOSED)
    recipients = {n.recipient.username for n in notices}
    assert recipients == {world.personas["leader"].username, world.personas["officer"].username}
    assert notices.count() == 2 * proposed
    assert all(case.child.full_name not in n.title for n in notices)
