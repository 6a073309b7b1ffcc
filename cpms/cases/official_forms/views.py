"""Generate an official form: GET shows the small form, POST returns the file.

Reached through the same access helpers as the case and report pages (out of scope → 404),
plus export.create (→ 403)."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cpms.accounts.access import refuse
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.intake.access import SUBJECT as REPORT_SUBJECT
from cpms.intake.access import access_report, report_perms
from cpms.privacy.selectors import export_allowed

from ..access import SUBJECT as CASE_SUBJECT
from ..access import access_case, case_perms
from .exports import download, file_name, form_export
from .forms import GenerateForm
from .records import case_records
from .registry import CASE_FORMS, REPORT_FORM
from .report_form import report_records


@login_required
@require_http_methods(["GET", "POST"])
def case_form(request: AuthedRequest, uid: uuid.UUID, code: str) -> HttpResponse:
    spec = CASE_FORMS.get(code)
    if spec is None:
        raise Http404
    case = access_case(request, uid, need=Perm.CASE_VIEW)
    if Perm.EXPORT_CREATE not in (case_perms(request, case) or frozenset()):
        refuse(
            request, found=True, subject_type=CASE_SUBJECT, subject_id=uid, need=Perm.EXPORT_CREATE
        )
    records = case_records(case)
    if not spec.available(case.state, records.present):
        raise Http404
    form = GenerateForm(request.POST or None, spec=spec, initial=spec.initial(records))
    if request.method == "POST" and form.is_valid() and export_allowed(form, case.child_id):
        fmt = form.cleaned_data["file_format"]
        data = form_export(
            actor=request.user,
            request=request,
            doc=spec.build(records, form.options()),
            file_format=fmt,
            code=code,
            subject_type=CASE_SUBJECT,
            subject_id=case.uid,
            admin_unit_id=case.commune_id,
        )
        return download(data, file_name(code, case.child.full_name, fmt), fmt)
    return render(request, "cases/official_form.html", {"form": form, "spec": spec, "case": case})


@login_required
@require_http_methods(["GET", "POST"])
def report_form(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    report = access_report(request, uid, need=Perm.REPORT_VIEW)
    perms = report_perms(request, report) or frozenset()
    if Perm.EXPORT_CREATE not in perms:
        refuse(
            request,
            found=True,
            subject_type=REPORT_SUBJECT,
            subject_id=uid,
            need=Perm.EXPORT_CREATE,
        )
    show_identity = Perm.REPORTER_IDENTITY_VIEW in perms and not report.reporter_anonymous
    records = report_records(report, show_identity=show_identity)
    spec = REPORT_FORM
    form = GenerateForm(request.POST or None, spec=spec, initial=spec.initial(records))
    matched = [row.child_id for row in records.children]
    if request.method == "POST" and form.is_valid() and export_allowed(form, *matched):
        fmt = form.cleaned_data["file_format"]
        data = form_export(
            actor=request.user,
            request=request,
            doc=spec.build(records, form.options()),
            file_format=fmt,
            code=spec.code,
            subject_type=REPORT_SUBJECT,
            subject_id=report.uid,
            admin_unit_id=report.commune_id,
            extra={"reveal": "reporter_identity"} if show_identity else None,
        )
        names = ", ".join(row.full_name for row in records.children if row.full_name)
        return download(data, file_name(spec.code, names, fmt), fmt)
    return render(
        request, "cases/official_form.html", {"form": form, "spec": spec, "report": report}
    )
