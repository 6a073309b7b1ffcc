"""Campaign activities (materials) and board meetings (minutes) own attachments: viewing needs
programme.view over the record, uploading and withdrawing programme.edit."""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from django.urls import reverse

from cpms.accounts.permissions import Perm
from cpms.attachments.registry import Action, Subject, register

from .access import SUBJECTS, access_activity, access_meeting
from .models import BoardMeeting, CampaignActivity

NEEDS = {Action.VIEW: Perm.PROGRAMME_VIEW, Action.EDIT: Perm.PROGRAMME_EDIT}
ACTIVITY = SUBJECTS[CampaignActivity]
MEETING = SUBJECTS[BoardMeeting]


def activity_subject(activity: CampaignActivity) -> Subject:
    return Subject(
        subject_type=ACTIVITY,
        subject_id=activity.uid,
        admin_unit_id=activity.unit_id,
        url=reverse("programmes:activity-detail", kwargs={"uid": activity.uid}),
    )


def meeting_subject(meeting: BoardMeeting) -> Subject:
    return Subject(
        subject_type=MEETING,
        subject_id=meeting.uid,
        admin_unit_id=meeting.board.commune_id,
        url=reverse("programmes:meeting-detail", kwargs={"uid": meeting.uid}),
    )


def _activity(request: HttpRequest, subject_id: uuid.UUID, action: Action) -> Subject:
    return activity_subject(access_activity(request, subject_id, need=NEEDS[action])[0])


def _meeting(request: HttpRequest, subject_id: uuid.UUID, action: Action) -> Subject:
    return meeting_subject(access_meeting(request, subject_id, need=NEEDS[action])[0])


def register_owners() -> None:
    register(ACTIVITY, access=_activity)
    register(MEETING, access=_meeting)
