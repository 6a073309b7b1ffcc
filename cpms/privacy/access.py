"""The one way a view fetches a basis or a restriction: through the child's access helper
(404 out of scope, 403 without the permission, both audited)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest

from cpms.accounts.access import refuse
from cpms.accounts.permissions import Perm
from cpms.children.access import access_child

from .models import ProcessingBasis, ProcessingRestriction

BASIS_SUBJECT = "privacy.processingbasis"


def access_basis(
    request: HttpRequest, uid: uuid.UUID, basis: uuid.UUID, *, need: Perm = Perm.PRIVACY_EDIT
) -> ProcessingBasis:
    child = access_child(request, uid, need=need)
    row = (
        ProcessingBasis.objects.select_related("purpose", "representative", "recorded_by")
        .filter(child=child, uid=basis)
        .first()
    )
    if row is None:
        raise Http404
    row.child = child
    return row


def access_basis_alone(request: HttpRequest, basis: uuid.UUID, *, need: Perm) -> ProcessingBasis:
    """A basis named only by its own uid (its attachments' owner): the child's helper decides."""
    child_uid = (
        ProcessingBasis.objects.filter(uid=basis).values_list("child__uid", flat=True).first()
    )
    if child_uid is None:
        refuse(request, found=False, subject_type=BASIS_SUBJECT, subject_id=basis, need=need)
    return access_basis(request, child_uid, basis, need=need)


def access_restriction(
    request: HttpRequest, uid: uuid.UUID, restriction: uuid.UUID
) -> ProcessingRestriction:
    child = access_child(request, uid, need=Perm.PRIVACY_RESTRICT)
    row = ProcessingRestriction.objects.filter(child=child, uid=restriction).first()
    if row is None:
        raise Http404
    row.child = child
    return row
