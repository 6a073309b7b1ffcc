"""Bearer-token authentication with a scope per operation and a rate limit per token."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.ratelimit import hit

from .errors import ApiError
from .models import ApiToken
from .services import TOKEN_SUBJECT, token_authenticate

RATE_WINDOW = 60


def rate_limit() -> int:
    """Requests per token per minute (settings.CPMS_API_RATE_LIMIT, 60 by default)."""
    return int(getattr(settings, "CPMS_API_RATE_LIMIT", 60))


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <prefix>.<secret>`, holding `scope`."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = token_authenticate(token)
        if api_token is None:
            return None
        if not hit(f"api:{api_token.prefix}", limit=rate_limit(), window=RATE_WINDOW):
            raise ApiError(
                429,
                "rate_limited",
                _("Quá nhiều yêu cầu. Vui lòng thử lại sau một phút."),
                headers={"Retry-After": str(RATE_WINDOW)},
            )
        if self.scope not in api_token.scopes:
            audit_record(
                event=AuditEvent.DENIED,
                actor=api_token.client.user,
                request=request,
                subject_type=TOKEN_SUBJECT,
                subject_id=api_token.uid,
                extra={"need": self.scope},
            )
            raise ApiError(
                403,
                "insufficient_scope",
                _("Mã truy cập không có quyền %(scope)s.") % {"scope": self.scope},
            )
        return api_token
