"""notify(): rows in the caller's transaction, delivery after commit, once per channel."""

from __future__ import annotations

import pytest
from django.db import transaction
from procrastinate.contrib.django.models import ProcrastinateJob

from cpms.notifications.choices import EMAIL, DeliveryState, EmailMode, KindGroup
from cpms.notifications.delivery import deliver_notifications
from cpms.notifications.models import Delivery, Notification
from cpms.notifications.services import notify, preferences_update
from cpms.notifications.tasks import deliver_task

from .factories import lines, make_notification, reachable


def sms_on(user):
    preferences_update(
        actor=user, values={KindGroup.ALL: (EmailMode.IMMEDIATE, {"sms": True, "zalo": True})}
    )


def test_it_delivers_once_on_each_chosen_channel_after_commit(
    world, mailoutbox, message_dir, django_capture_on_commit_callbacks
):
    worker = reachable(world.personas["worker"], phone="0905000111")
    sms_on(worker)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        row = make_notification(worker)
        assert mailoutbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert Notification.objects.get() == row and row.read_at is None
    assert [m.to for m in mailoutbox] == [["worker@example.vn"]]
    assert [x["to"] for x in lines(message_dir, "sms")] == ["0905000111"]
    assert [x["to"] for x in lines(message_dir, "zalo")] == ["0905000111"]
    assert set(Delivery.objects.values_list("channel", "state")) == {
        (EMAIL, DeliveryState.SENT),
        ("sms", DeliveryState.SENT),
        ("zalo", DeliveryState.SENT),
    }


def test_it_sends_nothing_more_when_the_delivery_runs_again(
    world, mailoutbox, message_dir, django_capture_on_commit_callbacks
):
    worker = reachable(world.personas["worker"], phone="0905000111")
    sms_on(worker)
    with django_capture_on_commit_callbacks(execute=True):
        row = make_notification(worker)
    assert deliver_notifications([row.pk]) == 0
    deliver_task(notification_ids=[row.pk])  # a retried job
    assert len(mailoutbox) == 1
    assert len(lines(message_dir, "sms")) == 1
    assert Delivery.objects.count() == 3


def test_it_sends_and_keeps_nothing_when_the_transaction_rolls_back(
    world, mailoutbox, message_dir, django_capture_on_commit_callbacks
):
    worker = reachable(world.personas["worker"], phone="0905000111")
    sms_on(worker)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        make_notification(worker)
        raise RuntimeError("the change failed")
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert Delivery.objects.count() == 0
    assert mailoutbox == []
    assert lines(message_dir, "sms") == []


def test_it_queues_the_task_after_commit_when_not_inline(
    world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CPMS_NOTIFICATIONS_INLINE = False
    worker = reachable(world.personas["worker"])
    with django_capture_on_commit_callbacks(execute=True):
        row = make_notification(worker)
        assert ProcrastinateJob.objects.count() == 0
    job = ProcrastinateJob.objects.get()
    assert job.task_name == "notifications.deliver"
    assert job.args == {"notification_ids": [row.pk]}
    assert mailoutbox == []  # the worker sends it
    deliver_task(**job.args)
    deliver_task(**job.args)
    assert len(mailoutbox) == 1


def test_it_creates_one_row_per_recipient_and_key(world, django_capture_on_commit_callbacks):
    worker, leader = world.personas["worker"], world.personas["leader"]
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(
            recipients=[worker, leader, worker], kind="other", title="A", dedupe_key="k1"
        )
        again = notify(recipients=[worker, leader], kind="other", title="A", dedupe_key="k1")
    assert len(first) == 2
    assert again == []
    assert Notification.objects.count() == 2


def test_it_skips_inactive_users_and_refuses_unknown_kinds(world):
    worker = world.personas["worker"]
    worker.is_active = False
    worker.save(update_fields=["is_active"])
    assert notify(recipients=[worker], kind="other", title="A") == []
    with pytest.raises(ValueError):
        notify(recipients=[world.personas["leader"]], kind="gossip", title="A")
    assert Notification.objects.count() == 0


def test_it_leaves_digest_mode_email_for_the_digest(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    worker = reachable(world.personas["worker"])
    preferences_update(
        actor=worker,
        values={
            KindGroup.ALL: (EmailMode.IMMEDIATE, {}),
            KindGroup.CASES: (EmailMode.DIGEST, {}),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_notification(worker)  # task_assigned: the "cases" group
        make_notification(worker, kind="referral_sent")
    assert [m.subject for m in mailoutbox] == ["Chuyển gửi mới: Bạn được giao một việc"]
    assert Delivery.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_sends_only_after_a_real_commit_and_nothing_after_a_rollback(world, mailoutbox):
    worker = reachable(world.personas["worker"])
    with pytest.raises(RuntimeError), transaction.atomic():
        make_notification(worker, title="Rolled back")
        raise RuntimeError
    assert Notification.objects.count() == 0
    assert mailoutbox == []
    with transaction.atomic():
        make_notification(worker, title="Committed")
        assert mailoutbox == []
    assert [m.subject for m in mailoutbox] == ["Được giao việc: Committed"]
    deliver_notifications(list(Notification.objects.values_list("pk", flat=True)))
    assert len(mailoutbox) == 1
