"""The one way a view fetches a basis or a restriction: through the child's access helper
(404 out of scope, 403 without the permission, both audited)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest

from cpms.accounts.permissions import Perm
from cpms.children.access import access_child

from .models import ProcessingBasis, ProcessingRestriction


def access_basis(request: HttpRequest, uid: uuid.UUID, basis: uuid.UUID) -> ProcessingBasis:
    child = access_child(request, uid, need=Perm.PRIVACY_EDIT)
    row = ProcessingBasis.objects.select_related("purpose").filter(child=child, uid=basis).first()
    if row is None:
        raise Http404
    row.child = child
    return row


def access_restriction(
    request: HttpRequest, uid: uuid.UUID, restriction: uuid.UUID
) -> ProcessingRestriction:
    child = access_child(request, uid, need=Perm.PRIVACY_RESTRICT)
    row = ProcessingRestriction.objects.filter(child=child, uid=restriction).first()
    if row is None:
        raise Http404
    row.child = child
    return row
