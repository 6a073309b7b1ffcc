from __future__ import annotations

from django.db.models import QuerySet

from cpms.accounts.models import User
from cpms.accounts.scope import unit_scope_q

from .models import EmergencyAccess


def emergency_list(*, viewer: User) -> QuerySet[EmergencyAccess]:
    """Grants on cases in the viewer's area, newest first."""
    return (
        EmergencyAccess.objects.filter(unit_scope_q(viewer, personal=True, field="unit_path"))
        .select_related("user", "commune", "revoked_by", "case")
        .order_by("-granted_at", "-pk")
    )


def emergency_own(*, user: User) -> QuerySet[EmergencyAccess]:
    return (
        EmergencyAccess.objects.filter(user=user)
        .select_related("commune", "case")
        .order_by("-granted_at", "-pk")[:10]
    )
