"""Moving a case to another commune. Atomic, with a timeline event and audit rows."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.cases.choices import EventKind
from cpms.cases.events import event_record
from cpms.cases.models import Case
from cpms.cases.services import audit_case, bump, lock_case
from cpms.cases.text import normalize_paragraphs
from cpms.children.models import Child
from cpms.children.services import ChildData, child_update
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit, UnitLevel

from .models import CaseTransfer

# Product choice, not law: the former commune keeps reading the case for 30 days after the
# transfer (to answer the new commune's questions and finish its own paperwork), as a
# receiving agency does after a referral. Override with settings.CASE_TRANSFER_ACCESS_DAYS.
DEFAULT_ACCESS_DAYS = 30


def access_days() -> int:
    return int(getattr(settings, "CASE_TRANSFER_ACCESS_DAYS", DEFAULT_ACCESS_DAYS))


def _check(
    case: Case, to_commune: AdminUnit, moved_on: dt.date, until: dt.datetime, now: dt.datetime
) -> None:
    if not case.is_open:
        raise ValidationError(_("Trường hợp đã kết thúc; không chuyển được."))
    today = timezone.localdate()
    if to_commune.level != UnitLevel.COMMUNE or not to_commune.is_valid_on(today):
        raise ValidationError({"to_commune": _("Vui lòng chọn một xã, phường đang hoạt động.")})
    if to_commune.pk == case.commune_id:
        raise ValidationError({"to_commune": _("Trường hợp đang ở xã, phường này.")})
    if moved_on > today:
        raise ValidationError({"moved_on": _("Ngày chuyển đến không được ở tương lai.")})
    if until < now:
        raise ValidationError(
            {"from_access_until": _("Thời điểm kết thúc quyền xem không được ở quá khứ.")}
        )


def _move_child(*, actor: User, child: Child, to_commune: AdminUnit, address: str) -> None:
    """The child's residence follows the case, through the registry's own edit service (its
    checks, version and audit row). The village is cleared: it belonged to the old commune."""
    names = [f.name for f in dataclasses.fields(ChildData) if f.name != "changed"]
    data = ChildData(**{name: getattr(child, name) for name in names})
    data = dataclasses.replace(
        data, commune=to_commune, village=None, address=normalize_text(address) or data.address
    )
    child_update(actor=actor, child=child, data=data, expected_version=child.version)


@transaction.atomic
def case_transfer(
    *,
    actor: User,
    case: Case,
    to_commune: AdminUnit,
    reason: str,
    moved_on: dt.date,
    expected_version: int,
    from_access_until: dt.datetime | None = None,
    address: str = "",
) -> CaseTransfer:
    """Hand the case to the commune the child moved to, effective at once.

    The case's commune and scope path change, so the new commune sees it in its lists at
    once; clocks and tasks keep running. The case is unassigned (the former worker no longer
    reaches it). The former commune keeps read-only access until `from_access_until`
    (default: now + access_days()). The child's residence moves with it. The caller checked
    case.edit on the case (access_case)."""
    locked = lock_case(case, expected_version)
    now = timezone.now()
    until = from_access_until or now + dt.timedelta(days=access_days())
    _check(locked, to_commune, moved_on, until, now)
    from_commune = locked.commune
    transfer = CaseTransfer(
        case=locked,
        from_commune=from_commune,
        from_path=locked.unit_path,
        to_commune=to_commune,
        reason=normalize_paragraphs(reason),
        moved_on=moved_on,
        transferred_at=now,
        transferred_by=actor,
        from_access_until=until,
    )
    transfer.full_clean(exclude=["case", "from_commune", "to_commune", "transferred_by"])
    transfer.save()
    previous_assignee = locked.assigned_to_id
    locked.commune = to_commune
    locked.unit_path = to_commune.path
    locked.assigned_to = None
    bump(locked, "commune", "unit_path", "assigned_to")
    _move_child(actor=actor, child=locked.child, to_commune=to_commune, address=address)
    event_record(
        case=locked,
        kind=EventKind.NOTE,
        actor=actor,
        at=now,
        summary=_("Chuyển trường hợp từ %(old)s đến %(new)s (trẻ chuyển nơi ở ngày %(day)s)")
        % {"old": from_commune.name, "new": to_commune.name, "day": f"{moved_on:%d/%m/%Y}"},
        data={
            "transfer": str(transfer.uid),
            "from_commune": from_commune.pk,
            "to_commune": to_commune.pk,
            "previous_assignee": previous_assignee,
        },
    )
    audit_case(
        event=AuditEvent.UPDATE,
        actor=actor,
        case=locked,
        extra={
            "transfer": str(transfer.uid),
            "from_commune": from_commune.pk,
            "to_commune": to_commune.pk,
            "from_access_until": until.isoformat(),
        },
    )
    return transfer
