from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import ProgrammingError, transaction
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.cases.models import CaseDeadline, CaseEvent
from cpms.cases.services import task_add
from cpms.cases.tests.factories import make_case
from cpms.core.exceptions import StaleEditError
from cpms.transfers.models import CaseTransfer
from cpms.transfers.services import DEFAULT_ACCESS_DAYS
from cpms.transfers.tests.factories import transfer_to_b


def test_it_moves_the_case_and_the_child_and_keeps_the_history(world):
    case = make_case(world)
    version = case.version
    transfer = transfer_to_b(world, case, address="Số 5, thôn Đông")
    case.refresh_from_db()
    assert (case.commune, case.unit_path) == (world.commune_b, world.commune_b.path)
    assert case.version == version + 1
    assert case.assigned_to is None
    child = case.child
    assert (child.commune, child.village, child.address) == (
        world.commune_b,
        None,
        "Số 5, thôn Đông",
    )
    assert child.unit_path == world.commune_b.path
    assert (transfer.from_commune, transfer.from_path) == (world.commune_a, world.commune_a.path)
    assert transfer.from_access_until == transfer.transferred_at + dt.timedelta(
        days=DEFAULT_ACCESS_DAYS
    )
    event = CaseEvent.objects.get(case=case, data__transfer=str(transfer.uid))
    assert "Phường An Hòa" in event.summary and "Xã Bình Đông" in event.summary
    audit = AuditLog.objects.get(subject_id=str(case.uid), extra_data__transfer=str(transfer.uid))
    assert audit.admin_unit_id == world.commune_b.pk
    assert (
        AuditLog.objects.filter(subject_type="children.child", subject_id=str(child.uid)).count()
        == 2
    )


def test_open_clocks_and_tasks_keep_running(world):
    case = make_case(world)
    task = task_add(
        actor=world.personas["worker"], case=case, title="Thăm nhà", owner=None, due_on=None
    )
    open_before = set(
        CaseDeadline.objects.filter(case=case, met_at=None).values_list("pk", "due_at")
    )
    transfer_to_b(world, case)
    task.refresh_from_db()
    assert task.done_at is None
    assert (
        set(CaseDeadline.objects.filter(case=case, met_at=None).values_list("pk", "due_at"))
        == open_before
    )


def test_it_refuses_a_stale_version(world):
    case = make_case(world)
    with pytest.raises(StaleEditError):
        transfer_to_b(world, case, expected_version=case.version + 5)
    assert not CaseTransfer.objects.exists()


def test_it_refuses_the_same_commune_and_a_past_end_time(world):
    case = make_case(world)
    with pytest.raises(ValidationError) as exc:
        transfer_to_b(world, case, to_commune=world.commune_a)
    assert "to_commune" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        transfer_to_b(world, case, from_access_until=timezone.now() - dt.timedelta(hours=1))
    assert "from_access_until" in exc.value.message_dict
    with pytest.raises(ValidationError):
        transfer_to_b(world, case, to_commune=world.old_commune)


def test_the_database_keeps_transfer_rows_unchanged(world):
    transfer = transfer_to_b(world, make_case(world))
    with pytest.raises(ProgrammingError), transaction.atomic():
        CaseTransfer.objects.filter(pk=transfer.pk).update(reason="x")
