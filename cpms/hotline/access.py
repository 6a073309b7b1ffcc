"""The one way a view fetches a call: the hotline role's scope is own, so an operator
reaches only the calls they logged."""

from __future__ import annotations

import uuid

from django.http import HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm
from cpms.intake.access import own_perms

from .models import Call

SUBJECT = "hotline.call"


def access_call(request: HttpRequest, uid: uuid.UUID, *, need: Perm = Perm.CALL_LOG) -> Call:
    call = (
        Call.objects.select_related("agency", "report", "report__commune").filter(uid=uid).first()
    )
    if call is None or call.created_by_id != request.user.pk:
        refuse(request, found=False, subject_type=SUBJECT, subject_id=uid, need=need)
    if need not in own_perms(request):
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=need)
    assert call is not None
    return call
