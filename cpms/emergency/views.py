"""Emergency access pages: ask (case number + reason), list grants, revoke one.

Whether a case with the number exists is looked at only once the whole form, reason
included, is valid: before that every number gets the same answer."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.access import case_reach
from cpms.cases.models import Case
from cpms.core.forms import save_form

from .access import access_emergency
from .forms import EmergencyAccessForm
from .selectors import emergency_list, emergency_own
from .services import access_hours, emergency_access_open, emergency_access_revoke


def _not_found(request: AuthedRequest, form: EmergencyAccessForm, reference: uuid.UUID) -> None:
    audit_record(
        event=AuditEvent.OUT_OF_SCOPE,
        actor=request.user,
        request=request,
        subject_type="cases.case",
        subject_id=reference,
        extra={"need": str(Perm.EMERGENCY_ACCESS)},
    )
    form.add_error("reference", _("Không tìm thấy trường hợp với mã này."))


@login_required
@require_perm(Perm.EMERGENCY_ACCESS)
@require_http_methods(["GET", "POST"])
def emergency_request(request: AuthedRequest) -> HttpResponse:
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"]
        case = Case.objects.select_related("commune").filter(uid=reference).first()
        if case is None:
            _not_found(request, form, reference)
        elif case_reach(request, case) is not None:
            return redirect("cases:detail", uid=case.uid)
        else:
            saved, _status = save_form(
                form,
                lambda: emergency_access_open(
                    actor=request.user,
                    case=case,
                    reason=form.cleaned_data["reason"],
                    request=request,
                ),
            )
            if saved is not None:
                messages.warning(request, _("Đã mở quyền truy cập khẩn cấp (chỉ xem)."))
                return redirect("cases:detail", uid=case.uid)
    context = {"form": form, "hours": access_hours(), "own": emergency_own(user=request.user)}
    return render(request, "emergency/emergency_form.html", context)


@login_required
@require_perm(Perm.AUDIT_VIEW)
@require_GET
def emergency_list_view(request: AuthedRequest) -> HttpResponse:
    page = Paginator(emergency_list(viewer=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "emergency/emergency_list.html", {"page": page})


@login_required
@require_POST
@require_perm(Perm.AUDIT_VIEW)
def emergency_revoke(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    grant = access_emergency(request, uid, need=Perm.AUDIT_VIEW)
    emergency_access_revoke(actor=request.user, grant=grant, request=request)
    messages.success(request, _("Đã thu hồi quyền truy cập khẩn cấp."))
    return redirect("emergency:list")
