"""Abuse details pages: types and setting, alleged perpetrators (restricted, every view
audited), the police and court track."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.access import refuse
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.children.models import Person
from cpms.core.forms import add_validation_errors, save_form

from .abuse import (
    JusticeData,
    PerpetratorData,
    abuse_update,
    justice_record,
    justice_withdraw,
    perpetrator_add,
    perpetrator_withdraw,
    perpetrators_reveal,
)
from .access import SUBJECT, access_case, case_perms
from .forms_abuse import AbuseForm, JusticeForm, PerpetratorForm, ReasonForm
from .models import AllegedPerpetrator, Case, JusticeMilestone


def _case_with(request: AuthedRequest, uid: uuid.UUID, *needs: Perm) -> Case:
    """The case, if the viewer holds every permission in `needs` over it (else 404/403)."""
    case = access_case(request, uid, need=needs[0])
    perms = case_perms(request, case) or frozenset()
    for need in needs[1:]:
        if need not in perms:
            refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=need)
    return case


def _initial_abuse(case: Case) -> dict[str, object]:
    """The case's own details, or else what the reports about it said."""
    types = list(case.concern_types.all())
    setting = case.setting
    if not types:
        rows = case.report_children.select_related("report").prefetch_related(
            "report__concern_types"
        )
        types = list({c for r in rows for c in r.report.concern_types.all()})
        setting = next((r.report.setting for r in rows), setting)
    return {"version": case.version, "concern_types": types, "setting": setting}


@login_required
@require_http_methods(["GET", "POST"])
def abuse_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, uid, need=Perm.CASE_EDIT)
    form = AbuseForm(request.POST or None, initial=_initial_abuse(case))
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, status = save_form(
            form,
            lambda: abuse_update(
                actor=request.user,
                case=case,
                concern_types=list(d["concern_types"]),
                setting=d["setting"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã lưu thông tin xâm hại."))
            return redirect("cases:detail", uid=case.uid)
    context = {"case": case, "form": form, "title": _("Loại xâm hại, môi trường xảy ra")}
    return render(request, "cases/abuse_form.html", context, status=status)


@login_required
@require_GET
def perpetrators(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, uid, need=Perm.CASE_PERPETRATOR_VIEW)
    perms = case_perms(request, case) or frozenset()
    rows = perpetrators_reveal(actor=request.user, case=case)
    context = {
        "case": case,
        "perpetrators": rows,
        "can_edit": Perm.CASE_EDIT in perms,
    }
    return render(request, "cases/perpetrators.html", context)


def _persons(case: Case) -> QuerySet[Person]:
    return (
        Person.objects.filter(child_links__child_id=case.child_id).distinct().order_by("full_name")
    )


@login_required
@require_http_methods(["GET", "POST"])
def perpetrator_add_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    case = _case_with(request, uid, Perm.CASE_EDIT, Perm.CASE_PERPETRATOR_VIEW)
    form = PerpetratorForm(request.POST or None, persons=_persons(case))
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        key = d.pop("idempotency_key")
        try:
            perpetrator_add(
                actor=request.user, case=case, data=PerpetratorData(**d), idempotency_key=key
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận người bị cho là gây hại."))
            return redirect("cases:perpetrators", uid=case.uid)
    context = {"case": case, "form": form, "title": _("Người bị cho là gây hại")}
    return render(request, "cases/abuse_form.html", context)


@login_required
@require_POST
def perpetrator_withdraw_view(
    request: AuthedRequest, uid: uuid.UUID, row_uid: uuid.UUID
) -> HttpResponse:
    case = _case_with(request, uid, Perm.CASE_EDIT, Perm.CASE_PERPETRATOR_VIEW)
    row = AllegedPerpetrator.objects.filter(case=case, uid=row_uid).first()
    if row is None:
        raise Http404
    form = ReasonForm(request.POST)
    if form.is_valid():
        perpetrator_withdraw(
            actor=request.user, perpetrator=row, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Đã rút thông tin."))
    else:
        messages.error(request, _("Vui lòng ghi lý do rút."))
    return redirect("cases:perpetrators", uid=case.uid)


@login_required
@require_http_methods(["GET", "POST"])
def justice_add(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, uid, need=Perm.CASE_JUSTICE_EDIT)
    form = JusticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        key = d.pop("idempotency_key")
        try:
            justice_record(
                actor=request.user, case=case, data=JusticeData(**d), idempotency_key=key
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi mốc tố tụng."))
            return redirect("cases:detail", uid=case.uid)
    context = {"case": case, "form": form, "title": _("Tiến trình tố tụng")}
    return render(request, "cases/abuse_form.html", context)


@login_required
@require_POST
def justice_withdraw_view(
    request: AuthedRequest, uid: uuid.UUID, row_uid: uuid.UUID
) -> HttpResponse:
    case = access_case(request, uid, need=Perm.CASE_JUSTICE_EDIT)
    row = JusticeMilestone.objects.filter(case=case, uid=row_uid).first()
    if row is None:
        raise Http404
    form = ReasonForm(request.POST)
    if form.is_valid():
        justice_withdraw(actor=request.user, milestone=row, reason=form.cleaned_data["reason"])
        messages.success(request, _("Đã rút mốc tố tụng."))
    else:
        messages.error(request, _("Vui lòng ghi lý do rút."))
    return redirect("cases:detail", uid=case.uid)
