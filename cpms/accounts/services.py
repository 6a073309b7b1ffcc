"""Writes to users, agencies and memberships. Each writes one audit row in its transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit

from .models import Agency, AgencyAccessGrant, AgencyKind, Membership, User
from .permissions import Role


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    full_name: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    user = User(
        username=normalize_text(username),
        full_name=normalize_text(full_name),
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(
        event=AuditEvent.CREATE, actor=actor, subject_type="accounts.user", subject_id=user.uid
    )
    return user


@transaction.atomic
def agency_create(
    *,
    actor: User | None,
    name: str,
    kind: AgencyKind | str,
    admin_unit: AdminUnit,
    parent: Agency | None = None,
    phone: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Agency:
    agency = Agency(
        name=normalize_text(name),
        kind=kind,
        admin_unit=admin_unit,
        parent=parent,
        phone=normalize_text(phone),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    agency.full_clean()
    agency.save()
    audit_record(
        event=AuditEvent.CREATE,
        actor=actor,
        subject_type="accounts.agency",
        subject_id=agency.uid,
        admin_unit_id=admin_unit.pk,
    )
    return agency


@transaction.atomic
def membership_grant(
    *,
    actor: User | None,
    user: User,
    agency: Agency,
    role: Role,
    scope_unit: AdminUnit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Membership:
    """Give `user` a role in `agency`. The scope unit defaults to the agency's unit and must lie
    inside it: a membership never reaches beyond its agency's area."""
    unit = scope_unit or agency.admin_unit
    if not unit.path.startswith(agency.admin_unit.path):
        raise ValidationError(_("Địa bàn phụ trách phải nằm trong địa bàn của cơ quan."))
    membership = Membership(
        user=user,
        agency=agency,
        role=role,
        scope_unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    membership.full_clean()
    membership.save()
    audit_record(
        event=AuditEvent.CREATE,
        actor=actor,
        subject_type="accounts.membership",
        subject_id=membership.uid,
        admin_unit_id=unit.pk,
        extra={"user": str(user.uid), "role": str(role), "agency": str(agency.uid)},
    )
    return membership


@transaction.atomic
def access_grant_give(
    *,
    actor: User | None,
    agency: Agency,
    subject_type: str,
    subject_id: object,
    admin_unit: AdminUnit,
    until: dt.datetime,
    reason: str,
    legal_basis: str = "",
    field_groups: list[str] | None = None,
) -> AgencyAccessGrant:
    """Let a referral-scoped agency see one record until `until` (audited)."""
    grant = AgencyAccessGrant(
        agency=agency,
        subject_type=subject_type,
        subject_id=str(subject_id),
        admin_unit=admin_unit,
        field_groups=field_groups or [],
        reason=normalize_text(reason),
        legal_basis=normalize_text(legal_basis),
        granted_by=actor,
        valid_from=timezone.now(),
        valid_until=until,
    )
    grant.full_clean()
    grant.save()
    audit_record(
        event=AuditEvent.CREATE,
        actor=actor,
        subject_type="accounts.agencyaccessgrant",
        subject_id=grant.uid,
        admin_unit_id=admin_unit.pk,
        extra={"agency": str(agency.uid), "subject": f"{subject_type}:{subject_id}"},
    )
    return grant


@transaction.atomic
def access_grant_revoke(*, actor: User | None, grant: AgencyAccessGrant) -> AgencyAccessGrant:
    """End a grant now (idempotent: a revoked grant keeps its first revocation time)."""
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            event=AuditEvent.UPDATE,
            actor=actor,
            subject_type="accounts.agencyaccessgrant",
            subject_id=grant.uid,
            admin_unit_id=grant.admin_unit_id,
            extra={"revoked": True},
        )
    return grant
