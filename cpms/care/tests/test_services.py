from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cpms.audit.models import AuditEvent, AuditLog
from cpms.care.choices import EndReason, PlacementKind, PlacementStatus, ProviderKind
from cpms.care.clock import ReviewStatus, review_due, review_rule
from cpms.care.models import ReviewRule
from cpms.care.services import (
    StaleEditError,
    placement_end,
    placement_review_add,
)
from cpms.care.tests.factories import make_placement, make_provider
from cpms.children.tests.factories import make_child


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


def test_a_caregiver_that_fails_a_checklist_item_is_refused(world):
    provider = make_provider(world, fails=("good_character",))
    with pytest.raises(ValidationError) as exc:
        make_placement(world, provider=provider, decide=False)
    assert "Không đáp ứng điều kiện: Có tư cách đạo đức tốt." in _messages(exc)


def test_an_unverified_caregiver_is_refused(world):
    provider = make_provider(world, verify=False)
    with pytest.raises(ValidationError) as exc:
        make_placement(world, provider=provider, decide=False)
    assert "Chưa xác minh điều kiện" in _messages(exc)


def test_the_latest_verification_decides(world):
    from cpms.care.services import provider_verify
    from cpms.care.services.providers import checklist_items

    provider = make_provider(world, fails=("residence_vn",))
    results = {i.code: (True, "") for i in checklist_items(provider)}
    provider_verify(
        actor=world.personas["worker"],
        provider=provider,
        verified_on=timezone.localdate(),
        results=results,
        expected_version=provider.version,
    )
    assert make_placement(world, provider=provider).status == PlacementStatus.ACTIVE


def test_a_full_caregiver_cannot_receive_another_child(world):
    provider = make_provider(world, capacity=1)
    make_placement(world, provider=provider, decide=False)  # a proposal takes the place
    other = make_child(world, full_name="Lê Thị Cúc", birth_date=dt.date(2016, 2, 2))
    with pytest.raises(ValidationError) as exc:
        make_placement(world, provider=provider, child=other, decide=False)
    assert "đã nhận đủ 1 trẻ" in _messages(exc)


def test_the_form_of_care_must_fit_the_caregiver(world):
    facility = make_provider(world, kind=ProviderKind.FACILITY, name="Trung tâm CTXH")
    with pytest.raises(ValidationError):
        make_placement(world, provider=facility, kind=PlacementKind.FOSTER, decide=False)
    assert make_placement(world, provider=facility, kind=PlacementKind.FACILITY).is_open


def test_a_child_has_one_open_placement(world):
    placement = make_placement(world)
    with pytest.raises(ValidationError):
        make_placement(world, child=placement.child, provider=make_provider(world, name="B"))


def test_only_the_chairman_records_the_decision(world):
    with pytest.raises(ValidationError):
        make_placement(world, leader="worker")


def test_the_decision_starts_the_placement_and_is_audited(world):
    placement = make_placement(world)
    assert placement.status == PlacementStatus.ACTIVE
    assert placement.decided_by == world.personas["leader"]
    rows = AuditLog.objects.filter(subject_type="care.placement", subject_id=str(placement.uid))
    assert sorted(rows.values_list("event_type", flat=True)) == [
        AuditEvent.CREATE,
        AuditEvent.UPDATE,
    ]


def test_a_review_of_a_child_aged_7_needs_the_childs_opinion(world):
    placement = make_placement(world)  # child born 2014
    data: dict[str, Any] = {
        "actor": world.personas["worker"],
        "placement": placement,
        "reviewed_on": timezone.localdate(),
        "reviewer": "Nguyễn Thị Lan",
        "findings": "Trẻ ổn định",
        "outcome": "continue",
    }
    with pytest.raises(ValidationError) as exc:
        placement_review_add(child_opinion="", expected_version=placement.version, **data)
    assert "ý kiến của trẻ" in _messages(exc)
    placement_review_add(child_opinion="Con muốn ở lại", expected_version=placement.version, **data)
    with pytest.raises(StaleEditError):  # the review moved the version on
        placement_review_add(child_opinion="x", expected_version=placement.version, **data)


def test_the_review_falls_due_on_the_next_working_day_after_tet(world):
    rule = review_rule()
    assert rule is not None and (rule.amount, rule.unit) == (6, "months")
    assert "UNVERIFIED" in rule.note
    placement = make_placement(world, start_on=dt.date(2026, 8, 5))
    # 5/2/2027 + the Tết holiday (5–10/2, with the weekend) → Thursday 11/2/2027.
    due = review_due(placement, None, rule, dt.date(2027, 1, 30))
    assert due is not None and due.due_on == dt.date(2027, 2, 11)
    assert due.status == ReviewStatus.DUE_SOON
    late = review_due(placement, None, rule, dt.date(2027, 2, 12))
    assert late is not None and late.status == ReviewStatus.OVERDUE
    after = review_due(placement, dt.date(2026, 11, 20), rule, dt.date(2027, 2, 12))
    assert after is not None and after.due_on == dt.date(2027, 5, 20)


def test_a_changed_rule_applies(world):
    ReviewRule.objects.filter(code="placement_review").update(amount=3)
    placement = make_placement(world, start_on=dt.date(2026, 8, 5))
    due = review_due(placement, None, review_rule(), dt.date(2026, 9, 1))
    assert due is not None and due.due_on == dt.date(2026, 11, 5)


def test_ending_needs_a_decision_and_frees_the_place(world):
    provider = make_provider(world, capacity=1)
    placement = make_placement(world, provider=provider)
    args: dict[str, Any] = {
        "placement": placement,
        "ended_on": timezone.localdate(),
        "reason": EndReason.RETURN_HOME,
        "note": "",
        "expected_version": placement.version,
    }
    with pytest.raises(ValidationError):
        placement_end(actor=world.personas["leader"], decision_number="", **args)
    with pytest.raises(ValidationError):
        placement_end(actor=world.personas["worker"], decision_number="20/QĐ-UBND", **args)
    ended = placement_end(actor=world.personas["leader"], decision_number="20/QĐ-UBND", **args)
    assert ended.status == PlacementStatus.ENDED
    other = make_child(world, full_name="Lê Thị Cúc", birth_date=dt.date(2016, 2, 2))
    assert make_placement(world, provider=provider, child=other).is_open


def test_a_worker_of_another_commune_cannot_register_there(world):
    with pytest.raises(ValidationError):
        make_provider(world, persona="outsider")
