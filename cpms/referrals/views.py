"""Pages of referrals: the agency's queue, sending from a case, one referral with its steps,
and the letter for an agency that does not answer in the app."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import scope_paths, user_perms
from cpms.audit.models import AuditEvent
from cpms.cases.access import access_case, case_perms
from cpms.cases.official_forms.exports import download, form_export
from cpms.cases.selectors_shared import shared_case_context
from cpms.cases.services import audit_case
from cpms.core.forms import save_form
from cpms.privacy.selectors import active_restriction, restriction_message

from . import selectors
from .access import SUBJECT, access_referral, referral_perms
from .assignment import referral_assign, referral_take
from .forms import AssignForm, SendForm, StepForm
from .letter import referral_letter
from .models import Referral
from .services import STEPS, referral_send, referral_step

BOXES = {
    "in": ("open", "unassigned", "mine", "closed"),
    "out": ("open", "closed"),
}


@login_required
@require_GET
def inbox(request: AuthedRequest) -> HttpResponse:
    receiving = bool(selectors.receiving_agency_ids(request.user))
    sending = Perm.CASE_VIEW in user_perms(request.user) and bool(
        scope_paths(request.user, personal=True)
    )
    if not (receiving or sending):
        raise PermissionDenied
    side = request.GET.get("side") or ("in" if receiving else "out")
    if side not in BOXES or (side == "in" and not receiving) or (side == "out" and not sending):
        side = "in" if receiving else "out"
    box = request.GET.get("box", "open")
    if box not in BOXES[side]:
        box = "open"
    if side == "in":
        referrals = selectors.agency_inbox(request.user, box=box)
    else:
        referrals = selectors.referrals_sent(request.user, box=box)
    context = {
        "page": Paginator(referrals, 25).get_page(request.GET.get("page")),
        "side": side,
        "box": box,
        "boxes": BOXES[side],
        "receiving": receiving,
        "sending": sending,
    }
    return render(request, "referrals/inbox.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def send(request: AuthedRequest, case_uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, case_uid, need=Perm.CASE_EDIT)
    form = SendForm(request.POST or None, case=case)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        referral, status = save_form(
            form,
            lambda: referral_send(
                actor=request.user,
                case=case,
                agency=data.pop("agency"),
                idempotency_key=data.pop("idempotency_key"),
                **data,
            ),
        )
        if referral is not None:
            messages.success(
                request, _("Đã chuyển gửi đến %(agency)s.") % {"agency": referral.agency.name}
            )
            return redirect("referrals:detail", uid=referral.uid)
    return render(request, "referrals/send.html", {"case": case, "form": form}, status=status)


def _step_codes(referral: Referral, perms: frozenset[Perm], in_app: bool) -> list[str]:
    codes = []
    for code, step in STEPS.items():
        if referral.state not in step.sources:
            continue
        if step.perm in perms or (
            step.perm == Perm.REFERRAL_RECEIVE and not in_app and Perm.CASE_EDIT in perms
        ):
            codes.append(code)
    return codes


def _detail_context(request: AuthedRequest, referral: Referral) -> dict[str, Any]:
    perms = referral_perms(request.user, referral) or frozenset()
    in_app = selectors.answers_in_app(referral.agency)
    receiving = Perm.REFERRAL_RECEIVE in perms
    context: dict[str, Any] = {
        "referral": referral,
        "case": referral.case,
        "in_app": in_app,
        "receiving": receiving,
        "sending": Perm.CASE_EDIT in perms,
        "steps": [(code, STEPS[code]) for code in _step_codes(referral, perms, in_app)],
        "version": referral.version,
        "on_behalf": not in_app and not receiving,
    }
    if receiving and referral.is_open:
        context["assign_form"] = AssignForm(
            initial={"version": referral.version},
            members=selectors.receiving_members(referral.agency),
        )
    grant = referral.grant
    now = timezone.now()
    if (
        receiving
        and grant is not None
        and grant.revoked_at is None
        and grant.valid_from <= now < grant.valid_until
    ):
        case_level = case_perms(request, referral.case) or frozenset()
        groups = frozenset(grant.field_groups)
        context.update(shared_case_context(referral.case, groups, case_level))
    return context


@login_required
@require_GET
def detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    referral = access_referral(request, uid, need=Perm.CASE_VIEW)
    context = _detail_context(request, referral)
    if "shared_groups" in context:
        audit_case(event=AuditEvent.READ, actor=request.user, case=referral.case)
    return render(request, "referrals/detail.html", context)


@login_required
@require_POST
def step(request: AuthedRequest, uid: uuid.UUID, code: str) -> HttpResponse:
    if code not in STEPS:
        raise Http404
    referral = access_referral(request, uid, need=Perm.CASE_VIEW)
    form = StepForm(request.POST)
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        saved, status = save_form(
            form,
            lambda: referral_step(
                actor=request.user,
                referral=referral,
                code=code,
                expected_version=data["version"],
                reason=data["reason"],
                outcome=data["outcome"],
                reply_reference=data["reply_reference"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã lưu: %(step)s.") % {"step": STEPS[code].label})
            return redirect("referrals:detail", uid=referral.uid)
    context = _detail_context(request, referral)
    context.update(step_form=form, failed_step=code)
    return render(request, "referrals/detail.html", context, status=status)


@login_required
@require_POST
def assign(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    referral = access_referral(request, uid, need=Perm.REFERRAL_RECEIVE)
    take = request.POST.get("take") == "1"
    form = AssignForm(request.POST, members=selectors.receiving_members(referral.agency))
    if take:
        form.fields["assignee"].required = False
    status = 200
    if form.is_valid():
        version = form.cleaned_data["version"]
        assignee = form.cleaned_data["assignee"]
        saved, status = save_form(
            form,
            lambda: (
                referral_take(actor=request.user, referral=referral, expected_version=version)
                if take
                else referral_assign(
                    actor=request.user,
                    referral=referral,
                    assignee=assignee,
                    expected_version=version,
                )
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã phân công người phụ trách."))
            return redirect("referrals:detail", uid=referral.uid)
    context = _detail_context(request, referral)
    context["assign_form"] = form
    return render(request, "referrals/detail.html", context, status=status)


@login_required
@require_GET
def letter(request: AuthedRequest, uid: uuid.UUID, file_format: str) -> HttpResponse:
    if file_format not in ("docx", "pdf"):
        raise Http404
    referral = access_referral(request, uid, need=Perm.CASE_EDIT)
    if active_restriction(referral.case.child_id) is not None:
        messages.error(request, restriction_message())
        return redirect("referrals:detail", uid=referral.uid)
    data = form_export(
        actor=request.user,
        request=request,
        doc=referral_letter(referral),
        file_format=file_format,
        code="referral-letter",
        subject_type=SUBJECT,
        subject_id=referral.uid,
        admin_unit_id=referral.case.commune_id,
    )
    name = f"Công văn chuyển gửi - {referral.agency.name}"
    return download(data, f"{name}.{file_format}".replace("/", " "), file_format)
