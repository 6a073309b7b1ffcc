"""Shared view glue: the hub page and the page size."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import user_perms

PAGE_SIZE = 25


@login_required
@require_perm(Perm.PROGRAMME_VIEW)
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    perms = user_perms(request.user)
    context = {"can_plan": Perm.INSPECTION_EDIT in perms}
    return render(request, "programmes/index.html", context)
