"""The daily digest: one e-mail per user and day, each notification e-mailed once."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone
from procrastinate.contrib.django import app

from cpms.notifications.choices import EMAIL, DeliveryState, EmailMode, KindGroup
from cpms.notifications.digest import digest_sweep
from cpms.notifications.models import Delivery, DigestRun
from cpms.notifications.services import notification_open, preferences_update

from .factories import make_notification, reachable

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, tzinfo=VN)


def digest_user(world):
    worker = reachable(world.personas["worker"])
    preferences_update(actor=worker, values={KindGroup.ALL: (EmailMode.DIGEST, {})})
    return worker


def test_it_sends_one_digest_per_user_and_day(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    worker = digest_user(world)
    reachable(world.personas["leader"])  # immediate mode: never in a digest
    with time_machine.travel(at(1, 15), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            make_notification(worker, title="Việc thứ nhất")
            make_notification(worker, title="Việc thứ hai")
            read = make_notification(worker, title="Đã xem rồi")
            make_notification(world.personas["leader"], title="Gửi ngay")
        notification_open(notification=read)
    assert [m.to for m in mailoutbox] == [["leader@example.vn"]]
    with time_machine.travel(at(2, 7), tick=False):
        assert digest_sweep() == 1
        assert digest_sweep() == 0  # the same day: claimed already
    digest = mailoutbox[1]
    assert digest.to == ["worker@example.vn"]
    assert digest.subject == "Tổng hợp thông báo ngày 02/03/2027 (2)"
    assert "Việc thứ nhất" in digest.body and "Việc thứ hai" in digest.body
    assert "Đã xem rồi" not in digest.body
    assert "Hạn: 05/03/2027" not in digest.body  # bodies stay in the app
    run = DigestRun.objects.get()
    assert (run.user, run.day, run.count) == (worker, dt.date(2027, 3, 2), 2)
    assert set(Delivery.objects.filter(digest=run).values_list("channel", "state")) == {
        (EMAIL, DeliveryState.SENT)
    }

    with time_machine.travel(at(3, 7), tick=False):
        assert digest_sweep() == 0  # nothing new: no e-mail, no row
        with django_capture_on_commit_callbacks(execute=True):
            make_notification(worker, title="Việc thứ ba")
    with time_machine.travel(at(4, 7), tick=False):
        assert digest_sweep() == 1
    assert len(mailoutbox) == 3
    assert "Việc thứ ba" in mailoutbox[2].body and "Việc thứ nhất" not in mailoutbox[2].body
    assert DigestRun.objects.count() == 2


def test_it_runs_the_digest_at_seven_in_the_morning_vietnam_time():
    app.perform_import_paths()
    periodic = {t.periodic_id: t for t in app.periodic_registry.periodic_tasks.values()}
    cron = periodic["notifications-daily-digest"].croniter
    start = dt.datetime(2027, 3, 1, 12, tzinfo=VN).timestamp()
    next_run = dt.datetime.fromtimestamp(cron.get_next(float, start), tz=dt.UTC)
    assert timezone.localtime(next_run, VN) == dt.datetime(2027, 3, 2, 7, tzinfo=VN)
