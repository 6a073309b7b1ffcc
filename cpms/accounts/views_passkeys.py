"""Passkey pages: the list (add, revoke) and the JSON endpoints static/js/passkeys.js calls
for the WebAuthn ceremonies (adding a passkey, and the second login step)."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cpms.core.forms import BootstrapForm
from cpms.core.text import normalize_text

from . import passkeys
from .http import AuthedRequest
from .reauth import is_recently_authenticated, reauth_url, require_recent_auth, safe_next
from .twofactor import mark_verified


class PasskeyNameForm(BootstrapForm):
    name = forms.CharField(
        label=gettext_lazy("Tên khóa truy cập"),
        max_length=100,
        help_text=gettext_lazy("Để nhận ra khóa sau này, ví dụ: “Điện thoại của tôi”."),
    )

    def clean_name(self) -> str:
        return normalize_text(self.cleaned_data["name"]).strip()


def _body(request: AuthedRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _refused(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@login_required
@require_http_methods(["GET"])
def passkey_list(request: AuthedRequest) -> HttpResponse:
    context = {
        "passkeys": passkeys.active_passkeys(request.user),
        "form": PasskeyNameForm(),
        "can_add": is_recently_authenticated(request),
        "reauth_url": reauth_url(request),
        "title": _("Khóa truy cập (passkey)"),
    }
    return render(request, "accounts/passkeys.html", context)


@login_required
@require_http_methods(["POST"])
def passkey_register_options(request: AuthedRequest) -> JsonResponse:
    # Adding a second factor needs recent authentication, as replacing one does: a session
    # left open on a shared computer must not let someone add their own key.
    if not is_recently_authenticated(request):
        return _refused(_("Vui lòng xác nhận lại danh tính trước khi thêm khóa."), 403)
    return JsonResponse(passkeys.registration_options(request, request.user))


@login_required
@require_http_methods(["POST"])
def passkey_register_verify(request: AuthedRequest) -> JsonResponse:
    if not is_recently_authenticated(request):
        return _refused(_("Vui lòng xác nhận lại danh tính trước khi thêm khóa."), 403)
    data = _body(request)
    form = PasskeyNameForm({"name": data.get("name", "")})
    credential = data.get("credential")
    if not form.is_valid():
        return _refused(_("Vui lòng đặt tên cho khóa truy cập."))
    if not isinstance(credential, dict):
        return _refused(_("Không đăng ký được khóa truy cập. Vui lòng thử lại."))
    passkey = passkeys.passkey_register(
        request=request, user=request.user, credential=credential, name=form.cleaned_data["name"]
    )
    if passkey is None:
        return _refused(_("Không đăng ký được khóa truy cập. Vui lòng thử lại."))
    return JsonResponse({"redirect": reverse("accounts:passkeys")})


@login_required
@require_http_methods(["POST"])
def passkey_login_options(request: AuthedRequest) -> JsonResponse:
    if not passkeys.has_passkey(request.user):
        return _refused(_("Tài khoản chưa có khóa truy cập."), 404)
    return JsonResponse(passkeys.authentication_options(request, request.user))


@login_required
@require_http_methods(["POST"])
def passkey_login_verify(request: AuthedRequest) -> JsonResponse:
    data = _body(request)
    credential = data.get("credential")
    next_url = safe_next(request, str(data.get("next") or "")) or reverse("home:index")
    passkey = passkeys.passkey_authenticate(
        request=request,
        user=request.user,
        credential=credential if isinstance(credential, dict) else {},
    )
    if passkey is None:
        return _refused(_("Khóa truy cập không hợp lệ hoặc đã bị thu hồi. Vui lòng thử lại."))
    request.session.cycle_key()
    mark_verified(request.session, passkeys.device_id(passkey))
    return JsonResponse({"redirect": next_url})


@login_required
@require_recent_auth
@require_http_methods(["GET", "POST"])
def passkey_revoke(request: AuthedRequest, uid: UUID) -> HttpResponse:
    passkey = passkeys.access_passkey(request.user, uid)
    if request.method == "POST":
        passkeys.passkey_revoke(request=request, user=request.user, passkey=passkey)
        return redirect("accounts:passkeys")
    context = {"passkey": passkey, "title": _("Thu hồi khóa truy cập")}
    return render(request, "accounts/passkey_revoke.html", context)
