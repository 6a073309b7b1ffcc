"""Taking and assigning a referral inside the receiving agency: it arrives in the agency's
queue, not with one named person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.core.exceptions import StaleEditError

from .access import require
from .models import Referral
from .selectors import receiving_members
from .services import audit_referral


@transaction.atomic
def _assign(*, actor: User, referral: Referral, assignee: User, expected_version: int) -> Referral:
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "agency")
        .get(pk=referral.pk)
    )
    require(actor, locked, Perm.REFERRAL_RECEIVE)
    if locked.version != expected_version:
        raise StaleEditError
    if not locked.is_open:
        raise ValidationError(_("Chuyển gửi đã kết thúc; không thể phân công."))
    if not receiving_members(locked.agency).filter(pk=assignee.pk).exists():
        raise ValidationError({"assignee": _("Người này không thuộc cơ quan nhận.")})
    previous = locked.assigned_to_id
    locked.assigned_to = assignee
    locked.assigned_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["assigned_to", "assigned_at", "version", "updated_at"])
    audit_referral(
        event=AuditEvent.UPDATE,
        actor=actor,
        referral=locked,
        extra={"assigned_to": assignee.pk, "previous": previous},
    )
    return locked


def referral_take(*, actor: User, referral: Referral, expected_version: int) -> Referral:
    """A member of the receiving agency takes the referral from the agency's queue."""
    return _assign(
        actor=actor, referral=referral, assignee=actor, expected_version=expected_version
    )


def referral_assign(
    *, actor: User, referral: Referral, assignee: User, expected_version: int
) -> Referral:
    """A member of the receiving agency gives the referral to a colleague."""
    return _assign(
        actor=actor, referral=referral, assignee=assignee, expected_version=expected_version
    )
