"""Writes to cases. Every service is atomic, writes its timeline event and one audit row,
and refreshes the case's legal clocks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.children.models import Child
from cpms.children.services import StaleEditError
from cpms.geography.models import AdminUnit

from .choices import CaseState, EventKind, ProtectionLevel
from .deadlines import deadlines_refresh
from .events import event_record
from .models import Case, CaseNote, CaseTask
from .steps import STEP_WRITERS
from .text import normalize_paragraphs
from .transitions import TRANSITIONS

SUBJECT = "cases.case"

__all__ = ["StaleEditError", "case_open", "case_transition"]


def audit_case(
    *, event: AuditEvent, actor: User | None, case: Case, extra: dict[str, Any] | None = None
) -> None:
    audit_record(
        event=event,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=case.uid,
        admin_unit_id=case.commune_id,
        extra=extra,
    )


def lock_case(case: Case, expected_version: int | None) -> Case:
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("commune", "child")
        .get(pk=case.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise StaleEditError
    if Case.objects.filter(pk=case.pk, archive__isnull=False).exists():
        raise ValidationError(_("Trường hợp đã được lưu trữ hết thời hạn lưu giữ: chỉ xem."))
    return locked


def bump(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])


@transaction.atomic
def case_open(
    *,
    actor: User,
    child: Child,
    commune: AdminUnit,
    received_at: dt.datetime,
    emergency: bool = False,
    protection_level: str = ProtectionLevel.SUPPORT,
) -> Case:
    """Open a case (one per child per episode) in the commune that handles it."""
    if Case.objects.filter(child=child).exclude(state=CaseState.CLOSED).exists():
        raise ValidationError(
            _("Trẻ này đang có một trường hợp chưa kết thúc: hãy gắn thông tin vào trường hợp đó.")
        )
    case = Case(
        child=child,
        commune=commune,
        unit_path=commune.path,
        received_at=received_at,
        emergency=emergency,
        protection_level=protection_level,
        opened_by=actor,
        assigned_to=actor,
    )
    case.full_clean(exclude=["child", "commune", "opened_by", "assigned_to"])
    case.save()
    now = timezone.now()
    event_record(case=case, kind=EventKind.OPENED, actor=actor, at=now)
    deadlines_refresh(case=case, at=now, step="open")
    audit_case(event=AuditEvent.CREATE, actor=actor, case=case, extra={"child": str(child.uid)})
    return case


@transaction.atomic
def case_link_report(*, actor: User, case: Case, emergency: bool, report_uid: str) -> Case:
    """A further report about a child with an open case joins that case."""
    locked = lock_case(case, None)
    if locked.state == CaseState.CLOSED:
        raise ValidationError(_("Trường hợp đã kết thúc; hãy mở lại hoặc mở trường hợp mới."))
    now = timezone.now()
    event_record(
        case=locked, kind=EventKind.REPORT_LINKED, actor=actor, at=now, data={"report": report_uid}
    )
    if emergency and not locked.emergency:
        locked.emergency = True
        bump(locked, "emergency")
        deadlines_refresh(case=locked, at=now, step="report_linked")
    audit_case(
        event=AuditEvent.UPDATE, actor=actor, case=locked, extra={"report_linked": report_uid}
    )
    return locked


@transaction.atomic
def case_transition(
    *, actor: User, case: Case, code: str, data: dict[str, Any], expected_version: int
) -> Case:
    """Move the case one step along TRANSITIONS, recording the step's form. The caller has
    checked the step's permission (access_case with need=transition.perm)."""
    transition = TRANSITIONS[code]
    locked = lock_case(case, expected_version)
    if locked.state not in transition.sources:
        raise ValidationError(
            _("Không thể thực hiện bước “%(step)s” khi trường hợp đang ở bước “%(state)s”.")
            % {"step": transition.label, "state": locked.get_state_display()}
        )
    now = timezone.now()
    from_state = locked.state
    writer = STEP_WRITERS[code]
    summary, changed, event_data = writer(case=locked, actor=actor, data=data, at=now)
    locked.state = transition.target
    bump(locked, "state", *changed)
    event_record(
        case=locked,
        kind=EventKind.TRANSITION,
        actor=actor,
        at=now,
        transition=code,
        from_state=from_state,
        summary=summary,
        data=event_data,
    )
    deadlines_refresh(case=locked, at=now, step=code)
    audit_case(
        event=AuditEvent.UPDATE,
        actor=actor,
        case=locked,
        extra={"transition": code, "from": from_state, "to": locked.state},
    )
    return locked


@transaction.atomic
def note_add(*, actor: User, case: Case, text: str) -> CaseNote:
    note = CaseNote(case=case, text=normalize_paragraphs(text), author=actor)
    note.full_clean(exclude=["case", "author"])
    note.save()
    event_record(case=case, kind=EventKind.NOTE, actor=actor, summary=note.text[:200])
    audit_case(event=AuditEvent.UPDATE, actor=actor, case=case, extra={"note": note.pk})
    return note


@transaction.atomic
def task_add(
    *, actor: User, case: Case, title: str, owner: User | None, due_on: dt.date | None
) -> CaseTask:
    task = CaseTask(
        case=case, title=normalize_paragraphs(title), owner=owner, due_on=due_on, created_by=actor
    )
    task.full_clean(exclude=["case", "owner", "created_by"])
    task.save()
    event_record(case=case, kind=EventKind.TASK_ADDED, actor=actor, summary=task.title)
    audit_case(event=AuditEvent.UPDATE, actor=actor, case=case, extra={"task_added": str(task.uid)})
    return task


@transaction.atomic
def task_done(*, actor: User, task: CaseTask) -> CaseTask:
    locked = CaseTask.objects.select_for_update(of=("self",)).select_related("case").get(pk=task.pk)
    if locked.done_at is None:
        locked.done_at = timezone.now()
        locked.done_by = actor
        locked.save(update_fields=["done_at", "done_by", "updated_at"])
        event_record(case=locked.case, kind=EventKind.TASK_DONE, actor=actor, summary=locked.title)
        audit_case(
            event=AuditEvent.UPDATE,
            actor=actor,
            case=locked.case,
            extra={"task_done": str(locked.uid)},
        )
    return locked
