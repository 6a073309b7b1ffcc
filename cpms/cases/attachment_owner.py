"""Cases own attachments of subject type "cases.case": access through access_case (view needs
case.view, upload and withdrawal need case.edit), and each change goes on the timeline."""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from django.urls import reverse

from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.attachments.models import Attachment
from cpms.attachments.registry import Action, Change, Subject, register

from .access import SUBJECT, access_case
from .choices import EventKind
from .events import event_record
from .models import Case

NEEDS = {Action.VIEW: Perm.CASE_VIEW, Action.EDIT: Perm.CASE_EDIT}
EVENTS = {
    Change.ADDED: EventKind.ATTACHMENT_ADDED,
    Change.WITHDRAWN: EventKind.ATTACHMENT_WITHDRAWN,
}


def case_subject(case: Case) -> Subject:
    return Subject(
        subject_type=SUBJECT,
        subject_id=case.uid,
        admin_unit_id=case.commune_id,
        url=reverse("cases:detail", kwargs={"uid": case.uid}),
    )


def _access(request: HttpRequest, subject_id: uuid.UUID, action: Action) -> Subject:
    return case_subject(access_case(request, subject_id, need=NEEDS[action]))


def _on_change(actor: User, subject: Subject, attachment: Attachment, change: Change) -> None:
    case = Case.objects.get(uid=subject.subject_id)
    summary = attachment.original_name
    if change == Change.WITHDRAWN:
        summary = f"{summary}: {attachment.withdrawn_reason}"
    event_record(
        case=case,
        kind=EVENTS[change],
        actor=actor,
        summary=summary,
        data={"attachment": str(attachment.uid)},
    )


def register_owner() -> None:
    register(SUBJECT, access=_access, on_change=_on_change)
