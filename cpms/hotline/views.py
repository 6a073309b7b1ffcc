"""Hotline pages: the operator's call log, a fast form for a call in progress, call detail
and forwarding a call to a commune's inbox."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.reauth import require_recent_auth
from cpms.audit.models import AuditEvent
from cpms.core.forms import add_validation_errors, save_form
from cpms.intake.text import mask_name, mask_phone

from . import selectors
from .access import access_call
from .choices import FORWARDABLE
from .forms import CallChildFormSet, CallFilterForm, CallForm, ForwardForm, children_data
from .services import audit_call, call_forward, call_log, caller_identity_reveal


@login_required
@require_perm(Perm.CALL_LOG)
@require_GET
def call_list(request: AuthedRequest) -> HttpResponse:
    form = CallFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CallFilters(
        call_type=d.get("call_type") or "", date_from=d.get("date_from"), date_to=d.get("date_to")
    )
    calls = selectors.call_list(viewer=request.user, filters=filters)
    context = {
        "form": form,
        "page": Paginator(calls, 25).get_page(request.GET.get("page")),
        "counts": selectors.call_counts_by_type(viewer=request.user, filters=filters),
    }
    return render(request, "hotline/call_list.html", context)


@login_required
@require_perm(Perm.CALL_LOG)
@require_http_methods(["GET", "POST"])
def call_create(request: AuthedRequest) -> HttpResponse:
    form = CallForm(request.POST or None)
    children = CallChildFormSet(request.POST or None, prefix="child")
    if request.method == "POST" and form.is_valid() and children.is_valid():
        try:
            call = call_log(
                actor=request.user,
                data=form.to_data(children_data(children)),
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhật ký cuộc gọi."))
            return redirect("hotline:detail", uid=call.uid)
    return render(request, "hotline/call_form.html", {"form": form, "children": children})


@login_required
@require_perm(Perm.CALL_LOG)
@require_GET
def call_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    call = access_call(request, uid)
    audit_call(event=AuditEvent.READ, actor=request.user, call=call)
    context = {
        "call": call,
        "children": selectors.call_children(call),
        "masked_name": mask_name(call.caller_name),
        "masked_phone": mask_phone(call.caller_phone),
        "can_forward": call.call_type in FORWARDABLE and call.report_id is None,
    }
    return render(request, "hotline/call_detail.html", context)


@login_required
@require_perm(Perm.CALL_LOG)
@require_recent_auth
@require_POST
def caller_reveal(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    call = access_call(request, uid)
    identity = caller_identity_reveal(actor=request.user, call=call)
    return render(request, "hotline/partials/caller_identity.html", {"identity": identity})


@login_required
@require_perm(Perm.CALL_LOG)
@require_http_methods(["GET", "POST"])
def call_forward_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    call = access_call(request, uid, need=Perm.REPORT_CREATE)
    if call.report is not None and request.method == "GET":
        return redirect("hotline:detail", uid=call.uid)
    initial = {"description": call.summary, "version": call.version}
    form = ForwardForm(request.POST or None, viewer=request.user, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        result, status = save_form(
            form,
            lambda: call_forward(
                actor=request.user,
                call=call,
                data=form.to_data(),
                expected_version=form.cleaned_data["version"],
            ),
        )
        if result is not None:
            report, _created = result
            messages.success(
                request, _("Đã chuyển đến %(commune)s.") % {"commune": report.commune.name}
            )
            return redirect("hotline:detail", uid=call.uid)
    context = {"call": call, "form": form, "children": selectors.call_children(call)}
    return render(request, "hotline/call_forward.html", context, status=status)
