"""What the case page shows of abuse details, the police and court track and attachments,
in a fixed number of queries. Perpetrators are only counted here: who they are is shown on
their own audited page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from cpms.accounts.permissions import Perm
from cpms.attachments.forms import AttachmentForm
from cpms.attachments.selectors import attachments_of

from .access import SUBJECT
from .models import Case


def abuse_context(
    case: Case, perms: frozenset[Perm], present: dict[str, bool] | None = None
) -> dict[str, Any]:
    """The abuse, justice and attachment sections; `present` (case_presence) skips the
    queries of sections known to be empty."""
    can_edit = Perm.CASE_EDIT in perms
    present = present or {}
    return {
        "concern_types": list(case.concern_types.select_related("parent").order_by("position")),
        "perpetrator_count": (
            case.perpetrators.filter(withdrawn_at=None).count()
            if present.get("perpetrators", True)
            else 0
        ),
        "justice": (
            list(case.justice.select_related("recorded_by").order_by("occurred_on", "pk"))
            if present.get("justice", True)
            else []
        ),
        "attachments": (
            list(attachments_of(SUBJECT, case.uid)) if present.get("attachments", True) else []
        ),
        "can_see_perpetrators": Perm.CASE_PERPETRATOR_VIEW in perms,
        "can_edit_justice": Perm.CASE_JUSTICE_EDIT in perms,
        "can_attach": can_edit,
        "attachment_form": AttachmentForm() if can_edit else None,
        "attachment_upload_url": reverse(
            "attachments:upload", kwargs={"subject_type": SUBJECT, "subject_id": case.uid}
        ),
    }
