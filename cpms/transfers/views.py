"""The transfer page: fill in, confirm (the transfer moves who may see the case), done."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.cases.access import access_case
from cpms.core.forms import save_form

from .forms import TransferForm
from .selectors import INCOMING, OUTGOING, destination_communes, transfer_list
from .services import access_days, case_transfer


@login_required
@require_http_methods(["GET", "POST"])
def transfer_case(request: AuthedRequest, case_uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, case_uid, need=Perm.CASE_EDIT)
    form = TransferForm(
        request.POST or None,
        communes=destination_communes(case),
        access_days=access_days(),
        initial={"version": case.version},
    )
    status, template = 200, "transfers/transfer_form.html"
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if not d["confirmed"]:
            template = "transfers/transfer_confirm.html"
        else:
            saved, status = save_form(
                form,
                lambda: case_transfer(
                    actor=request.user,
                    case=case,
                    to_commune=d["to_commune"],
                    reason=d["reason"],
                    moved_on=d["moved_on"],
                    expected_version=d["version"],
                    from_access_until=d["from_access_until"],
                    address=d["address"],
                ),
            )
            if saved is not None:
                messages.success(
                    request,
                    _("Đã chuyển trường hợp đến %(commune)s.") % {"commune": saved.to_commune},
                )
                return redirect("cases:detail", uid=case.uid)
    context = {"case": case, "form": form, "access_days": access_days()}
    return render(request, template, context, status=status)


@login_required
@require_perm(Perm.CASE_VIEW)
@require_GET
def transfer_list_view(request: AuthedRequest) -> HttpResponse:
    direction = INCOMING if request.GET.get("direction") == INCOMING else OUTGOING
    rows = transfer_list(viewer=request.user, direction=direction)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    context = {"page": page, "direction": direction, "now": timezone.now()}
    return render(request, "transfers/transfer_list.html", context)
