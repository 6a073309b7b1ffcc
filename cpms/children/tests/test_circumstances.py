from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from cpms.audit.models import AuditEvent, AuditLog
from cpms.children.circumstances import (
    circumstance_add,
    circumstance_end,
    risk_factor_add,
    risk_factor_resolve,
)
from cpms.children.models import RiskFactor, SpecialCircumstanceGroup
from cpms.children.tests.factories import make_child

LETTER = "Công văn UBND TP Quảng Ngãi 12/2023, mục 1.3"


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def group(code: str) -> SpecialCircumstanceGroup:
    return SpecialCircumstanceGroup.objects.get(code=code)


def audit_rows(child):
    return AuditLog.objects.filter(subject_type="children.child", subject_id=str(child.uid))


@pytest.mark.django_db
def test_it_seeds_the_fourteen_groups_of_article_10_in_the_laws_order():
    tops = SpecialCircumstanceGroup.objects.filter(parent__isnull=True).order_by("order")
    assert [g.code for g in tops] == [
        *("a", "b", "c", "d", "dd", "e", "g", "h", "i", "k", "l", "m", "n", "o")
    ]
    assert [g.order for g in tops] == list(range(1, 15))
    assert {g.legal_basis for g in tops} == {"Luật Trẻ em 2016, Điều 10"}
    assert tops.get(code="dd").name == "Trẻ em nhiễm HIV/AIDS"
    assert tops.get(code="a").name == "Trẻ em mồ côi cả cha và mẹ"


@pytest.mark.django_db
def test_it_seeds_the_sub_groups_under_their_group():
    orphans = group("a").subgroups.order_by("order")
    assert [g.code for g in orphans] == ["a.1", "a.2", "a.3", "a.4"]
    assert {g.legal_basis for g in orphans} == {"Nghị định 56/2017/NĐ-CP, Điều 3"}
    assert group("l").subgroups.count() == 5
    assert all(g.code.startswith("c.") and g.parent_id for g in group("c").subgroups.all())


@pytest.mark.django_db
def test_it_seeds_the_risk_factors_with_the_letters_three():
    factors = {f.code: f for f in RiskFactor.objects.all()}
    letter = {"parents_divorced_separated", "parents_far_away", "relative_social_evils"}
    assert {code for code, f in factors.items() if f.source == LETTER} == letter
    expected = {
        "out_of_school",
        "living_alone",
        "elderly_carers",
        "disability",
        "earlier_abuse",
        "household_violence",
    }
    assert expected <= set(factors)
    assert all(f.active and f.weight >= 1 and f.name for f in factors.values())


@pytest.mark.django_db
def test_it_can_run_the_data_migrations_again_without_duplicating_or_undoing_edits():
    RiskFactor.objects.filter(code="poor_household").update(active=False)
    counts = (SpecialCircumstanceGroup.objects.count(), RiskFactor.objects.count())
    for name in ("0002_fill_special_circumstances", "0003_fill_risk_factors"):
        importlib.import_module(f"cpms.children.migrations.{name}").fill(apps, None)
    assert (SpecialCircumstanceGroup.objects.count(), RiskFactor.objects.count()) == counts
    assert not RiskFactor.objects.get(code="poor_household").active


def test_it_records_a_circumstance_with_evidence_and_who_recorded_it(world):
    worker = world.personas["worker"]
    child = make_child(world)
    before = audit_rows(child).count()
    record = circumstance_add(
        actor=worker,
        child=child,
        group=group("a.3"),
        from_date=days_ago(100),
        evidence="  Giấy chứng tử của cha và mẹ ",
    )
    record.refresh_from_db()
    assert record.group.code == "a.3"
    assert record.from_date == days_ago(100)
    assert record.to_date is None
    assert record.evidence == "Giấy chứng tử của cha và mẹ"
    assert record.recorded_by == worker
    rows = audit_rows(child)
    assert rows.count() == before + 1
    row = rows.latest("event_time")
    assert row.event_type == AuditEvent.UPDATE
    assert row.actor == worker
    assert row.admin_unit_id == world.commune_a.pk
    assert row.extra_data["circumstance_added"] == "a.3"


def test_it_refuses_an_overlapping_open_record_of_the_same_group(world):
    worker = world.personas["worker"]
    child = make_child(world)
    circumstance_add(actor=worker, child=child, group=group("d"), from_date=days_ago(50))
    with pytest.raises(ValidationError) as caught:
        circumstance_add(actor=worker, child=child, group=group("d"), from_date=days_ago(10))
    assert "cùng thời gian" in str(caught.value.message_dict["group"])
    assert child.circumstances.count() == 1


