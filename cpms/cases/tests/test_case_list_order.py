"""The case list, read in two parts (selectors_list.py), keeps the one order: overdue first,
then by the nearest open clock, then the cases without an open clock, newest first."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from cpms.cases.models import CaseDeadline
from cpms.cases.tests.factories import make_case
from cpms.core import paging


def _rows(response):
    return [(c.pk, c.next_due, c.is_overdue) for c in response.context["page"]]


def test_the_list_orders_by_the_nearest_open_clock_then_the_newest(world, client_for, monkeypatch):
    now = timezone.now()
    late, soon, later, no_clock, older_no_clock = (make_case(world) for _ in range(5))
    for case, due in ((late, now - dt.timedelta(days=2)), (soon, now + dt.timedelta(days=1)),
                      (later, now + dt.timedelta(days=3))):  # fmt: skip
        clocks = CaseDeadline.objects.filter(case=case, met_at=None, cancelled_at=None)
        clocks.update(due_at=due + dt.timedelta(days=5))
        clocks.filter(pk=clocks.order_by("pk")[0].pk).update(due_at=due)  # the nearest
    for case in (no_clock, older_no_clock):
        CaseDeadline.objects.filter(case=case).update(met_at=now)
    older_no_clock.received_at = now - dt.timedelta(days=30)
    older_no_clock.save(update_fields=["received_at"])
    client = client_for("worker")
    rows = _rows(client.get(reverse("cases:list")))
    nearest = {c.pk: CaseDeadline.objects.filter(case=c, met_at=None).order_by("due_at")[0].due_at
               for c in (late, soon, later)}  # fmt: skip
    assert rows == [
        (late.pk, nearest[late.pk], True),
        (soon.pk, nearest[soon.pk], False),
        (later.pk, nearest[later.pk], False),
        (no_clock.pk, None, False),
        (older_no_clock.pk, None, False),
    ]
    assert _rows(client.get(reverse("cases:list"), {"overdue": "1"})) == [rows[0]]
    monkeypatch.setattr(paging, "COUNT_CAP", 2)  # more rows than the cap: the first two only
    capped = client.get(reverse("cases:list"))
    assert _rows(capped) == rows[:2]
    assert capped.context["page"].paginator.capped
