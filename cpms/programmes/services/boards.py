"""Writes of the commune steering boards: the board, its members, meetings and decisions.
A board belongs to one commune; its members, meetings and decisions are reached through it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.core.exceptions import StaleEditError
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit, UnitLevel

from ..choices import DecisionStatus
from ..models import BoardDecision, BoardMeeting, BoardMember, SteeringBoard
from .common import audit, lock_version, long_text, require, save_changes


def _check_commune(commune: AdminUnit) -> None:
    if commune.level != UnitLevel.COMMUNE:
        raise ValidationError({"commune": _("Vui lòng chọn một xã, phường.")})


@transaction.atomic
def board_create(
    *,
    actor: User,
    commune: AdminUnit,
    name: str,
    decision: str,
    established_on: dt.date | None = None,
) -> SteeringBoard:
    _check_commune(commune)
    require(actor, [commune.path], Perm.PROGRAMME_EDIT)
    board = SteeringBoard(
        commune=commune,
        name=normalize_text(name),
        decision=normalize_text(decision),
        established_on=established_on,
        created_by=actor,
    )
    board.full_clean(exclude=["created_by", "commune"])
    board.save()
    audit(event=AuditEvent.CREATE, actor=actor, obj=board, admin_unit_id=commune.pk)
    return board


@transaction.atomic
def board_update(
    *,
    actor: User,
    board: SteeringBoard,
    commune: AdminUnit,
    name: str,
    decision: str,
    established_on: dt.date | None,
    expected_version: int,
) -> SteeringBoard:
    locked = lock_version(SteeringBoard, board, expected_version, "commune")
    _check_commune(commune)
    require(actor, [locked.commune.path, commune.path], Perm.PROGRAMME_EDIT)
    values = {
        "commune": commune,
        "name": normalize_text(name),
        "decision": normalize_text(decision),
        "established_on": established_on,
    }
    save_changes(actor=actor, obj=locked, values=values, admin_unit_id=commune.pk)
    return locked


@dataclass
class MemberData:
    position: str
    user: User | None = None
    person_name: str = ""
    agency: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


def _member_values(data: MemberData) -> dict[str, object]:
    name = normalize_text(data.person_name)
    if data.user is None and not name:
        raise ValidationError({"person_name": _("Chọn một tài khoản hoặc ghi họ và tên.")})
    if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
        raise ValidationError({"valid_to": _("Ngày kết thúc không được trước ngày bắt đầu.")})
    return {
        "user": data.user,
        "person_name": "" if data.user is not None else name,
        "position": data.position,
        "agency": normalize_text(data.agency),
        "valid_from": data.valid_from,
        "valid_to": data.valid_to,
    }


@transaction.atomic
def member_add(*, actor: User, board: SteeringBoard, data: MemberData) -> BoardMember:
    require(actor, [board.commune.path], Perm.PROGRAMME_EDIT)
    member = BoardMember(board=board, created_by=actor, **_member_values(data))
    member.full_clean(exclude=["created_by", "board", "user"])
    member.save()
    audit(
        event=AuditEvent.CREATE,
        actor=actor,
        obj=member,
        admin_unit_id=board.commune_id,
        extra={"board": str(board.uid)},
    )
    return member


@transaction.atomic
def member_update(
    *, actor: User, member: BoardMember, data: MemberData, expected_version: int
) -> BoardMember:
    locked = lock_version(BoardMember, member, expected_version, "board__commune")
    require(actor, [locked.board.commune.path], Perm.PROGRAMME_EDIT)
    values = _member_values(data)
    save_changes(actor=actor, obj=locked, values=values, admin_unit_id=locked.board.commune_id)
    return locked


@transaction.atomic
def member_end(
    *, actor: User, member: BoardMember, ended_on: dt.date, expected_version: int
) -> BoardMember:
    """End a membership on a day (the member leaves the board; the row stays as history)."""
    locked = lock_version(BoardMember, member, expected_version, "board__commune")
    require(actor, [locked.board.commune.path], Perm.PROGRAMME_EDIT)
    if locked.valid_to is not None and locked.valid_to < timezone.localdate():
        raise ValidationError(_("Thành viên này đã thôi tham gia ban."))
    if locked.valid_from is not None and ended_on < locked.valid_from:
        raise ValidationError({"valid_to": _("Ngày kết thúc không được trước ngày bắt đầu.")})
    values = {"valid_to": ended_on}
    save_changes(actor=actor, obj=locked, values=values, admin_unit_id=locked.board.commune_id)
    return locked


@transaction.atomic
def meeting_record(
    *, actor: User, board: SteeringBoard, date: dt.date, minutes: str
) -> BoardMeeting:
    require(actor, [board.commune.path], Perm.PROGRAMME_EDIT)
    if date > timezone.localdate():
        raise ValidationError({"date": _("Chỉ ghi nhận cuộc họp đã diễn ra.")})
    meeting = BoardMeeting(board=board, date=date, minutes=long_text(minutes), created_by=actor)
    meeting.full_clean(exclude=["created_by", "board"])
    meeting.save()
    audit(event=AuditEvent.CREATE, actor=actor, obj=meeting, admin_unit_id=board.commune_id)
    return meeting


@transaction.atomic
def decision_record(
    *, actor: User, meeting: BoardMeeting, text: str, owner: str, due_on: dt.date | None
) -> BoardDecision:
    require(actor, [meeting.board.commune.path], Perm.PROGRAMME_EDIT)
    if due_on is not None and due_on < meeting.date:
        raise ValidationError({"due_on": _("Hạn hoàn thành không được trước ngày họp.")})
    decision = BoardDecision(
        meeting=meeting,
        text=long_text(text),
        owner=normalize_text(owner),
        due_on=due_on,
        created_by=actor,
    )
    decision.full_clean(exclude=["created_by", "meeting"])
    decision.save()
    audit(
        event=AuditEvent.CREATE,
        actor=actor,
        obj=decision,
        admin_unit_id=meeting.board.commune_id,
    )
    return decision


@transaction.atomic
def decision_done(
    *, actor: User, decision: BoardDecision, done_on: dt.date, note: str, expected_version: int
) -> BoardDecision:
    """Mark a decision done; refused when someone changed it since it was read."""
    locked = (
        BoardDecision.objects.select_for_update()
        .select_related("meeting__board__commune")
        .get(pk=decision.pk)
    )
    if locked.version != expected_version or locked.status != DecisionStatus.OPEN:
        raise StaleEditError
    require(actor, [locked.meeting.board.commune.path], Perm.PROGRAMME_EDIT)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Ngày hoàn thành không được ở tương lai.")})
    if done_on < locked.meeting.date:
        raise ValidationError({"done_on": _("Ngày hoàn thành không được trước ngày họp.")})
    locked.status = DecisionStatus.DONE
    locked.done_on = done_on
    locked.done_note = long_text(note)
    locked.version += 1
    locked.save(update_fields=["status", "done_on", "done_note", "version", "updated_at"])
    audit(
        event=AuditEvent.UPDATE,
        actor=actor,
        obj=locked,
        admin_unit_id=locked.meeting.board.commune_id,
        extra={"status": DecisionStatus.DONE, "done_on": done_on.isoformat()},
    )
    return locked
