from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from cpms.cases.tests.factories import make_case
from cpms.transfers.models import CaseTransfer
from cpms.transfers.tests.factories import transfer_to_b

EDIT_PAGES = ("cases:note-add", "cases:task-add")


def test_the_new_commune_sees_the_case_at_once(world, client_for):
    case = make_case(world)
    detail = reverse("cases:detail", kwargs={"uid": case.uid})
    assert client_for("outsider").get(detail).status_code == 404
    transfer_to_b(world, case)
    client = client_for("outsider")
    assert client.get(detail).status_code == 200
    listing = client.get(reverse("cases:list"))
    assert case in list(listing.context["page"].object_list)
    assert client.get(reverse("children:detail", kwargs={"uid": case.child.uid})).status_code == 200
    assert (
        client.post(reverse("cases:note-add", kwargs={"uid": case.uid}), {"text": "x"}).status_code
        == 302
    )


def test_the_old_commune_reads_only_until_the_recorded_time_then_404(world, client_for):
    case = make_case(world)
    until = timezone.now() + dt.timedelta(days=2)
    transfer_to_b(world, case, from_access_until=until)
    detail = reverse("cases:detail", kwargs={"uid": case.uid})
    worker = client_for("worker")
    page = worker.get(detail)
    assert page.status_code == 200
    assert "Xã Bình Đông" in page.content.decode()
    for name in EDIT_PAGES:
        assert worker.post(reverse(name, kwargs={"uid": case.uid}), {}).status_code == 403, name
    assert worker.get(reverse("transfers:new", kwargs={"case_uid": case.uid})).status_code == 403
    assert worker.get(reverse("conferences:add", kwargs={"case_uid": case.uid})).status_code == 403
    assert case not in list(worker.get(reverse("cases:list")).context["page"].object_list)
    with time_machine.travel(until + dt.timedelta(seconds=1)):
        assert client_for("worker").get(detail).status_code == 404
        assert client_for("outsider").get(detail).status_code == 200


def test_the_read_only_window_follows_each_transfer(world, client_for):
    case = make_case(world)
    transfer_to_b(world, case)
    case.refresh_from_db()
    transfer_to_b(
        world,
        case,
        actor=world.personas["outsider"],
        to_commune=world.commune_a,
        from_access_until=timezone.now() + dt.timedelta(hours=1),
    )
    detail = reverse("cases:detail", kwargs={"uid": case.uid})
    assert client_for("worker").get(detail).status_code == 200
    assert client_for("outsider").get(detail).status_code == 200
    assert (
        client_for("outsider")
        .post(reverse("cases:note-add", kwargs={"uid": case.uid}), {"text": "x"})
        .status_code
        == 403
    )
    assert CaseTransfer.objects.filter(case=case).count() == 2


def test_roles_without_case_view_gain_nothing(world, client_for):
    case = make_case(world)
    transfer_to_b(world, case)
    detail = reverse("cases:detail", kwargs={"uid": case.uid})
    assert client_for("collaborator").get(detail).status_code in (403, 404)
    assert client_for("police").get(detail).status_code == 404
