from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.cases.tests.factories import make_case
from cpms.referrals.alerts import referral_escalation_sweep
from cpms.referrals.models import ReferralEscalation
from cpms.referrals.selectors import referrals_overdue
from cpms.referrals.services import referral_accept, referral_complete, referral_start

from .factories import send


def test_an_open_referral_past_its_due_date_is_overdue_and_escalated_once(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    worker = world.personas["worker"]
    worker.email = "worker@example.org"
    worker.save(update_fields=["email"])
    due = timezone.localdate() + dt.timedelta(days=2)
    late = send(world, make_case(world), due_on=due)
    done = send(world, make_case(world), due_on=due)
    police = world.personas["police"]
    done = referral_accept(actor=police, referral=done, expected_version=1)
    done = referral_start(actor=police, referral=done, expected_version=2)
    referral_complete(actor=police, referral=done, expected_version=3)
    assert not late.is_overdue
    assert list(referrals_overdue()) == []
    with time_machine.travel(timezone.now() + dt.timedelta(days=3)):
        late.refresh_from_db()
        assert late.is_overdue
        assert list(referrals_overdue()) == [late]
        with django_capture_on_commit_callbacks(execute=True):
            assert referral_escalation_sweep() == 1
            assert referral_escalation_sweep() == 0
    assert ReferralEscalation.objects.get().referral == late
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["worker@example.org"]
    assert AuditLog.objects.filter(
        subject_id=str(late.uid), extra_data__alert="escalation"
    ).exists()
