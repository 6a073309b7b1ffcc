from __future__ import annotations

import pytest
from django.core.management import call_command

from cpms.referrals.choices import ReferralState
from cpms.referrals.models import Referral
from cpms.referrals.selectors import answers_in_app


@pytest.mark.django_db
def test_the_demo_has_referrals_in_each_situation_and_is_idempotent():
    call_command("seed_demo_data")
    call_command("seed_demo_data")
    referrals = {r.agency.kind: r for r in Referral.objects.select_related("agency")}
    assert set(referrals) == {"police", "school", "health"}
    police = referrals["police"]
    assert police.state == ReferralState.ACCEPTED
    assert police.assigned_to is not None and police.assigned_to.username == "congan.nghialo"
    assert referrals["school"].state == ReferralState.SENT
    assert not answers_in_app(referrals["health"].agency)  # sent as a letter
