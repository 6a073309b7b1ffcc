"""The user's own notifications: list, open (mark read and follow), mark all read,
preferences, and the unread badge the navigation loads."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.http import AuthedRequest

from . import selectors, services
from .access import access_notification
from .forms import PreferencesForm

PAGE_SIZE = 25


@login_required
@require_GET
def notification_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list(viewer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    has_unread = any(n.read_at is None for n in page)
    return render(
        request, "notifications/notification_list.html", {"page": page, "has_unread": has_unread}
    )


@login_required
@require_POST
def notification_open(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    notification = access_notification(request, uid)
    services.notification_open(notification=notification)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request: AuthedRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthedRequest) -> HttpResponse:
    prefs = selectors.preferences_of([request.user.pk])[request.user.pk]
    form = PreferencesForm(request.POST or None, prefs=prefs)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(actor=request.user, values=form.values(), request=request)
        messages.success(request, _("Đã lưu cài đặt thông báo."))
        return redirect("notifications:preferences")
    context = {"form": form, "channel_names": form.channel_names, "phone": request.user.phone}
    return render(request, "notifications/preferences.html", context)


@login_required
@require_GET
def unread_badge(request: AuthedRequest) -> HttpResponse:
    count = selectors.unread_count(viewer=request.user)
    # No request context: the navigation's context processor would cost queries here.
    return HttpResponse(render_to_string("notifications/partials/badge.html", {"unread": count}))
