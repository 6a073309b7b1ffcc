"""The one way a view fetches a conference: through its case (cases.access.access_case), so
out of scope → 404 and in scope without the permission → 403, refusals audited."""

from __future__ import annotations

import uuid

from django.http import HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm
from cpms.cases.access import access_case

from .models import CaseConference

SUBJECT = "conferences.caseconference"


def access_conference(
    request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.CASE_VIEW
) -> CaseConference:
    row = CaseConference.objects.filter(uid=uid).values_list("case__uid", flat=True).first()
    if row is None:
        refuse(request, found=False, subject_type=SUBJECT, subject_id=uid, need=need)
    case = access_case(request, row, need=need)
    conference = CaseConference.objects.select_related("chaired_by", "recorded_by").get(uid=uid)
    conference.case = case
    return conference
