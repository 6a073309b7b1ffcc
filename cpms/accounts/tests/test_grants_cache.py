"""Grants are cached across requests, and any change they rest on shows on the next request."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cpms.accounts.models import Agency, Membership
from cpms.accounts.permissions import Role
from cpms.accounts.scope import user_grants
from cpms.accounts.services import membership_grant
from cpms.cases.tests.factories import make_case
from cpms.geography.models import AdminUnit, AdminUnitSuccession, SuccessionKind, UnitLevel
from cpms.geography.services import succession_record, unit_create
from cpms.testing import fill_reference_data


@pytest.fixture(autouse=True)
def reference_data(db: None) -> None:
    fill_reference_data()


def _statements(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return status, [q["sql"] for q in queries]


def _membership_reads(sqls: list[str]) -> int:
    return sum('FROM "accounts_membership"' in sql for sql in sqls)


def test_grants_are_cached_at_login_and_kept_across_requests(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", args=[case.uid])
    status, first = _statements(client, url)
    assert status == 200 and _membership_reads(first) == 0
    cache.clear()
    status, cold = _statements(client, url)
    assert status == 200 and _membership_reads(cold) == 1
    status, warm = _statements(client, url)
    assert status == 200 and _membership_reads(warm) == 0
    assert len(first) == len(warm) == len(cold) - 1


def test_an_ended_membership_stops_granting_on_the_next_request(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", args=[case.uid])
    assert client.get(url).status_code == 200
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    # a plain update, as the admin or a script would do it, not a service
    Membership.objects.filter(user=world.personas["worker"]).update(valid_to=yesterday)
    assert client.get(url).status_code == 404


def test_a_changed_role_shows_on_the_next_request(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", args=[case.uid])
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=world.personas["worker"]).update(role=Role.COLLABORATOR)
    assert client.get(url).status_code == 403


def test_a_deleted_membership_stops_granting_on_the_next_request(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", args=[case.uid])
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=world.personas["worker"]).delete()
    assert client.get(url).status_code == 404


def test_an_agency_that_ceased_stops_granting_on_the_next_request(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", args=[case.uid])
    assert client.get(url).status_code == 200
    agency = Agency.objects.get(pk=world.pc_a.pk)
    agency.valid_to = timezone.localdate() - dt.timedelta(days=1)
    agency.save()
    assert client.get(url).status_code == 404


def test_a_new_membership_grants_on_the_next_request(world, client_for):
    case = make_case(world)
    client = client_for("outsider")
    url = reverse("cases:detail", args=[case.uid])
    assert client.get(url).status_code == 404
    membership_grant(
        actor=None, user=world.personas["outsider"], agency=world.pc_a, role=Role.COMMUNE_WORKER
    )
    assert client.get(url).status_code == 200


def test_a_new_succession_rolls_records_up_on_the_next_request(world, client_for):
    case = make_case(world)  # filed under commune A
    client = client_for("outsider")  # worker of commune B
    url = reverse("cases:detail", args=[case.uid])
    assert client.get(url).status_code == 404
    succession_record(
        predecessor=world.commune_a,
        successor=world.commune_b,
        kind=SuccessionKind.MERGE,
        date=timezone.localdate(),
    )
    assert client.get(url).status_code == 200


def test_a_relinked_succession_shows_on_the_next_read(world):
    before = {p for g in user_grants(_fresh(world, "outsider")) for p in g.paths}
    assert world.old_commune.path not in before
    AdminUnitSuccession.objects.filter(predecessor=world.old_commune).update(
        successor=world.commune_b
    )
    after = {p for g in user_grants(_fresh(world, "outsider")) for p in g.paths}
    assert world.old_commune.path in after


def test_a_new_unit_keeps_the_cache_and_a_renamed_or_moved_one_does_not(world, client_for):
    case = make_case(world)
    client = client_for("worker")
    url = reverse("cases:detail", args=[case.uid])
    client.get(url)
    unit_create(name="Thôn Mới", level=UnitLevel.VILLAGE, parent=world.commune_a)
    status, after_create = _statements(client, url)
    assert status == 200 and _membership_reads(after_create) == 0
    AdminUnit.objects.filter(pk=world.commune_a.pk).update(name="Phường An Hòa Mới")
    assert {g.unit_name for g in user_grants(_fresh(world, "worker"))} == {"Phường An Hòa Mới"}
    client.get(url)
    # the worker's commune moved under another parent: its path, and what it reaches, change
    moved = f"{world.commune_b.path}{world.commune_a.pk}/"
    AdminUnit.objects.filter(pk=world.commune_a.pk).update(path=moved)
    assert {p for g in user_grants(_fresh(world, "worker")) for p in g.paths} >= {moved}


def test_a_membership_ending_today_stops_granting_tomorrow(world, client_for):
    today = timezone.localdate()
    Membership.objects.filter(user=world.personas["worker"]).update(valid_to=today)
    case = make_case(world)
    client = client_for("anonymous")
    url = reverse("cases:detail", args=[case.uid])
    late = timezone.make_aware(dt.datetime.combine(today, dt.time(23, 50)))
    for moment, status in ((late, 200), (late, 200), (late + dt.timedelta(minutes=20), 404)):
        with time_machine.travel(moment, tick=False):
            client.force_login(world.personas["worker"])
            assert client.get(url).status_code == status


def test_grants_read_in_a_rolled_back_transaction_are_never_served(world):
    def roles() -> set[Role]:
        return {g.role for g in user_grants(_fresh(world, "worker"))}

    assert roles() == {Role.COMMUNE_WORKER}
    with transaction.atomic():
        Membership.objects.filter(user=world.personas["worker"]).update(role=Role.COLLABORATOR)
        assert roles() == {Role.COLLABORATOR}  # cached under this transaction's version
        transaction.set_rollback(True)
    assert roles() == {Role.COMMUNE_WORKER}
    # the next change gets a version of its own, never the rolled-back one
    Agency.objects.filter(pk=world.pc_a.pk).update(phone="0255 3822 111")
    assert roles() == {Role.COMMUNE_WORKER}


def _fresh(world, persona: str):
    """The persona's user as a new request loads it (nothing memoised on the object)."""
    return type(world.personas[persona]).objects.get(pk=world.personas[persona].pk)
