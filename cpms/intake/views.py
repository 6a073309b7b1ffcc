"""Intake pages: the commune inbox, the intake form, report detail, reporter reveal."""

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
from cpms.core.forms import save_form
from cpms.core.htmx import is_htmx
from cpms.core.paging import CappedPaginator

from . import selectors
from .access import access_report, report_perms
from .choices import ReportStatus
from .forms import ReportChildForm, ReportForm, VersionForm
from .services import (
    audit_report,
    report_child_add,
    report_receive,
    reporter_identity_reveal,
)
from .text import mask_name, mask_phone


@login_required
@require_perm(Perm.REPORT_VIEW)
@require_GET
def report_list(request: AuthedRequest) -> HttpResponse:
    filters = selectors.ReportFilters(status=request.GET.get("status", ReportStatus.NEW))
    rows = selectors.report_list_rows(viewer=request.user, filters=filters)
    paginator = CappedPaginator(selectors.with_row_details(rows), 25, counted_from=rows)
    page = paginator.get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters, "statuses": ReportStatus.choices}
    template = "intake/partials/report_rows.html" if is_htmx(request) else "intake/report_list.html"
    return render(request, template, context)


@login_required
@require_perm(Perm.REPORT_CREATE)
@require_GET
def report_sent(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.reports_sent_by(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "intake/report_sent.html", {"page": page})


@login_required
@require_perm(Perm.REPORT_CREATE)
@require_http_methods(["GET", "POST"])
def report_create(request: AuthedRequest) -> HttpResponse:
    form = ReportForm(request.POST or None, viewer=request.user)
    child_form = ReportChildForm(request.POST or None, prefix="child")
    if request.method == "POST" and form.is_valid() and child_form.is_valid():
        try:
            report = report_receive(
                actor=request.user,
                data=form.to_data(child_form.to_data()),
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã ghi nhận thông tin và chuyển đến xã, phường."))
            perms = report_perms(request, report) or frozenset()
            if Perm.REPORT_VIEW in perms:
                return redirect("intake:detail", uid=report.uid)
            return redirect("intake:sent")
    return render(request, "intake/report_form.html", {"form": form, "child_form": child_form})


@login_required
@require_GET
def report_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    report = access_report(request, uid, need=Perm.REPORT_VIEW)
    perms = report_perms(request, report) or frozenset()
    audit_report(event=AuditEvent.READ, actor=request.user, report=report)
    context = {
        "report": report,
        "children": selectors.report_children(report),
        "concerns": list(report.concern_types.order_by("position")),
        "masked_name": mask_name(report.reporter_name),
        "masked_phone": mask_phone(report.reporter_phone),
        "can_reveal": Perm.REPORTER_IDENTITY_VIEW in perms and not report.reporter_anonymous,
        "can_triage": Perm.REPORT_TRIAGE in perms,
        "can_link": Perm.REPORT_TRIAGE in perms and Perm.CHILD_EDIT in perms,
        "can_export": Perm.EXPORT_CREATE in perms,
    }
    return render(request, "intake/report_detail.html", context)


@login_required
@require_recent_auth
@require_POST
def reporter_reveal(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    report = access_report(request, uid, need=Perm.REPORTER_IDENTITY_VIEW)
    identity = reporter_identity_reveal(actor=request.user, report=report)
    context = {"report": report, "identity": identity}
    return render(request, "intake/partials/reporter_identity.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_child_add_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    report = access_report(request, uid, need=Perm.REPORT_TRIAGE)
    form = ReportChildForm(request.POST or None, prefix="child")
    version_form = VersionForm(request.POST or None, initial={"version": report.version})
    status = 200
    if request.method == "POST" and form.is_valid() and version_form.is_valid():
        row, status = save_form(
            form,
            lambda: report_child_add(
                actor=request.user,
                report=report,
                data=form.to_data(),
                expected_version=version_form.cleaned_data["version"],
            ),
        )
        if row is not None:
            messages.success(request, _("Đã thêm trẻ vào thông tin tiếp nhận."))
            return redirect("intake:detail", uid=report.uid)
    context = {"form": form, "version_form": version_form, "report": report}
    return render(request, "intake/report_child_form.html", context, status=status)
