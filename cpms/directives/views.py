"""Directive register pages: list, my assignments, detail with the reporting board, the
report form of one agency for one period, and the consolidated report."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.access import refuse
from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.reauth import require_recent_auth
from cpms.accounts.scope import user_perms
from cpms.audit.models import AuditEvent
from cpms.cases.official_forms.exports import download
from cpms.core.forms import save_form

from . import selectors
from .access import ASSIGNMENT_SUBJECT, SUBJECT, access_assignment, access_directive
from .choices import DirectiveStatus, ReportStatus
from .consolidated import consolidated_export, default_symbol
from .figures import labelled, unit_figures
from .forms import AssignmentForm, ConsolidatedForm, ReportForm
from .models import ProgressReport
from .services import assignment_add, assignment_withdraw, audit_event, period_of, report_save

MANAGE = Perm.DIRECTIVE_MANAGE


@login_required
@require_perm(Perm.DIRECTIVE_VIEW)
@require_GET
def directive_list(request: AuthedRequest) -> HttpResponse:
    query, status = request.GET.get("q", ""), request.GET.get("status", "")
    rows = selectors.directive_list(viewer=request.user, query=query, status=status)
    context = {
        "page": Paginator(rows, 25).get_page(request.GET.get("page")),
        "query": query,
        "status": status,
        "statuses": DirectiveStatus.choices,
        "can_create": Perm.DIRECTIVE_MANAGE in user_perms(request.user),
    }
    return render(request, "directives/directive_list.html", context)


@login_required
@require_perm(Perm.DIRECTIVE_REPORT)
@require_GET
def my_assignments(request: AuthedRequest) -> HttpResponse:
    rows = selectors.my_assignments(viewer=request.user, today=timezone.localdate())
    return render(request, "directives/my_assignments.html", {"rows": rows})


@login_required
@require_GET
def directive_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    directive, reach = access_directive(request, uid)
    only_missing = request.GET.get("missing") == "1"
    today = timezone.localdate()
    can_manage = Perm.DIRECTIVE_MANAGE in reach.perms and bool(reach.manage_grants)
    context = {
        "directive": directive,
        "references": directive.references.order_by("issued_on", "symbol"),
        "boards": selectors.board(
            directive=directive, reach=reach, today=today, only_missing=only_missing
        ),
        "only_missing": only_missing,
        "can_manage": can_manage,
        "can_edit": reach.manage_full,
        "latest": _latest_half(today),
        "report_symbol": default_symbol(),
    }
    return render(request, "directives/directive_detail.html", context)


def _latest_half(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last half-year that has ended: the default range of the consolidated report."""
    if today.month > 6:
        return dt.date(today.year, 1, 1), dt.date(today.year, 6, 30)
    return dt.date(today.year - 1, 7, 1), dt.date(today.year - 1, 12, 31)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    directive, reach = access_directive(request, uid, need=Perm.DIRECTIVE_MANAGE)
    if not reach.manage_full:
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=MANAGE)
    form = AssignmentForm(request.POST or None, directive=directive, viewer=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, status = save_form(
            form,
            lambda: assignment_add(
                actor=request.user,
                clause=d["clause"],
                agency=d["agency"],
                is_lead=d["is_lead"],
                schedule=d["schedule"],
                deadline=d["deadline"],
                due_days=d["due_days"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã giao nội dung cho cơ quan."))
            return redirect("directives:detail", uid=directive.uid)
    context = {"directive": directive, "form": form}
    return render(request, "directives/assignment_form.html", context, status=status)


@login_required
@require_POST
def assignment_withdraw_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    assignment, reach = access_assignment(request, uid)
    if not reach.manage_full:
        refuse(
            request,
            found=True,
            subject_type=ASSIGNMENT_SUBJECT,
            subject_id=uid,
            need=MANAGE,
        )
    try:
        assignment_withdraw(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã thôi giao nội dung cho cơ quan này."))
    return redirect("directives:detail", uid=assignment.clause.directive.uid)


def _period_start(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def report_view(request: AuthedRequest, uid: uuid.UUID, start: str) -> HttpResponse:
    assignment, reach = access_assignment(request, uid, file=request.method == "POST")
    today = timezone.localdate()
    period = period_of(assignment, _period_start(start), today)
    if period is None:
        raise Http404
    report = ProgressReport.objects.filter(assignment=assignment, period_start=period.start).first()
    submitted = report is not None and report.status == ReportStatus.SUBMITTED
    can_file = reach.can_file(assignment) and not submitted and assignment.active
    initial = {
        "narrative": report.narrative if report else "",
        "version": report.version if report else 0,
    }
    form = ReportForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        d = form.cleaned_data
        saved, status = save_form(
            form,
            lambda: report_save(
                actor=request.user,
                assignment=assignment,
                period_start=period.start,
                narrative=d["narrative"],
                submit=submit,
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            done = saved.status == ReportStatus.SUBMITTED
            messages.success(request, _("Đã gửi báo cáo.") if done else _("Đã lưu bản nháp."))
            return redirect("directives:report", uid=assignment.uid, start=period.start.isoformat())
    figures = (
        report.figures
        if submitted and report is not None
        else unit_figures(
            assignment.agency.admin_unit, period.start, period.end, assignment.clause.figure_keys
        )
    )
    if report is not None:
        audit_event(AuditEvent.READ, request.user, "directives.progressreport", report.uid, None)
    context = {
        "assignment": assignment,
        "directive": assignment.clause.directive,
        "period": period,
        "report": report,
        "submitted": submitted,
        "can_file": can_file,
        "figures": labelled(figures),
        "form": form,
    }
    return render(request, "directives/report_form.html", context, status=status)


@login_required
@require_recent_auth
@require_GET
def consolidated_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    directive, reach = access_directive(request, uid, need=Perm.DIRECTIVE_MANAGE)
    form = ConsolidatedForm(request.GET)
    start, end = _latest_half(timezone.localdate())
    file_format = "docx"
    header = None
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        file_format = form.cleaned_data["format"] or "docx"
        header = form.header()
    if end < start:
        start, end = end, start
    data = consolidated_export(
        actor=request.user,
        request=request,
        directive=directive,
        reach=reach,
        start=start,
        end=end,
        file_format=file_format,
        header=header,
    )
    name = f"Báo cáo kết quả thực hiện {directive.symbol} {start:%d-%m-%Y} {end:%d-%m-%Y}"
    return download(data, f"{name.replace('/', '-')}.{file_format}", file_format)
