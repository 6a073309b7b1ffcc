from __future__ import annotations

import pytest
from django.core.management import call_command

from cpms.care.choices import PlacementStatus
from cpms.care.models import CareProvider, Placement, ProviderVerification
from cpms.care.tests.factories import reference_data


@pytest.mark.django_db
def test_the_demo_has_caregivers_and_a_placement_and_is_idempotent():
    reference_data()
    call_command("seed_demo_data")
    call_command("seed_demo_data")
    assert CareProvider.objects.count() == 4
    assert ProviderVerification.objects.filter(eligible=False).count() == 1
    placement = Placement.objects.get()
    assert placement.status == PlacementStatus.ACTIVE
    assert placement.provider.name == "Gia đình ông Lê Văn Thành"
