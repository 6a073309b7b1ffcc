"""Statistics read from a streaming replica; writes never go to it (issue 10)."""

from __future__ import annotations

import pytest
from django.db import connections, transaction

from cpms.core.replica import REPLICA, ReplicaRouter, replica_reads
from cpms.geography.models import AdminUnit, UnitLevel
from cpms.testing_replica import streaming_replica, wait_for_replay


def test_without_a_replica_everything_stays_on_the_primary(db):
    with replica_reads():
        assert AdminUnit.objects.all().db == "default"
    assert ReplicaRouter().allow_migrate(REPLICA, "children") is False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_replica_reads_come_from_the_standby_and_writes_go_to_the_primary():
    with streaming_replica():
        AdminUnit.objects.create(name="Tỉnh Quảng Ngãi", level=UnitLevel.PROVINCE)
        wait_for_replay()
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            assert cursor.fetchone() == (True,)
            # Freeze the standby: what it answers from now on is what it had.
            cursor.execute("SELECT pg_wal_replay_pause()")
        AdminUnit.objects.create(name="Tỉnh Gia Lai", level=UnitLevel.PROVINCE)

        with replica_reads():
            assert AdminUnit.objects.all().db == REPLICA
            names = set(AdminUnit.objects.values_list("name", flat=True))
            # A write inside the block goes to the primary (the standby would refuse it).
            AdminUnit.objects.create(name="Tỉnh Đắk Lắk", level=UnitLevel.PROVINCE)
            with transaction.atomic():  # reads in a transaction see its own writes
                assert AdminUnit.objects.filter(name="Tỉnh Đắk Lắk").exists()
        assert "Tỉnh Quảng Ngãi" in names and "Tỉnh Gia Lai" not in names
        assert set(AdminUnit.objects.values_list("name", flat=True)) >= {
            "Tỉnh Quảng Ngãi",
            "Tỉnh Gia Lai",
            "Tỉnh Đắk Lắk",
        }
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
        wait_for_replay()
        with replica_reads():
            assert AdminUnit.objects.filter(name="Tỉnh Đắk Lắk").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_dashboard_aggregates_on_the_replica_only():
    import datetime as dt

    from django.test.utils import CaptureQueriesContext

    from cpms.stats.selectors import dashboard_tables
    from cpms.testing import build_world

    world = build_world()
    with streaming_replica():
        wait_for_replay()
        with (
            CaptureQueriesContext(connections["default"]) as on_primary,
            CaptureQueriesContext(connections[REPLICA]) as on_replica,
        ):
            tables = dashboard_tables(
                unit=world.province,
                start=dt.date(2026, 1, 1),
                end=dt.date(2026, 12, 31),
                protect=True,
            )
        assert tables
        assert len(on_replica) > 0, [q["sql"][:80] for q in on_primary.captured_queries]
        assert len(on_primary) == 0
