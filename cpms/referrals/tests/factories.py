"""Referrals for tests, built through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import timezone

from cpms.accounts.models import Agency, User
from cpms.cases.models import Case
from cpms.referrals.choices import ReferralKind, SharingBasis
from cpms.referrals.models import Referral
from cpms.referrals.services import referral_send
from cpms.testing import World


def send(world: World, case: Case, agency: Agency | None = None, **overrides: Any) -> Referral:
    values: dict[str, Any] = {
        "kind": ReferralKind.INVESTIGATION,
        "service": "Xác minh, điều tra hành vi xâm hại",
        "due_on": timezone.localdate() + dt.timedelta(days=7),
        "sharing_basis": SharingBasis.STATE_DUTY,
        "sharing_note": "Luật Trẻ em Điều 51",
        **overrides,
    }
    return referral_send(
        actor=overrides.pop("actor", None) or world.personas["worker"],
        case=case,
        agency=agency or world.police_a,
        **{k: v for k, v in values.items() if k != "actor"},
    )


def request_as(user: User) -> HttpRequest:
    request = RequestFactory().get("/")
    request.user = user
    return request
