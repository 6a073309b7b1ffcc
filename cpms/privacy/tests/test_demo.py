from __future__ import annotations

import pytest
from django.core.management import call_command

from cpms.cases.models import Case
from cpms.privacy.demo import BASES
from cpms.privacy.models import ProcessingBasis


@pytest.mark.django_db
def test_the_demo_records_a_legal_basis_for_each_case_child_once():
    call_command("seed_demo_data")
    count = ProcessingBasis.objects.count()
    call_command("seed_demo_data")
    children = Case.objects.values("child").distinct().count()
    assert children > 0
    assert ProcessingBasis.objects.count() == count == children * len(BASES)
