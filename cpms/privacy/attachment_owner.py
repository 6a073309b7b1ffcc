"""A consent record (processing basis) owns attachments of subject type
"privacy.processingbasis": the scanned signed paper. Seeing and downloading it needs
privacy.view over the child, uploading and withdrawing privacy.edit."""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from django.urls import reverse

from cpms.accounts.permissions import Perm
from cpms.attachments.registry import Action, Subject, register

from .access import BASIS_SUBJECT, access_basis_alone
from .models import ProcessingBasis

NEEDS = {Action.VIEW: Perm.PRIVACY_VIEW, Action.EDIT: Perm.PRIVACY_EDIT}
SCAN_EXTENSIONS = frozenset({"pdf", "jpg", "png"})  # a scan or a photo of the signed paper


def basis_subject(basis: ProcessingBasis) -> Subject:
    return Subject(
        subject_type=BASIS_SUBJECT,
        subject_id=basis.uid,
        admin_unit_id=basis.child.commune_id,
        url=reverse("privacy:basis-detail", kwargs={"uid": basis.child.uid, "basis": basis.uid}),
        extensions=SCAN_EXTENSIONS,
    )


def _access(request: HttpRequest, subject_id: uuid.UUID, action: Action) -> Subject:
    return basis_subject(access_basis_alone(request, subject_id, need=NEEDS[action]))


def register_owner() -> None:
    register(BASIS_SUBJECT, access=_access)
