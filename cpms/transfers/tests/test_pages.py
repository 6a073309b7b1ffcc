from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cpms.cases.tests.factories import make_case
from cpms.transfers.models import CaseTransfer
from cpms.transfers.tests.factories import transfer_to_b


def _data(world, case, **overrides):
    data = {
        "to_commune": str(world.commune_b.pk),
        "moved_on": (timezone.localdate() - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
        "reason": "Chuyển về ở với bà ngoại",
        "address": "",
        "from_access_until": "",
        "version": str(case.version),
    }
    data.update(overrides)
    return data


def test_it_asks_for_confirmation_before_transferring(world, client_for):
    case = make_case(world)
    url = reverse("transfers:new", kwargs={"case_uid": case.uid})
    client = client_for("worker")
    form = client.get(url)
    assert form.status_code == 200
    assert "Xã Bình Đông" in form.content.decode()
    confirm = client.post(url, _data(world, case))
    assert confirm.status_code == 200
    assert 'data-testid="transfer-confirm"' in confirm.content.decode()
    assert not CaseTransfer.objects.exists()
    done = client.post(url, _data(world, case, confirmed="on"))
    assert done.status_code == 302
    assert done["Location"] == reverse("cases:detail", kwargs={"uid": case.uid})
    transfer = CaseTransfer.objects.get(case=case)
    assert transfer.to_commune == world.commune_b
    assert transfer.transferred_by == world.personas["worker"]


def test_it_answers_409_to_a_stale_version(world, client_for):
    case = make_case(world)
    stale = _data(world, case, confirmed="on")
    case.refresh_from_db()
    transfer_to_b(world, case, to_commune=world.commune_b)
    # The case now belongs to commune B; its worker submits the form read before the move.
    url = reverse("transfers:new", kwargs={"case_uid": case.uid})
    response = client_for("outsider").post(url, {**stale, "to_commune": str(world.commune_a.pk)})
    assert response.status_code == 409
    assert CaseTransfer.objects.count() == 1


def test_it_shows_errors_for_invalid_input(world, client_for):
    case = make_case(world)
    url = reverse("transfers:new", kwargs={"case_uid": case.uid})
    future = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    response = client_for("worker").post(url, _data(world, case, moved_on=future, confirmed="on"))
    assert response.status_code == 200
    assert response.context["form"].errors["moved_on"]
    assert not CaseTransfer.objects.exists()
    other = client_for("worker").post(url, _data(world, case, to_commune=str(world.commune_a.pk)))
    assert other.context["form"].errors["to_commune"]


def test_it_hides_the_page_from_another_commune_and_refuses_readers(world, client_for):
    case = make_case(world)
    url = reverse("transfers:new", kwargs={"case_uid": case.uid})
    assert client_for("outsider").post(url, _data(world, case, confirmed="on")).status_code == 404
    assert client_for("officer").post(url, _data(world, case, confirmed="on")).status_code == 403
    assert client_for("worker").put(url).status_code == 405
    assert not CaseTransfer.objects.exists()


def test_the_history_on_the_case_page_costs_fixed_queries(world, client_for):
    case = make_case(world)
    transfer_to_b(world, case)
    url = reverse("cases:detail", kwargs={"uid": case.uid})
    client = client_for("outsider")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    case.refresh_from_db()
    transfer_to_b(world, case, actor=world.personas["outsider"], to_commune=world.commune_a)
    case.refresh_from_db()
    transfer_to_b(world, case, to_commune=world.commune_b)
    with CaptureQueriesContext(connection) as three:
        page = client.get(url)
    assert page.content.decode().count("→") >= 3
    assert len(three) == len(one)


def test_the_list_shows_outgoing_cases_while_readable_and_incoming_ones(
    world, client_for, django_assert_max_num_queries
):
    case = make_case(world)
    until = timezone.now() + dt.timedelta(days=1)
    transfer_to_b(world, case, from_access_until=until)
    url = reverse("transfers:list")
    worker = client_for("worker")
    with django_assert_max_num_queries(10):
        outgoing = worker.get(url)
    assert [t.case for t in outgoing.context["page"].object_list] == [case]
    incoming = client_for("outsider").get(url, {"direction": "in"})
    assert [t.case for t in incoming.context["page"].object_list] == [case]
    assert list(client_for("outsider").get(url).context["page"].object_list) == []
    with time_machine.travel(until + dt.timedelta(seconds=1)):
        later = client_for("worker").get(url)
        assert list(later.context["page"].object_list) == []
        assert case.child.full_name not in later.content.decode()
