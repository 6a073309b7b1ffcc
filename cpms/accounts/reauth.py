"""`require_recent_auth`: exports and identity reveals ask for the password (and the second
factor) again unless the user proved who they are in the last CPMS_REAUTH_MINUTES."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .middleware import redirect_for
from .twofactor import seconds_since_auth

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def is_recently_authenticated(request: HttpRequest) -> bool:
    age = seconds_since_auth(request.session)
    return age is not None and 0 <= age <= settings.CPMS_REAUTH_MINUTES * 60


def safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def return_path(request: HttpRequest) -> str:
    """Where the user was: this page for a plain GET, else the page the request came from."""
    if request.method == "GET" and not getattr(request, "htmx", False):
        return request.get_full_path()
    for header in ("HX-Current-URL", "Referer"):
        candidate = safe_next(request, request.headers.get(header))
        if candidate:
            return _local(candidate)
    return reverse("home:index")


def reauth_url(request: HttpRequest) -> str:
    return f"{reverse('accounts:reauth')}?{urlencode({'next': return_path(request)})}"


def require_recent_auth(view: View) -> View:
    """Put under @login_required: anonymous requests pass through to it unchanged."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not is_recently_authenticated(request):
            return redirect_for(request, reauth_url(request))
        return view(request, *args, **kwargs)

    wrapped.requires_recent_auth = True  # type: ignore[attr-defined]
    return cast(View, wrapped)
