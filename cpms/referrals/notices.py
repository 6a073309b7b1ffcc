"""Who hears of a referral's steps, through cpms.notifications (sent after commit, once).

Titles name the service kind, the agency and the due date, never the child (the privacy rule
of cpms/notifications/services.py); the link leads to the scoped referral page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cpms.accounts.models import User
from cpms.notifications.choices import NotificationKind
from cpms.notifications.services import notify

from .access import SUBJECT
from .models import Referral
from .selectors import receiving_members


def _link(referral: Referral) -> str:
    return reverse("referrals:detail", kwargs={"uid": referral.uid})


def notify_sent(referral: Referral) -> None:
    """The receiving agency's members: the referral waits in their queue."""
    notify(
        recipients=receiving_members(referral.agency),
        kind=NotificationKind.REFERRAL_SENT,
        title=_("Chuyển gửi mới: %(kind)s, hạn %(due)s")
        % {"kind": referral.get_kind_display(), "due": f"{referral.due_on:%d/%m/%Y}"},
        body=referral.case.commune.name,
        url=_link(referral),
        subject_type=SUBJECT,
        subject_id=str(referral.uid),
        dedupe_key=f"referral-sent:{referral.uid}",
    )


def notify_answered(referral: Referral, *, actor: User, step: str) -> None:
    """The sender and the case's worker: the agency answered (accepted, declined, done)."""
    recipients = [u for u in (referral.sent_by, referral.case.assigned_to) if u is not None]
    notify(
        recipients=[u for u in recipients if u.pk != actor.pk],
        kind=NotificationKind.REFERRAL_ANSWERED,
        title=_("%(agency)s: %(state)s")
        % {"agency": referral.agency.name, "state": referral.get_state_display()},
        url=_link(referral),
        subject_type=SUBJECT,
        subject_id=str(referral.uid),
        dedupe_key=f"referral-{step}:{referral.uid}",
    )