def test_it_refuses_a_new_record_that_starts_before_the_old_one_ended(world):
    worker = world.personas["worker"]
    child = make_child(world)
    old = circumstance_add(actor=worker, child=child, group=group("d"), from_date=days_ago(50))
    circumstance_end(actor=worker, circumstance=old, to_date=days_ago(20))
    with pytest.raises(ValidationError):
        circumstance_add(actor=worker, child=child, group=group("d"), from_date=days_ago(20))
    again = circumstance_add(actor=worker, child=child, group=group("d"), from_date=days_ago(19))
    assert again.to_date is None


def test_it_allows_a_top_group_and_a_sub_group_and_different_groups_together(world):
    worker = world.personas["worker"]
    child = make_child(world)
    circumstance_add(actor=worker, child=child, group=group("l"), from_date=days_ago(5))
    circumstance_add(actor=worker, child=child, group=group("l.4"), from_date=days_ago(5))
    circumstance_add(actor=worker, child=child, group=group("d"), from_date=days_ago(5))
    assert child.circumstances.count() == 3


def test_it_refuses_a_start_in_the_future(world):
    child = make_child(world)
    with pytest.raises(ValidationError) as caught:
        circumstance_add(
            actor=world.personas["worker"],
            child=child,
            group=group("b"),
            from_date=timezone.localdate() + dt.timedelta(days=1),
        )
    assert "from_date" in caught.value.message_dict


def test_it_ends_a_circumstance_once_and_writes_an_audit_row(world):
    worker = world.personas["worker"]
    child = make_child(world)
    record = circumstance_add(actor=worker, child=child, group=group("h"), from_date=days_ago(30))
    before = audit_rows(child).count()
    circumstance_end(actor=worker, circumstance=record, to_date=days_ago(1))
    record.refresh_from_db()
    assert record.to_date == days_ago(1)
    assert audit_rows(child).count() == before + 1
    assert audit_rows(child).latest("event_time").extra_data["circumstance_ended"] == "h"
    with pytest.raises(ValidationError):
        circumstance_end(actor=worker, circumstance=record, to_date=days_ago(0))


def test_it_refuses_an_end_before_the_start(world):
    worker = world.personas["worker"]
    child = make_child(world)
    record = circumstance_add(actor=worker, child=child, group=group("h"), from_date=days_ago(3))
    with pytest.raises(ValidationError) as caught:
        circumstance_end(actor=worker, circumstance=record, to_date=days_ago(4))
    assert "to_date" in caught.value.message_dict
    record.refresh_from_db()
    assert record.to_date is None


def test_it_records_and_resolves_a_risk_factor_with_audit_rows(world):
    worker = world.personas["worker"]
    child = make_child(world)
    factor = RiskFactor.objects.get(code="earlier_abuse")
    before = audit_rows(child).count()
    record = risk_factor_add(
        actor=worker, child=child, factor=factor, observed_on=days_ago(7), note="Theo trường"
    )
    assert record.recorded_by == worker
    assert audit_rows(child).count() == before + 1
    risk_factor_resolve(actor=worker, child_factor=record, resolved_on=days_ago(1))
    record.refresh_from_db()
    assert record.resolved_on == days_ago(1)
    assert audit_rows(child).count() == before + 2
    assert audit_rows(child).latest("event_time").extra_data["risk_factor_resolved"] == (
        "earlier_abuse"
    )


def test_it_refuses_a_second_open_record_of_the_same_risk_factor(world):
    worker = world.personas["worker"]
    child = make_child(world)
    factor = RiskFactor.objects.get(code="poor_household")
    risk_factor_add(actor=worker, child=child, factor=factor, observed_on=days_ago(7))
    with pytest.raises(ValidationError):
        risk_factor_add(actor=worker, child=child, factor=factor, observed_on=days_ago(1))
    assert child.risk_factors.count() == 1


def test_it_refuses_a_switched_off_risk_factor(world):
    factor = RiskFactor.objects.get(code="poor_household")
    factor.active = False
    factor.save()
    with pytest.raises(ValidationError):
        risk_factor_add(
            actor=world.personas["worker"],
            child=make_child(world),
            factor=factor,
            observed_on=days_ago(1),
        )


def test_it_writes_nothing_when_a_circumstance_is_refused(world):
    worker = world.personas["worker"]
    child = make_child(world)
    circumstance_add(actor=worker, child=child, group=group("e"), from_date=days_ago(5))
    before = AuditLog.objects.count()
    with pytest.raises(ValidationError):
        circumstance_add(actor=worker, child=child, group=group("e"), from_date=days_ago(2))
    assert AuditLog.objects.count() == before
