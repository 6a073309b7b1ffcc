"""The privacy page of a child: consent and legal basis per purpose, restriction of
processing, and the subject-access export."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.reauth import require_recent_auth
from cpms.attachments.selectors import attachments_of
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.children.access import access_child, child_perms
from cpms.core.forms import save_form

from . import selectors
from .access import BASIS_SUBJECT, access_basis, access_restriction
from .forms import BasisForm, ReasonForm, ScanForm
from .services import (
    SUBJECT,
    processing_basis_record,
    processing_basis_withdraw,
    restriction_lift,
    restriction_start,
)
from .subject_access import subject_access_export


@login_required
@require_GET
def child_privacy(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.PRIVACY_VIEW)
    audit_record(
        event=AuditEvent.READ,
        actor=request.user,
        request=request,
        subject_type=SUBJECT,
        subject_id=child.uid,
        admin_unit_id=child.commune_id,
        extra={"privacy": True},
    )
    perms = child_perms(request, child)
    context = {
        "child": child,
        "statuses": selectors.child_privacy_status(child),
        "history": selectors.child_privacy_history(child),
        "restriction": selectors.active_restriction(child.pk),
        "can_edit": Perm.PRIVACY_EDIT in perms,
        "can_restrict": Perm.PRIVACY_RESTRICT in perms,
        "can_export": Perm.PRIVACY_SUBJECT_ACCESS in perms,
        "reason_form": ReasonForm(),
    }
    return render(request, "privacy/child_privacy.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def basis_add(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.PRIVACY_EDIT)
    form = BasisForm(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        saved, _status = save_form(
            form,
            lambda: processing_basis_record(
                actor=request.user, child=child, data=form.data_for_service()
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã ghi nhận căn cứ xử lý dữ liệu."))
            return redirect("privacy:child", uid=child.uid)
    return render(request, "privacy/basis_form.html", {"form": form, "child": child})


@login_required
@require_GET
def basis_detail(request: AuthedRequest, uid: uuid.UUID, basis: uuid.UUID) -> HttpResponse:
    """One consent record, with its scanned signed paper (attachments)."""
    row = access_basis(request, uid, basis, need=Perm.PRIVACY_VIEW)
    audit_record(
        event=AuditEvent.READ,
        actor=request.user,
        request=request,
        subject_type=BASIS_SUBJECT,
        subject_id=row.uid,
        admin_unit_id=row.child.commune_id,
    )
    can_attach = Perm.PRIVACY_EDIT in child_perms(request, row.child)
    context = {
        "child": row.child,
        "basis": row,
        "attachments": list(attachments_of(BASIS_SUBJECT, row.uid)),
        "can_attach": can_attach,
        "attachment_form": ScanForm() if can_attach else None,
        "attachment_upload_url": reverse(
            "attachments:upload", kwargs={"subject_type": BASIS_SUBJECT, "subject_id": row.uid}
        ),
    }
    return render(request, "privacy/basis_detail.html", context)


@login_required
@require_POST
def basis_withdraw(request: AuthedRequest, uid: uuid.UUID, basis: uuid.UUID) -> HttpResponse:
    row = access_basis(request, uid, basis)
    form = ReasonForm(request.POST)
    if form.is_valid():
        processing_basis_withdraw(actor=request.user, basis=row, reason=form.cleaned_data["reason"])
        messages.success(request, _("Đã rút căn cứ xử lý dữ liệu."))
    else:
        messages.error(request, _("Vui lòng ghi lý do rút."))
    return redirect("privacy:child", uid=uid)


@login_required
@require_http_methods(["GET", "POST"])
def restrict(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.PRIVACY_RESTRICT)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        restriction_start(actor=request.user, child=child, reason=form.cleaned_data["reason"])
        messages.success(request, _("Đã hạn chế xử lý dữ liệu của trẻ."))
        return redirect("privacy:child", uid=child.uid)
    return render(request, "privacy/restrict_form.html", {"form": form, "child": child})


@login_required
@require_POST
def restriction_end(request: AuthedRequest, uid: uuid.UUID, restriction: uuid.UUID) -> HttpResponse:
    row = access_restriction(request, uid, restriction)
    form = ReasonForm(request.POST)
    if form.is_valid():
        restriction_lift(actor=request.user, restriction=row, reason=form.cleaned_data["reason"])
        messages.success(request, _("Đã bỏ hạn chế xử lý dữ liệu."))
    else:
        messages.error(request, _("Vui lòng ghi lý do bỏ hạn chế."))
    return redirect("privacy:child", uid=uid)


@login_required
@require_recent_auth
@require_http_methods(["GET", "POST"])
def subject_access(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    """A ZIP of everything held about the child, for the child or the legal representative."""
    child = access_child(request, uid, need=Perm.PRIVACY_SUBJECT_ACCESS)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = subject_access_export(
            request=request, child=child, reason=form.cleaned_data["reason"]
        )
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="subject-access-{child.uid}.zip"'
        return response
    return render(request, "privacy/subject_access.html", {"form": form, "child": child})
