from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cpms.audit.models import AuditEvent, AuditLog
from cpms.cases.choices import EventKind
from cpms.cases.tests.factories import make_case
from cpms.referrals.choices import ReferralState
from cpms.referrals.models import Referral
from cpms.referrals.services import (
    StaleEditError,
    referral_accept,
    referral_cancel,
    referral_complete,
    referral_decline,
    referral_start,
)

from .factories import send


def test_a_referral_goes_from_sent_to_completed_with_who_and_when(world):
    police = world.personas["police"]
    case = make_case(world)
    referral = send(world, case)
    assert referral.state == ReferralState.SENT
    assert referral.sent_by == world.personas["worker"]
    referral = referral_accept(actor=police, referral=referral, expected_version=1)
    referral = referral_start(actor=police, referral=referral, expected_version=2)
    referral = referral_complete(
        actor=police, referral=referral, expected_version=3, outcome="Đã khởi tố vụ án"
    )
    referral.refresh_from_db()
    assert referral.state == ReferralState.COMPLETED
    assert referral.version == 4
    assert referral.accepted_by == referral.started_by == referral.completed_by == police
    assert referral.accepted_at and referral.started_at and referral.completed_at
    assert referral.sent_at <= referral.accepted_at <= referral.started_at <= referral.completed_at
    assert referral.outcome == "Đã khởi tố vụ án"
    steps = [
        e.data["step"]
        for e in case.timeline.filter(kind=EventKind.NOTE, data__referral=str(referral.uid))
    ]
    assert sorted(steps) == ["accept", "complete", "send", "start"]
    rows = AuditLog.objects.filter(subject_type="referrals.referral", subject_id=str(referral.uid))
    assert [r.event_type for r in rows.order_by("pk")] == [
        AuditEvent.CREATE,
        AuditEvent.UPDATE,
        AuditEvent.UPDATE,
        AuditEvent.UPDATE,
    ]
    assert [r.extra_data.get("step") for r in rows.order_by("pk")][1:] == [
        "accept",
        "start",
        "complete",
    ]


def test_decline_needs_a_reason_and_ends_the_referral(world):
    police = world.personas["police"]
    referral = send(world, make_case(world))
    with pytest.raises(ValidationError):
        referral_decline(actor=police, referral=referral, reason="  ", expected_version=1)
    referral = referral_decline(
        actor=police, referral=referral, reason="Không thuộc thẩm quyền", expected_version=1
    )
    assert referral.state == ReferralState.DECLINED
    assert referral.declined_by == police
    assert referral.decline_reason == "Không thuộc thẩm quyền"
    with pytest.raises(ValidationError):
        referral_start(actor=police, referral=referral, expected_version=2)


def test_cancel_needs_a_reason_and_the_case_edit_permission(world):
    referral = send(world, make_case(world))
    with pytest.raises(PermissionDenied):
        referral_cancel(
            actor=world.personas["police"], referral=referral, reason="x", expected_version=1
        )
    with pytest.raises(ValidationError):
        referral_cancel(
            actor=world.personas["leader"], referral=referral, reason="", expected_version=1
        )
    referral = referral_cancel(
        actor=world.personas["leader"],
        referral=referral,
        reason="Gia đình đã chuyển đi",
        expected_version=1,
    )
    assert referral.state == ReferralState.CANCELLED
    assert referral.cancelled_by == world.personas["leader"]


def test_it_refuses_to_send_without_a_basis_for_sharing(world):
    case = make_case(world)
    with pytest.raises(ValidationError) as info:
        send(world, case, sharing_basis="")
    assert "sharing_basis" in info.value.message_dict
    assert not Referral.objects.exists()
    assert not case.timeline.filter(kind=EventKind.NOTE).exists()


def test_only_the_case_side_sends_and_only_the_receiving_agency_accepts(world):
    case = make_case(world)
    with pytest.raises(Http404):
        send(world, case, actor=world.personas["outsider"])
    with pytest.raises(PermissionDenied):
        send(world, case, actor=world.personas["officer"])  # reaches the case, may not edit
    referral = send(world, case)
    with pytest.raises(PermissionDenied):
        referral_accept(actor=world.personas["worker"], referral=referral, expected_version=1)
    with pytest.raises(Http404):
        referral_accept(actor=world.personas["school"], referral=referral, expected_version=1)
    assert Referral.objects.get().state == ReferralState.SENT


def test_a_stale_version_is_refused(world):
    police = world.personas["police"]
    referral = send(world, make_case(world))
    referral_accept(actor=police, referral=referral, expected_version=1)
    with pytest.raises(StaleEditError):
        referral_decline(actor=police, referral=referral, reason="Trùng", expected_version=1)
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED


def test_a_double_submission_sends_one_referral(world):
    case = make_case(world)
    key = uuid.uuid4()
    first = send(world, case, idempotency_key=key)
    second = send(world, case, idempotency_key=key)
    assert first.pk == second.pk
    assert Referral.objects.count() == 1
    assert AuditLog.objects.filter(subject_type="referrals.referral").count() == 1
