"""Pluggable channels: the file channel's lines, and a failing channel retried once."""

from __future__ import annotations

import pytest

from cpms.notifications.choices import DeliveryState, EmailMode, KindGroup
from cpms.notifications.models import Delivery
from cpms.notifications.services import preferences_update
from cpms.notifications.tasks import DeliveryFailed, deliver_task

from .factories import lines, make_notification, reachable


class FlakyChannel:
    """Fails on its first message, then records what it sends."""

    sent: list[tuple[str, str]] = []
    failures_left = 0

    def __init__(self, *, name: str) -> None:
        self.name = name
        self.label = name

    def send(self, address: str, text: str) -> None:
        if FlakyChannel.failures_left:
            FlakyChannel.failures_left -= 1
            raise OSError("gateway down")
        FlakyChannel.sent.append((address, text))


def test_the_file_channel_writes_one_json_line_without_the_body(
    world, message_dir, django_capture_on_commit_callbacks
):
    worker = reachable(world.personas["worker"], phone="0905000111")
    preferences_update(
        actor=worker, values={KindGroup.ALL: (EmailMode.OFF, {"sms": True, "zalo": False})}
    )
    with django_capture_on_commit_callbacks(execute=True):
        row = make_notification(worker, body="Chi tiết chỉ xem trong hệ thống", url="/cases/")
    [line] = lines(message_dir, "sms")
    assert line["channel"] == "sms"
    assert line["to"] == "0905000111"
    assert line["text"] == "Được giao việc: Bạn được giao một việc http://localhost:8000/cases/"
    assert "Chi tiết" not in line["text"]
    assert lines(message_dir, "zalo") == []
    assert Delivery.objects.get().notification == row


def test_it_needs_a_phone_number_for_messages(
    world, message_dir, django_capture_on_commit_callbacks
):
    worker = reachable(world.personas["worker"], phone="")
    preferences_update(actor=worker, values={KindGroup.ALL: (EmailMode.OFF, {"sms": True})})
    with django_capture_on_commit_callbacks(execute=True):
        make_notification(worker)
    assert lines(message_dir, "sms") == []
    assert Delivery.objects.count() == 0


def test_a_failed_send_is_retried_and_then_sent_once(
    world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CPMS_NOTIFICATION_CHANNELS = {"sms": f"{__name__}.FlakyChannel"}
    settings.CPMS_NOTIFICATIONS_INLINE = False
    FlakyChannel.sent, FlakyChannel.failures_left = [], 1
    worker = reachable(world.personas["worker"], phone="0905000111")
    preferences_update(actor=worker, values={KindGroup.ALL: (EmailMode.IMMEDIATE, {"sms": True})})
    with django_capture_on_commit_callbacks(execute=True):
        row = make_notification(worker)
    with pytest.raises(DeliveryFailed):
        deliver_task(notification_ids=[row.pk])  # the worker retries a failed job
    failed = Delivery.objects.get(channel="sms")
    assert (failed.state, failed.error) == (DeliveryState.FAILED, "gateway down")
    deliver_task(notification_ids=[row.pk])
    deliver_task(notification_ids=[row.pk])
    assert FlakyChannel.sent == [("0905000111", FlakyChannel.sent[0][1])]
    assert len(mailoutbox) == 1  # the e-mail went out on the first run, not again
    sms = Delivery.objects.get(channel="sms")
    assert (sms.state, sms.attempts, sms.error) == (DeliveryState.SENT, 2, "")
