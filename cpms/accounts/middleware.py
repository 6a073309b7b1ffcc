"""Session rules applied to every page, including apps that know nothing about them."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .twofactor import (
    seconds_since_login,
    session_is_verified,
    two_factor_required,
)


@cache
def _open_paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(exact paths, path prefixes) a signed-in but not yet verified session may open."""
    exact = tuple(
        reverse(name)
        for name in (
            "accounts:login",
            "accounts:logout",
            "accounts:otp-verify",
            "accounts:otp-setup",
            "accounts:passkey-login-options",
            "accounts:passkey-login",
            "home:healthz",
        )
    )
    # The public site and the token API never use the staff session; static files and the
    # language switch are needed by the verification pages themselves.
    prefixes = (settings.STATIC_URL or "/static/", "/public/", "/api/", "/i18n/")
    return exact, prefixes


def redirect_for(request: HttpRequest, target: str) -> HttpResponse:
    """A redirect that also works for htmx requests (the whole page goes, not a fragment)."""
    if getattr(request, "htmx", False):
        return HttpResponse(status=204, headers={"HX-Redirect": target})
    return HttpResponseRedirect(target)


def _with_next(url: str, request: HttpRequest) -> str:
    if request.method == "GET" and not getattr(request, "htmx", False):
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url


class SessionLifetimeMiddleware:
    """Ends a session CPMS_SESSION_MAX_HOURS after the password login, however active.

    Idle sessions end on their own: SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST makes
    the stored session expire that long after the last request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            age = seconds_since_login(request.session)
            limit = settings.CPMS_SESSION_MAX_HOURS * 3600
            if age is None or age > limit:
                logout(request)
                return redirect_for(request, _with_next(reverse("accounts:login"), request))
        return self.get_response(request)


class TwoFactorMiddleware:
    """A signed-in session that has not passed the second factor opens only the code and
    enrolment pages (and the public site); everything else sends it there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            two_factor_required()
            and request.user.is_authenticated
            and not session_is_verified(request.session)
        ):
            exact, prefixes = _open_paths()
            path = request.path
            if path not in exact and not path.startswith(prefixes):
                current = urlsplit(request.headers.get("HX-Current-URL", "")).path
                if getattr(request, "htmx", False) and current in exact:
                    # A fragment requested by the code page itself: moving that page to
                    # itself would reload it for ever.
                    return HttpResponse(status=204)
                target = reverse("accounts:otp-verify")
                return redirect_for(request, _with_next(target, request))
        return self.get_response(request)
