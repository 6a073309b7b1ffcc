from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record

from .permissions import Perm
from .scope import user_perms

View = Callable[..., HttpResponse]


def require_perm(perm: Perm) -> Callable[[View], View]:
    """403 (audited) unless the signed-in user holds `perm` in at least one active membership.

    Use after @login_required; object-level checks still go through the access helpers.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if perm not in user_perms(request.user):
                audit_record(
                    event=AuditEvent.DENIED,
                    actor=request.user,
                    request=request,
                    extra={"need": str(perm)},
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
