"""Privacy records for tests, built through the services."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cpms.children.choices import Relationship
from cpms.children.models import Child, Person
from cpms.children.services import family_member_add
from cpms.privacy.choices import BasisKind, ConsentMethod
from cpms.privacy.models import ProcessingBasis, ProcessingPurpose
from cpms.privacy.services import BasisData, processing_basis_record
from cpms.testing import World


def add_parent(child: Child, name: str = "Nguyễn Thị Hoa") -> Person:
    link = family_member_add(
        actor=None, child=child, full_name=name, relationship=Relationship.MOTHER
    )
    return link.person


def purpose(code: str = "case_management") -> ProcessingPurpose:
    return ProcessingPurpose.objects.get(code=code)


def consent(world: World, child: Child, person: Person, **overrides: Any) -> ProcessingBasis:
    values: dict[str, Any] = {
        "purpose": purpose(),
        "kind": BasisKind.CONSENT,
        "representative": person,
        "representative_consent_on": timezone.localdate(),
        "representative_consent_method": ConsentMethod.WRITTEN,
        "child_consent_on": timezone.localdate(),
        "child_consent_method": ConsentMethod.ORAL,
        **overrides,
    }
    return processing_basis_record(
        actor=world.personas["worker"], child=child, data=BasisData(**values)
    )
