"""Registering and editing a directive with its clauses (area officers, directive.manage)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.forms import formset_factory
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cpms.accounts.access import refuse
from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.core.forms import save_form

from .access import SUBJECT, access_directive
from .forms import ClauseForm, DirectiveForm, clause_initial, directive_initial
from .models import Directive, DirectiveClause
from .services import DirectiveData, clause_save, directive_create, directive_update

EXTRA_CLAUSES = 3


def _data(d: dict[str, Any]) -> DirectiveData:
    return DirectiveData(
        kind=d["kind"],
        number=d["number"],
        symbol=d["symbol"],
        issued_on=d["issued_on"],
        issued_year=d["issued_year"],
        issuer_name=d["issuer_name"],
        issuing_unit=d["issuing_unit"],
        lead_agency=d["lead_agency"],
        signer=d["signer"],
        subject=d["subject"],
        body=d["body"],
        status=d["status"],
        effective_from=d["effective_from"],
        references=list(d["references"]),
    )


def _save_clauses(
    actor: User, directive: Directive, existing: list[DirectiveClause], rows: list[dict[str, Any]]
) -> None:
    """Rows match the existing clauses by position; filled rows beyond them are new clauses.
    A clause is never removed (reports may refer to it)."""
    for index, row in enumerate(rows):
        if not row.get("number"):
            continue
        clause_save(
            actor=actor,
            directive=directive,
            number=row["number"],
            text=row["text"],
            order=index + 1,
            figure_keys=row.get("figure_keys") or [],
            clause=existing[index] if index < len(existing) else None,
        )


def _page(
    request: AuthedRequest, directive: Directive | None, existing: list[DirectiveClause]
) -> HttpResponse:
    initial = directive_initial(directive) if directive else {}
    clause_forms = formset_factory(ClauseForm, extra=EXTRA_CLAUSES)
    form = DirectiveForm(request.POST or None, initial=initial, viewer=request.user)
    formset = clause_forms(
        request.POST or None, initial=[clause_initial(c) for c in existing], prefix="clauses"
    )
    status = 200
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = _data(form.cleaned_data)
        rows = [f.cleaned_data for f in formset.forms]

        def save() -> Directive:
            with transaction.atomic():
                if directive is None:
                    saved = directive_create(actor=request.user, data=data)
                else:
                    version = form.cleaned_data["version"] or 0
                    saved = directive_update(
                        actor=request.user, directive=directive, data=data, expected_version=version
                    )
                _save_clauses(request.user, saved, existing, rows)
                return saved

        saved, status = save_form(form, save)
        if saved is not None:
            messages.success(request, _("Đã lưu văn bản chỉ đạo."))
            return redirect("directives:detail", uid=saved.uid)
    context = {"form": form, "formset": formset, "directive": directive}
    return render(request, "directives/directive_form.html", context, status=status)


@login_required
@require_perm(Perm.DIRECTIVE_MANAGE)
@require_http_methods(["GET", "POST"])
def directive_create_view(request: AuthedRequest) -> HttpResponse:
    return _page(request, None, [])


@login_required
@require_http_methods(["GET", "POST"])
def directive_edit_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    directive, reach = access_directive(request, uid, need=Perm.DIRECTIVE_MANAGE)
    if not reach.manage_full:
        refuse(
            request, found=True, subject_type=SUBJECT, subject_id=uid, need=Perm.DIRECTIVE_MANAGE
        )
    return _page(request, directive, list(directive.clauses.order_by("order", "pk")))
