"""Writes to conferences. Each service is atomic and writes a timeline event and an audit row;
decisions become case tasks through cases.services.task_add in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.models import Agency, User
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.choices import EventKind
from cpms.cases.events import event_record
from cpms.cases.models import Case
from cpms.cases.services import task_add
from cpms.cases.text import normalize_paragraphs
from cpms.core.exceptions import StaleEditError
from cpms.core.text import normalize_text

from .access import SUBJECT
from .models import CaseConference, ConferenceDecision, ConferenceParticipant
from .selectors import decision_owners

# A conference may be recorded a little ahead of the server clock (a phone set a few minutes
# fast), never for a meeting that has not happened.
CLOCK_SKEW = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class ConferenceData:
    held_at: dt.datetime
    place: str = ""
    chaired_by: User | None = None
    chair_name: str = ""
    minutes: str = ""


@dataclass(frozen=True)
class ParticipantData:
    name: str
    agency: Agency | None = None
    position: str = ""
    user: User | None = None


@dataclass(frozen=True)
class DecisionData:
    text: str
    owner: User
    due_on: dt.date


def _audit(
    *, event: AuditEvent, actor: User, conference: CaseConference, extra: dict[str, object]
) -> None:
    audit_record(
        event=event,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=conference.uid,
        admin_unit_id=conference.case.commune_id,
        extra={"case": str(conference.case.uid), **extra},
    )


def _apply(conference: CaseConference, data: ConferenceData) -> list[str]:
    if data.held_at > timezone.now() + CLOCK_SKEW:
        raise ValidationError({"held_at": _("Cuộc họp chưa diễn ra: kiểm tra lại thời gian họp.")})
    values: dict[str, object] = {
        "held_at": data.held_at,
        "place": normalize_text(data.place),
        "chaired_by": data.chaired_by,
        "chair_name": normalize_text(data.chair_name),
        "minutes": normalize_paragraphs(data.minutes),
    }
    if not values["chair_name"] and data.chaired_by is None:
        raise ValidationError({"chair_name": _("Vui lòng ghi người chủ trì cuộc họp.")})
    changed = [k for k, v in values.items() if getattr(conference, k, None) != v]
    for name, value in values.items():
        setattr(conference, name, value)
    return changed


def _check_decisions(case: Case, decisions: Sequence[DecisionData]) -> None:
    allowed = set(decision_owners(case).values_list("pk", flat=True))
    if any(d.owner.pk not in allowed for d in decisions):
        raise ValidationError(
            _("Người thực hiện quyết định phải là người làm việc tại xã, phường của trường hợp.")
        )


@transaction.atomic
def conference_record(
    *,
    actor: User,
    case: Case,
    data: ConferenceData,
    participants: Sequence[ParticipantData],
    decisions: Sequence[DecisionData],
) -> CaseConference:
    """Record a held conference. Each decision becomes a task of the case (owner and due date
    as decided), so the follow-up shows where people already look for their work. Owners
    must work in the case's commune, like any task owner."""
    if not case.is_open:
        raise ValidationError(_("Trường hợp đã kết thúc."))
    if not participants:
        raise ValidationError(_("Vui lòng ghi ít nhất một người tham dự."))
    _check_decisions(case, decisions)
    conference = CaseConference(case=case, recorded_by=actor)
    _apply(conference, data)
    conference.full_clean(exclude=["case", "recorded_by", "chaired_by"])
    conference.save()
    ConferenceParticipant.objects.bulk_create(
        ConferenceParticipant(
            conference=conference,
            agency=p.agency,
            name=normalize_text(p.name),
            position=normalize_text(p.position),
            user=p.user,
        )
        for p in participants
    )
    tasks = []
    for d in decisions:
        task = task_add(actor=actor, case=case, title=d.text, owner=d.owner, due_on=d.due_on)
        ConferenceDecision.objects.create(
            conference=conference, text=task.title, owner=d.owner, due_on=d.due_on, task=task
        )
        tasks.append(str(task.uid))
    event_record(
        case=case,
        kind=EventKind.NOTE,
        actor=actor,
        summary=_("Họp liên ngành ngày %(day)s: %(p)d người tham dự, %(d)d quyết định")
        % {
            "day": timezone.localtime(conference.held_at).strftime("%d/%m/%Y"),
            "p": len(participants),
            "d": len(decisions),
        },
        data={"conference": str(conference.uid)},
    )
    _audit(
        event=AuditEvent.CREATE,
        actor=actor,
        conference=conference,
        extra={"participants": len(participants), "tasks": tasks},
    )
    return conference


@transaction.atomic
def conference_update(
    *, actor: User, conference: CaseConference, data: ConferenceData, expected_version: int
) -> CaseConference:
    """Correct the record (time, place, chair, minutes) unless someone else saved it since
    `expected_version` was read. Decisions are not edited here: their tasks live on the case."""
    locked = (
        CaseConference.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=conference.pk)
    )
    if locked.version != expected_version:
        raise StaleEditError
    changed = _apply(locked, data)
    if not changed:
        return locked
    locked.full_clean(exclude=["case", "recorded_by", "chaired_by"])
    locked.version += 1
    locked.save(update_fields=[*changed, "version", "updated_at"])
    event_record(
        case=locked.case,
        kind=EventKind.NOTE,
        actor=actor,
        summary=_("Sửa biên bản họp liên ngành ngày %(day)s")
        % {"day": timezone.localtime(locked.held_at).strftime("%d/%m/%Y")},
        data={"conference": str(locked.uid), "fields": sorted(changed)},
    )
    _audit(
        event=AuditEvent.UPDATE, actor=actor, conference=locked, extra={"fields": sorted(changed)}
    )
    return locked
