"""Second-factor pages: the code after the password, enrolment, recovery codes, re-auth."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import OtpForm, ReauthForm
from .http import AuthedRequest
from .passkeys import has_passkey
from .reauth import is_recently_authenticated, reauth_url, require_recent_auth, safe_next
from .twofactor import (
    confirmed_totp,
    mark_reauthenticated,
    mark_verified,
    otp_check,
    otp_throttled,
    otpauth_url,
    pending_secret,
    qr_svg,
    recovery_codes_left,
    recovery_codes_regenerate,
    secret_base32,
    session_is_verified,
    totp_enrol,
    two_factor_required,
)


def _next(request: AuthedRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next")) or reverse(
        "home:index"
    )


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


def _code_error(form: OtpForm | ReauthForm, throttled: bool) -> None:
    if throttled:
        form.add_error(
            "code", _("Đã nhập sai nhiều lần. Vui lòng chờ vài giây rồi thử lại với mã mới.")
        )
    else:
        form.add_error("code", _("Mã không đúng hoặc đã được dùng. Vui lòng thử lại."))


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: AuthedRequest) -> HttpResponse:
    next_url = _next(request)
    if session_is_verified(request.session):
        return redirect(next_url)
    if confirmed_totp(request.user) is None:
        return redirect(_with_next(reverse("accounts:otp-setup"), next_url))
    form = OtpForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        throttled = otp_throttled(request.user, code)
        device_id = otp_check(request=request, user=request.user, code=code, step="login")
        if device_id:
            request.session.cycle_key()
            mark_verified(request.session, device_id)
            return redirect(next_url)
        _code_error(form, throttled)
    context = {
        "form": form,
        "next": next_url,
        "title": _("Xác thực hai bước"),
        "has_passkey": has_passkey(request.user),
    }
    return render(request, "accounts/otp_verify.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: AuthedRequest) -> HttpResponse:
    next_url = _next(request)
    if confirmed_totp(request.user) is not None:
        # Replacing an authenticator needs the current one first: a stolen password alone
        # must never be enough to enrol the thief's phone.
        if not session_is_verified(request.session):
            return redirect(_with_next(reverse("accounts:otp-verify"), next_url))
        if not is_recently_authenticated(request):
            return redirect(reauth_url(request))
    key = pending_secret(request)
    form = OtpForm(request.POST or None)
    if form.is_valid():
        enrolled = totp_enrol(
            request=request, user=request.user, key_hex=key, code=form.cleaned_data["code"]
        )
        if enrolled is not None:
            request.session.cycle_key()
            mark_verified(request.session, enrolled.device.persistent_id)
            shown = {
                "codes": enrolled.recovery_codes,
                "next": next_url,
                "title": _("Mã khôi phục"),
            }
            return render(request, "accounts/recovery_codes_new.html", shown)
        form.add_error("code", _("Mã không đúng hoặc đã được dùng. Vui lòng thử lại."))
    context: dict[str, object] = {
        "form": form,
        "next": next_url,
        "qr_svg": qr_svg(otpauth_url(request.user, key)),
        "secret": secret_base32(key),
        "title": _("Cài đặt xác thực hai bước"),
    }
    return render(request, "accounts/otp_setup.html", context)


@login_required
@require_http_methods(["GET"])
def recovery_codes(request: AuthedRequest) -> HttpResponse:
    context = {
        "left": recovery_codes_left(request.user),
        "title": _("Mã khôi phục"),
    }
    return render(request, "accounts/recovery_codes.html", context)


@login_required
@require_recent_auth
@require_http_methods(["POST"])
def recovery_codes_new(request: AuthedRequest) -> HttpResponse:
    codes = recovery_codes_regenerate(request=request, user=request.user)
    context = {
        "codes": codes,
        "next": reverse("accounts:recovery-codes"),
        "title": _("Mã khôi phục"),
    }
    return render(request, "accounts/recovery_codes_new.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reauth(request: AuthedRequest) -> HttpResponse:
    next_url = _next(request)
    with_code = two_factor_required()
    form = ReauthForm(request.POST or None, with_code=with_code)
    if form.is_valid():
        user = authenticate(
            request, username=request.user.get_username(), password=form.cleaned_data["password"]
        )
        if user is None or user.pk != request.user.pk:
            form.add_error("password", _("Mật khẩu không đúng."))
        elif with_code:
            code = form.cleaned_data["code"]
            throttled = otp_throttled(request.user, code)
            if otp_check(request=request, user=request.user, code=code, step="reauth"):
                mark_reauthenticated(request.session)
                return redirect(next_url)
            _code_error(form, throttled)
        else:
            mark_reauthenticated(request.session)
            return redirect(next_url)
    context = {"form": form, "next": next_url, "title": _("Xác nhận lại danh tính")}
    return render(request, "accounts/reauth.html", context)
