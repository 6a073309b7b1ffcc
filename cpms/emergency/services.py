"""Opening and revoking emergency grants. Each writes its audit row in the same transaction;
opening notifies the supervisors once, without the child's name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import Membership, User
from cpms.accounts.permissions import Role
from cpms.accounts.scope import user_grants
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.models import valid_on
from cpms.core.text import normalize_text
from cpms.notifications.choices import NotificationKind
from cpms.notifications.services import notify

from .access import SUBJECT, active_grants
from .models import REASON_MIN_LENGTH, EmergencyAccess


def access_hours() -> int:
    return int(getattr(settings, "CPMS_EMERGENCY_ACCESS_HOURS", 4))


def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]


def supervisors(actor: User, case: Any) -> list[User]:
    """The commune leaders over the case's commune and over the actor's own area."""
    paths = set(_prefixes(case.unit_path))
    for grant in user_grants(actor):
        paths |= set(_prefixes(grant.unit_path))
    memberships = (
        Membership.objects.filter(role=Role.COMMUNE_LEADER, scope_unit__path__in=sorted(paths))
        .filter(valid_on(timezone.localdate()))
        .exclude(user_id=actor.pk)
        .select_related("user")
    )
    users = {m.user_id: m.user for m in memberships if m.user.is_active}
    return [users[k] for k in sorted(users)]


@transaction.atomic
def emergency_access_open(
    *, actor: User, case: Any, reason: str, request: HttpRequest | None = None
) -> tuple[EmergencyAccess, bool]:
    """Give `actor` read-only access to `case` (and its child) for CPMS_EMERGENCY_ACCESS_HOURS.

    An active grant of the same user on the same case is returned as it is (False): no
    second grant, no second notification. The user's row is locked so two tabs cannot both
    open one."""
    reason = normalize_text(reason).strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError(
            {"reason": _("Lý do phải có ít nhất %(n)s ký tự.") % {"n": REASON_MIN_LENGTH}}
        )
    User.objects.select_for_update().filter(pk=actor.pk).first()
    existing = active_grants().filter(user_id=actor.pk, case_id=case.pk).first()
    if existing is not None:
        return existing, False
    now = timezone.now()
    grant = EmergencyAccess(
        user=actor,
        case_id=case.pk,
        child_id=case.child_id,
        commune_id=case.commune_id,
        unit_path=case.unit_path,
        reason=reason,
        granted_at=now,
        expires_at=now + dt.timedelta(hours=access_hours()),
    )
    grant.full_clean()
    grant.save()
    audit_record(
        event=AuditEvent.CREATE,
        actor=actor,
        request=request,
        subject_type=SUBJECT,
        subject_id=grant.uid,
        admin_unit_id=case.commune_id,
        extra={"case": str(case.uid), "expires_at": grant.expires_at.isoformat()},
    )
    until = timezone.localtime(grant.expires_at)
    notify(
        recipients=supervisors(actor, case),
        kind=NotificationKind.OTHER,
        title=_("Có truy cập khẩn cấp vào một trường hợp"),
        body=_(
            "%(user)s đã mở một trường hợp của %(commune)s bằng quyền truy cập khẩn cấp, "
            "được xem đến %(until)s."
        )
        % {
            "user": actor.get_username(),
            "commune": case.commune.name,
            "until": f"{until:%d/%m/%Y %H:%M}",
        },
        url=reverse("emergency:list"),
        subject_type=SUBJECT,
        subject_id=grant.uid,
        dedupe_key=f"emergency:{grant.uid}",
    )
    return grant, True


@transaction.atomic
def emergency_access_revoke(
    *, actor: User, grant: EmergencyAccess, request: HttpRequest | None = None
) -> EmergencyAccess:
    """End a grant now (a second revocation changes nothing)."""
    locked = EmergencyAccess.objects.select_for_update().get(pk=grant.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_record(
        event=AuditEvent.UPDATE,
        actor=actor,
        request=request,
        subject_type=SUBJECT,
        subject_id=locked.uid,
        admin_unit_id=locked.commune_id,
        extra={"revoked": True},
    )
    return locked
