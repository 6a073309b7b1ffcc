"""Consent and legal basis per purpose: who may consent, the 7-year rule, one basis in force."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cpms.audit.models import AuditLog
from cpms.cases.tests.abuse_factories import add_perpetrator
from cpms.cases.tests.factories import make_case
from cpms.children.tests.factories import make_child
from cpms.privacy.choices import BasisKind
from cpms.privacy.models import ProcessingBasis
from cpms.privacy.selectors import child_privacy_status
from cpms.privacy.services import BasisData, processing_basis_record, processing_basis_withdraw
from cpms.privacy.tests.factories import add_parent, consent, purpose


def test_it_records_consent_of_the_parent_and_the_child_with_one_audit_row(world):
    child = make_child(world)
    mother = add_parent(child)
    before = AuditLog.objects.filter(subject_id=str(child.uid)).count()
    basis = consent(world, child, mother)
    assert basis.child_age >= 7 and basis.representative == mother
    assert AuditLog.objects.filter(subject_id=str(child.uid)).count() == before + 1
    [status] = [s for s in child_privacy_status(child) if s.purpose.code == "case_management"]
    assert status.basis == basis


def test_a_child_aged_7_or_more_must_consent_too(world):
    child = make_child(world)
    with pytest.raises(ValidationError) as err:
        consent(world, child, add_parent(child), child_consent_on=None)
    assert "child_consent_on" in err.value.message_dict


def test_a_younger_child_needs_only_the_representative(world):
    child = make_child(world, birth_date=timezone.localdate() - dt.timedelta(days=365 * 5))
    basis = consent(world, child, add_parent(child), child_consent_on=None)
    assert basis.child_age == 4 or basis.child_age == 5
    assert basis.child_consent_on is None


def test_an_alleged_perpetrator_cannot_consent_for_the_child(world):
    case = make_case(world)
    father = add_parent(case.child, "Trần Văn Dượng")
    add_perpetrator(world, case, person=father)
    with pytest.raises(ValidationError) as err:
        consent(world, case.child, father)
    assert "bị cho là đã gây hại" in str(err.value.message_dict["representative"])


def test_someone_outside_the_childs_family_cannot_consent(world):
    child, other = make_child(world), make_child(world, full_name="Lê Văn Nam")
    with pytest.raises(ValidationError) as err:
        consent(world, child, add_parent(other))
    assert "representative" in err.value.message_dict


def test_a_legal_basis_without_consent_names_the_article(world):
    child = make_child(world)
    data = BasisData(purpose=purpose("registry"), kind=BasisKind.STATE_DUTY)
    with pytest.raises(ValidationError):
        processing_basis_record(actor=world.personas["worker"], child=child, data=data)
    data = BasisData(
        purpose=purpose("registry"),
        kind=BasisKind.STATE_DUTY,
        legal_reference="Luật Trẻ em 2016, Điều 48; Nghị định 56/2017",
    )
    basis = processing_basis_record(actor=world.personas["worker"], child=child, data=data)
    assert basis.representative is None


def test_one_basis_in_force_per_purpose_until_withdrawn(world):
    child = make_child(world)
    mother = add_parent(child)
    first = consent(world, child, mother)
    with pytest.raises(ValidationError):
        consent(world, child, mother)
    with pytest.raises(ValidationError):
        processing_basis_withdraw(actor=world.personas["worker"], basis=first, reason=" ")
    assert processing_basis_withdraw(actor=world.personas["worker"], basis=first, reason="Mẹ rút")
    assert not processing_basis_withdraw(actor=world.personas["worker"], basis=first, reason="x")
    second = consent(world, child, mother)
    assert ProcessingBasis.objects.filter(child=child, withdrawn_at=None).get() == second
