from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from cpms.cases.tests.factories import make_case
from cpms.notifications.choices import NotificationKind
from cpms.notifications.models import Notification
from cpms.referrals.assignment import referral_take
from cpms.referrals.services import referral_accept

from .factories import send


def test_the_receiving_agency_hears_of_a_referral_and_the_sender_of_the_answer(world):
    case = make_case(world)
    police = world.personas["police"]
    worker = world.personas["worker"]
    with transaction.atomic():
        referral = send(world, case)
    sent = Notification.objects.get(kind=NotificationKind.REFERRAL_SENT)
    assert sent.recipient == police
    assert sent.url == f"/referrals/{referral.uid}/"
    assert case.child.full_name not in sent.title + sent.body
    referral = referral_take(actor=police, referral=referral, expected_version=1)
    referral_accept(actor=police, referral=referral, expected_version=2)
    answered = Notification.objects.get(kind=NotificationKind.REFERRAL_ANSWERED)
    assert answered.recipient == worker
    assert "Đã tiếp nhận" in answered.title
    assert not any(case.child.full_name in f"{m.subject} {m.body}" for m in mail.outbox)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_referral_rolled_back_notifies_nobody(world):
    case = make_case(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        send(world, case)
        raise RuntimeError
    assert not Notification.objects.exists()
    assert mail.outbox == []
