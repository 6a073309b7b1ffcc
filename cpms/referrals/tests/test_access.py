from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.http import Http404
from django.utils import timezone

from cpms.accounts.models import AgencyAccessGrant, AgencyKind
from cpms.accounts.permissions import Perm
from cpms.accounts.services import agency_create
from cpms.cases.access import access_case
from cpms.cases.tests.factories import make_case
from cpms.referrals.access import access_referral
from cpms.referrals.choices import ReferralKind
from cpms.referrals.models import SharedFieldGroups
from cpms.referrals.services import (
    referral_accept,
    referral_cancel,
    referral_complete,
    referral_start,
)

from .factories import request_as, send


def test_the_police_reach_the_case_while_referred_and_lose_it_after_the_period(world):
    police = world.personas["police"]
    case = make_case(world)
    with pytest.raises(Http404):
        access_case(request_as(police), case.uid)
    referral = send(world, case)
    assert access_case(request_as(police), case.uid).pk == case.pk
    referral = referral_accept(actor=police, referral=referral, expected_version=1)
    referral = referral_start(actor=police, referral=referral, expected_version=2)
    referral = referral_complete(actor=police, referral=referral, expected_version=3)
    assert referral.grant_id is not None
    grant = AgencyAccessGrant.objects.get(pk=referral.grant_id)
    assert referral.completed_at is not None
    assert grant.valid_until == referral.completed_at + dt.timedelta(days=30)
    with time_machine.travel(timezone.now() + dt.timedelta(days=29)):
        assert access_case(request_as(police), case.uid).pk == case.pk
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)), pytest.raises(Http404):
        access_case(request_as(police), case.uid)


def test_cancelling_ends_the_agency_access_at_once(world):
    police = world.personas["police"]
    case = make_case(world)
    referral = send(world, case)
    referral_cancel(
        actor=world.personas["worker"], referral=referral, reason="Nhầm cơ quan", expected_version=1
    )
    with pytest.raises(Http404):
        access_case(request_as(police), case.uid)


def test_a_school_never_referred_gets_404(world):
    case = make_case(world)
    referral = send(world, case)  # to the police, not the school
    school = world.personas["school"]
    with pytest.raises(Http404):
        access_case(request_as(school), case.uid)
    with pytest.raises(Http404):
        access_referral(request_as(school), referral.uid, need=Perm.REFERRAL_RECEIVE)
    assert access_referral(
        request_as(world.personas["police"]), referral.uid, need=Perm.REFERRAL_RECEIVE
    )


def test_the_grant_field_groups_follow_the_agency_kind(world):
    police = send(world, make_case(world))
    school = send(world, make_case(world), world.school_a, kind=ReferralKind.EDUCATION)
    ngo = agency_create(
        actor=None, name="Tổ chức Hy Vọng", kind=AgencyKind.NGO, admin_unit=world.province
    )
    other = send(world, make_case(world), ngo, kind=ReferralKind.PSYCHOLOGICAL)
    assert police.grant is not None and school.grant is not None and other.grant is not None
    assert police.grant.field_groups == [
        "identity",
        "abuse_details",
        "perpetrators",
        "justice_track",
    ]
    assert school.grant.field_groups == ["identity", "support_needs"]
    assert other.grant.field_groups == ["identity"]
    assert police.grant.subject_type == "cases.case"
    assert police.grant.subject_id == str(police.case.uid)


def test_the_sharing_table_is_configurable(world):
    SharedFieldGroups.objects.filter(agency_kind=AgencyKind.SCHOOL).update(
        field_groups=["identity"], days_after_end=5
    )
    referral = send(world, make_case(world), world.school_a, kind=ReferralKind.EDUCATION)
    assert referral.grant is not None
    assert referral.grant.field_groups == ["identity"]
    school = world.personas["school"]
    referral = referral_accept(actor=school, referral=referral, expected_version=1)
    referral = referral_start(actor=school, referral=referral, expected_version=2)
    referral = referral_complete(actor=school, referral=referral, expected_version=3)
    assert referral.grant is not None and referral.completed_at is not None
    referral.grant.refresh_from_db()
    assert referral.grant.valid_until == referral.completed_at + dt.timedelta(days=5)
