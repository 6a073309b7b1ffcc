"""Writes to users, agencies and memberships. Each writes one audit row in its transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit

from .models import Agency, AgencyKind, Membership, User
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
