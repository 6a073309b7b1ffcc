from __future__ import annotations

import datetime as dt
import uuid

import time_machine
from django.utils import timezone

from cpms.accounts.scope import referral_grant, referral_subject_ids
from cpms.accounts.services import access_grant_give, access_grant_revoke
from cpms.audit.models import AuditEvent, AuditLog

SUBJECT = "children.child"


def give(world, agency, subject_id, days=10):
    return access_grant_give(
        actor=world.personas["worker"],
        agency=agency,
        subject_type=SUBJECT,
        subject_id=subject_id,
        admin_unit=world.commune_a,
        until=timezone.now() + dt.timedelta(days=days),
        reason="Chuyển gửi điều tra",
        field_groups=["identity", "incident"],
    )


def test_it_lets_the_referred_agency_reach_the_record_while_the_grant_lasts(world):
    child = uuid.uuid4()
    give(world, world.police_a, child)
    police = world.personas["police"]
    assert referral_grant(police, subject_type=SUBJECT, subject_id=child) is not None
    assert list(referral_subject_ids(police, subject_type=SUBJECT)) == [str(child)]
    with time_machine.travel(timezone.now() + dt.timedelta(days=11)):
        police.__dict__.pop("_cpms_grants", None)
        assert referral_grant(police, subject_type=SUBJECT, subject_id=child) is None


def test_it_does_not_reach_records_referred_to_another_agency(world):
    child = uuid.uuid4()
    give(world, world.school_a, child)
    assert referral_grant(world.personas["police"], subject_type=SUBJECT, subject_id=child) is None
    assert referral_grant(world.personas["school"], subject_type=SUBJECT, subject_id=child)


def test_it_ends_access_when_the_grant_is_revoked_and_audits_both(world):
    child = uuid.uuid4()
    grant = give(world, world.police_a, child)
    access_grant_revoke(actor=world.personas["leader"], grant=grant)
    access_grant_revoke(actor=world.personas["leader"], grant=grant)
    assert referral_grant(world.personas["police"], subject_type=SUBJECT, subject_id=child) is None
    rows = AuditLog.objects.filter(subject_id=str(grant.uid)).order_by("id")
    assert [r.event_type for r in rows] == [AuditEvent.CREATE, AuditEvent.UPDATE]


def test_it_ignores_grants_for_area_scoped_roles(world):
    child = uuid.uuid4()
    give(world, world.pc_b, child)  # an agency of the outsider, an area-scoped worker
    assert (
        referral_grant(world.personas["outsider"], subject_type=SUBJECT, subject_id=child) is None
    )
