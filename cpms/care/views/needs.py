"""The six-monthly list of children needing alternative care, and its XLSX export."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.reauth import require_recent_auth
from cpms.accounts.scope import user_perms

from ..export import needs_export
from ..needs import HalfYear, children_needing_care


@login_required
@require_perm(Perm.CASE_VIEW)
@require_GET
def needs_list(request: AuthedRequest) -> HttpResponse:
    half = HalfYear.parse(request.GET.get("half"))
    rows = children_needing_care(viewer=request.user, half=half)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "half": half,
        "halves": HalfYear.parse(None).recent(6),
        "page": page,
        "total": len(rows),
        "can_edit": Perm.CASE_EDIT in user_perms(request.user),
    }
    return render(request, "care/needs_list.html", context)


@login_required
@require_perm(Perm.CASE_VIEW)
@require_perm(Perm.EXPORT_CREATE)
@require_recent_auth
@require_GET
def needs_export_view(request: AuthedRequest) -> HttpResponse:
    half = HalfYear.parse(request.GET.get("half"))
    response = needs_export(actor=request.user, request=request, half=half)
    return cast(HttpResponse, response)  # streamed; the view decorators only pass it through
