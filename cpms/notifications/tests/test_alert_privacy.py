"""The deadline and referral alerts go through notifications, without the child's name."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cpms.cases.alerts import deadline_sweep
from cpms.cases.models import CaseDeadline
from cpms.cases.tests.factories import make_case
from cpms.notifications.choices import EmailMode, KindGroup, NotificationKind
from cpms.notifications.models import Notification
from cpms.notifications.services import preferences_update

from .factories import lines, reachable

CHILD = "Hồ Thị Bí Mật"


def test_deadline_alerts_carry_no_child_name_outside_or_inside_the_app(
    world, mailoutbox, message_dir, django_capture_on_commit_callbacks
):
    for name in ("worker", "leader"):
        user = reachable(world.personas[name], phone="0905000111")
        preferences_update(actor=user, values={KindGroup.ALL: (EmailMode.IMMEDIATE, {"sms": True})})
    case = make_case(world)
    case.child.full_name = CHILD
    case.child.save(update_fields=["full_name"])
    deadlines = CaseDeadline.objects.filter(case=case, met_at=None, cancelled_at=None)
    assert deadlines.exists()
    later = max(d.escalate_at for d in deadlines) + dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_sweep(now=later) >= 1
    assert deadline_sweep(now=later) == 0
    rows = Notification.objects.filter(kind=NotificationKind.DEADLINE_ESCALATION)
    assert {n.recipient.username for n in rows} >= {"worker", "leader"}
    assert {n.url for n in rows} == {reverse("cases:detail", args=[case.uid])}
    assert mailoutbox and lines(message_dir, "sms")
    outside = [m.subject + m.body for m in mailoutbox] + [
        x["text"] for x in lines(message_dir, "sms")
    ]
    inside = [n.title + n.body for n in Notification.objects.all()]
    for text in outside + inside:
        assert CHILD not in text and "Hồ Thị" not in text
    assert all(f"http://localhost:8000/cases/{case.uid}/" in text for text in outside)
    first = rows.first()
    assert first is not None and first.body and first.body not in "".join(outside)
