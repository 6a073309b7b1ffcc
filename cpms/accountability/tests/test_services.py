from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InternalError, ProgrammingError, transaction
from django.utils import timezone

from cpms.accountability.choices import ActionTaken, EntryStatus
from cpms.accountability.models import AccountabilityEntry
from cpms.accountability.services import EntryData, entry_confirm, entry_dismiss, entry_record
from cpms.accountability.tests.factories import make_entry
from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.tests.factories import make_case
from cpms.core.exceptions import StaleEditError


def _audits(entry):
    return list(
        AuditLog.objects.filter(subject_type="accountability.entry", subject_id=str(entry.uid))
        .order_by("pk")
        .values_list("event_type", flat=True)
    )


def test_a_recorded_entry_starts_as_a_proposal_in_the_case_commune(world):
    entry = make_entry(world, description="  Che giấu   thông tin\nvề trẻ  ")
    assert entry.status == EntryStatus.PROPOSED
    assert entry.commune == world.commune_a and entry.unit_path == world.commune_a.path
    assert entry.proposed_by == world.personas["worker"]
    assert entry.description == "Che giấu thông tin\nvề trẻ"  # tidied, line break kept
    assert list(entry.legal_references.values_list("code", flat=True)) == ["law_children_2016_art6"]
    assert _audits(entry) == [AuditEvent.CREATE]


def test_it_needs_a_case_or_a_report(world):
    with pytest.raises(ValidationError):
        entry_record(
            actor=world.personas["worker"],
            data=EntryData(kind="concealment", description="Che giấu"),
        )


def test_it_refuses_a_case_outside_the_actors_area(world):
    case = make_case(world)
    with pytest.raises(ValidationError):
        entry_record(
            actor=world.personas["outsider"],
            data=EntryData(kind="concealment", description="Che giấu", case=case),
        )


def test_the_leader_confirms_with_the_action_taken(world):
    entry = make_entry(world)
    today = timezone.localdate()
    confirmed = entry_confirm(
        actor=world.personas["leader"],
        entry=entry,
        action=ActionTaken.FINE_PROPOSAL,
        action_on=today,
        action_note="Văn bản số 12/UBND",
        expected_version=entry.version,
    )
    confirmed.refresh_from_db()
    assert confirmed.status == EntryStatus.CONFIRMED
    assert (confirmed.action, confirmed.action_on) == (ActionTaken.FINE_PROPOSAL, today)
    assert confirmed.confirmed_by == world.personas["leader"] and confirmed.version == 2
    assert _audits(entry) == [AuditEvent.CREATE, AuditEvent.UPDATE]


def test_a_worker_cannot_confirm(world):
    entry = make_entry(world)
    with pytest.raises(ValidationError):
        entry_confirm(
            actor=world.personas["worker"],
            entry=entry,
            action=ActionTaken.REMINDER,
            action_on=timezone.localdate(),
            expected_version=entry.version,
        )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PROPOSED


def test_a_dismissal_needs_a_reason_and_keeps_the_entry(world):
    entry = make_entry(world)
    officer = world.personas["officer"]
    with pytest.raises(ValidationError) as error:
        entry_dismiss(actor=officer, entry=entry, reason="   ", expected_version=entry.version)
    assert "reason" in error.value.message_dict
    entry_dismiss(
        actor=officer, entry=entry, reason="Trẻ được báo tin kịp thời", expected_version=1
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DISMISSED and entry.dismissed_by == officer
    assert entry.dismiss_reason == "Trẻ được báo tin kịp thời"


def test_a_stale_version_is_refused(world):
    entry = make_entry(world)
    leader = world.personas["leader"]
    entry_dismiss(actor=leader, entry=entry, reason="Không có căn cứ", expected_version=1)
    with pytest.raises(StaleEditError):
        entry_confirm(
            actor=leader,
            entry=entry,
            action=ActionTaken.REMINDER,
            action_on=timezone.localdate(),
            expected_version=1,
        )


def test_an_action_date_in_the_future_is_refused(world):
    entry = make_entry(world)
    with pytest.raises(ValidationError):
        entry_confirm(
            actor=world.personas["leader"],
            entry=entry,
            action=ActionTaken.WARNING,
            action_on=timezone.localdate() + dt.timedelta(days=1),
            expected_version=entry.version,
        )


def test_the_database_refuses_deletes_and_unexplained_dismissals(world):
    entry = make_entry(world)
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        AccountabilityEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountabilityEntry.objects.filter(pk=entry.pk).update(
            status=EntryStatus.DISMISSED, dismissed_at=timezone.now()
        )
    assert AccountabilityEntry.objects.filter(pk=entry.pk).exists()
