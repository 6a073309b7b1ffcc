"""Writes of capacity building: courses, sessions, participants."""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.core.exceptions import StaleEditError
from cpms.core.text import normalize_text
from cpms.geography.models import AdminUnit

from ..models import Participation, TrainingCourse, TrainingSession, TrainingTopic
from .common import audit, lock_version, require, save_changes


@transaction.atomic
def course_create(
    *, actor: User, title: str, topic: TrainingTopic, unit: AdminUnit, organiser: str = ""
) -> TrainingCourse:
    """A course is filed under the unit that organises it; its sessions may be held anywhere
    in that unit's area."""
    require(actor, [unit.path], Perm.PROGRAMME_EDIT)
    course = TrainingCourse(
        title=normalize_text(title),
        topic=topic,
        unit=unit,
        organiser=normalize_text(organiser),
        created_by=actor,
    )
    course.full_clean(exclude=["created_by", "topic", "unit"])
    course.save()
    audit(event=AuditEvent.CREATE, actor=actor, obj=course, admin_unit_id=unit.pk)
    return course


@transaction.atomic
def course_update(
    *,
    actor: User,
    course: TrainingCourse,
    title: str,
    topic: TrainingTopic,
    unit: AdminUnit,
    organiser: str,
    expected_version: int,
) -> TrainingCourse:
    """Edit a course; its sessions must stay inside the organising unit's area."""
    locked = lock_version(TrainingCourse, course, expected_version, "unit")
    require(actor, [locked.unit.path, unit.path], Perm.PROGRAMME_EDIT)
    outside = locked.sessions.exclude(unit__path__startswith=unit.path)
    if unit != locked.unit and outside.exists():
        raise ValidationError(
            {"unit": _("Có buổi tập huấn tổ chức ngoài địa bàn này; không đổi được cấp tổ chức.")}
        )
    values = {
        "title": normalize_text(title),
        "topic": topic,
        "unit": unit,
        "organiser": normalize_text(organiser),
    }
    save_changes(actor=actor, obj=locked, values=values, admin_unit_id=unit.pk)
    return locked


@dataclass
class SessionData:
    date: dt.date
    hours: decimal.Decimal
    trainer: str
    place: str
    unit: AdminUnit


def _apply_session(session: TrainingSession, data: SessionData) -> list[str]:
    if data.date > timezone.localdate() + dt.timedelta(days=366):
        raise ValidationError({"date": _("Ngày tập huấn quá xa.")})
    if not data.unit.path.startswith(session.course.unit.path):
        raise ValidationError(
            {"unit": _("Địa bàn tổ chức phải thuộc địa bàn của đơn vị tổ chức khóa tập huấn.")}
        )
    values = {
        "date": data.date,
        "hours": data.hours,
        "trainer": normalize_text(data.trainer),
        "place": normalize_text(data.place),
        "unit": data.unit,
    }
    changed = [k for k, v in values.items() if getattr(session, k, None) != v]
    for k, v in values.items():
        setattr(session, k, v)
    return changed


@transaction.atomic
def session_create(*, actor: User, course: TrainingCourse, data: SessionData) -> TrainingSession:
    require(actor, [data.unit.path, course.unit.path], Perm.PROGRAMME_EDIT)
    session = TrainingSession(course=course, created_by=actor)
    _apply_session(session, data)
    session.full_clean(exclude=["created_by", "course", "unit"])
    session.save()
    audit(event=AuditEvent.CREATE, actor=actor, obj=session, admin_unit_id=data.unit.pk)
    return session


@transaction.atomic
def session_update(
    *, actor: User, session: TrainingSession, data: SessionData, expected_version: int
) -> TrainingSession:
    """Save an edit unless someone else saved the session since `expected_version` was read."""
    locked = (
        TrainingSession.objects.select_for_update()
        .select_related("course__unit", "unit")
        .get(pk=session.pk)
    )
    if locked.version != expected_version:
        raise StaleEditError
    require(actor, [locked.unit.path, data.unit.path, locked.course.unit.path], Perm.PROGRAMME_EDIT)
    changed = _apply_session(locked, data)
    if not changed:
        return locked
    locked.full_clean(exclude=["created_by", "course", "unit"])
    locked.version += 1
    fields = [f"{c}_id" if c == "unit" else c for c in changed]
    locked.save(update_fields=[*fields, "version", "updated_at"])
    audit(
        event=AuditEvent.UPDATE,
        actor=actor,
        obj=locked,
        admin_unit_id=locked.unit_id,
        extra={"fields": sorted(changed)},
    )
    return locked


@dataclass
class ParticipantData:
    group: str
    sex: str
    user: User | None = None
    person_name: str = ""
    present: bool = True
    certificate_no: str = ""
    certificate_date: dt.date | None = None


@transaction.atomic
def participant_add(
    *, actor: User, session: TrainingSession, data: ParticipantData
) -> Participation:
    """A person with an account is listed once per session (the database refuses a second
    row); people without an account are named in free text."""
    require(actor, [session.unit.path, session.course.unit.path], Perm.PROGRAMME_EDIT)
    name = normalize_text(data.person_name)
    if data.user is None and not name:
        raise ValidationError(
            {"person_name": _("Chọn một tài khoản hoặc ghi họ và tên người tham gia.")}
        )
    if data.certificate_date is not None and data.certificate_date < session.date:
        raise ValidationError(
            {"certificate_date": _("Ngày cấp chứng nhận không được trước ngày tập huấn.")}
        )
    participation = Participation(
        session=session,
        user=data.user,
        person_name="" if data.user is not None else name,
        group=data.group,
        sex=data.sex,
        present=data.present,
        certificate_no=normalize_text(data.certificate_no),
        certificate_date=data.certificate_date,
        created_by=actor,
    )
    participation.full_clean(exclude=["created_by", "session", "user"])
    try:
        with transaction.atomic():
            participation.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"user": _("Người này đã có trong danh sách của buổi tập huấn.")}
        ) from exc
    audit(
        event=AuditEvent.CREATE,
        actor=actor,
        obj=participation,
        admin_unit_id=session.unit_id,
        extra={"session": str(session.uid)},
    )
    return participation
