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


def abuse_context(case: Case, perms: frozenset[Perm]) -> dict[str, Any]:
    can_edit = Perm.CASE_EDIT in perms
    return {
        "concern_types": list(case.concern_types.select_related("parent").order_by("position")),
        "perpetrator_count": case.perpetrators.filter(withdrawn_at=None).count(),
        "justice": list(case.justice.select_related("recorded_by").order_by("occurred_on", "pk")),
        "attachments": list(attachments_of(SUBJECT, case.uid)),
        "can_see_perpetrators": Perm.CASE_PERPETRATOR_VIEW in perms,
        "can_edit_justice": Perm.CASE_JUSTICE_EDIT in perms,
        "can_attach": can_edit,
        "attachment_form": AttachmentForm() if can_edit else None,
        "attachment_upload_url": reverse(
            "attachments:upload", kwargs={"subject_type": SUBJECT, "subject_id": case.uid}
        ),
    }
