"""Pages of periodic reports: the lists, creating one, the report with its tables, editing the
narrative, refreshing the figures, the workflow steps (each confirmed first) and the files."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.reauth import require_recent_auth
from cpms.core.exceptions import StaleEditError
from cpms.core.forms import STALE_EDIT_MESSAGE, add_validation_errors
from cpms.core.htmx import is_htmx

from . import selectors
from .access import Reach, access_export, access_report, sees_unprotected, shown_figures
from .choices import TRANSITIONS, Action, Level, ReportStatus
from .forms import CreateForm, EditForm, ReturnForm
from .generation import CONTENT_TYPES, export_download_record, export_request
from .models import ExportFormat, ExportStatus, PeriodicReport
from .services import NARRATIVE, report_create, report_refresh, report_transition, report_update


@login_required
@require_perm(Perm.STAT_REPORT_VIEW)
@require_GET
def report_list(request: AuthedRequest) -> HttpResponse:
    own = list(selectors.own_reports(request.user)[:100])
    received = list(selectors.received_reports(request.user)[:100])
    context = {
        "own": own,
        "received": received,
        "overdue": {r.pk for r in own if selectors.is_overdue(r)},
        "awaiting": selectors.AWAITING_UPPER,
        "can_create": selectors.preparable_units(request.user).exists(),
        "today": timezone.localdate(),
    }
    return render(request, "reports/report_list.html", context)


@login_required
@require_perm(Perm.STAT_REPORT_PREPARE)
@require_http_methods(["GET", "POST"])
def report_create_view(request: AuthedRequest) -> HttpResponse:
    units = selectors.preparable_units(request.user)
    form = CreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        start, end = form.period()
        try:
            report = report_create(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                kind=form.cleaned_data["kind"],
                start=start,
                end=end,
                due_on=form.cleaned_data.get("due_on"),
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            return redirect("reports:detail", uid=report.uid)
    return render(request, "reports/report_create.html", {"form": form})


def _display(tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **t,
            "body": [
                {"label": label, "values": [*t["cells"][i], t["row_totals"][i]]}
                for i, label in enumerate(t["rows"])
            ],
            "footer": [*t["col_totals"], t["total"]],
        }
        for t in tables
    ]


def _actions(reach: Reach, report: PeriodicReport) -> list[Action]:
    return [
        t.action
        for t in TRANSITIONS.values()
        if report.status in t.source and t.perm in reach.at(t.level)
    ]


@login_required
@require_GET
def report_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    report, reach = access_report(request, uid)
    can_prepare = Perm.STAT_REPORT_PREPARE in reach.at(Level.OWN)
    context = {
        "report": report,
        "tables": _display(shown_figures(reach, report)),
        "sections": [
            {"label": EditForm.base_fields[name].label, "text": getattr(report, name)}
            for name in NARRATIVE
        ],
        "unprotected": sees_unprotected(reach, report),
        "actions": _actions(reach, report),
        "can_edit": can_prepare and report.status == ReportStatus.DRAFT,
        "formats": ExportFormat.choices,
        "overdue": selectors.is_overdue(report),
        "exports": report.exports.filter(created_by=request.user).order_by("-created_at")[:5],
    }
    return render(request, "reports/report_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    report, _reach = access_report(request, uid, need=Perm.STAT_REPORT_PREPARE)
    if report.status != ReportStatus.DRAFT:
        messages.error(request, _("Chỉ sửa được báo cáo đang soạn."))
        return redirect("reports:detail", uid=report.uid)
    form = EditForm(request.POST) if request.method == "POST" else EditForm.for_report(report)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            report_update(
                actor=request.user,
                report=report,
                expected_version=form.cleaned_data["version"],
                values=form.values(),
            )
        except StaleEditError:
            form.add_error(None, STALE_EDIT_MESSAGE)
            status = 409
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect("reports:detail", uid=report.uid)
    return render(
        request, "reports/report_edit.html", {"report": report, "form": form}, status=status
    )


@login_required
@require_POST
def report_refresh_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    report, _reach = access_report(request, uid, need=Perm.STAT_REPORT_PREPARE)
    try:
        report_refresh(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã cập nhật số liệu theo dữ liệu hiện tại."))
    return redirect("reports:detail", uid=report.uid)


@login_required
@require_http_methods(["GET", "POST"])
def report_transition_view(request: AuthedRequest, uid: uuid.UUID, action: str) -> HttpResponse:
    """GET: the confirmation page; POST: the step itself."""
    if action not in Action.values:
        raise Http404
    transition = TRANSITIONS[Action(action)]
    report, _reach = access_report(request, uid, need=transition.perm)
    form = ReturnForm(request.POST or None, initial={"version": report.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            report_transition(
                actor=request.user,
                report=report,
                action=action,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data.get("reason", ""),
            )
        except StaleEditError:
            form.add_error(None, STALE_EDIT_MESSAGE)
            status = 409
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, _("Đã thực hiện: %(action)s.") % {"action": Action(action).label}
            )
            return redirect("reports:detail", uid=report.uid)
    context = {"report": report, "action": Action(action), "form": form}
    return render(request, "reports/report_confirm.html", context, status=status)


@login_required
@require_recent_auth
@require_POST
def export_create(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    report, _reach = access_report(request, uid)
    file_format = request.POST.get("format", "")
    if file_format not in ExportFormat.values:
        messages.error(request, _("Định dạng tệp không hợp lệ."))
        return redirect("reports:detail", uid=report.uid)
    export = export_request(actor=request.user, report=report, file_format=file_format)
    return redirect("reports:export-detail", uid=export.uid)


@login_required
@require_GET
def export_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    export = access_export(request, uid)
    context = {"export": export, "running": export.status == ExportStatus.RUNNING}
    template = (
        "reports/partials/export_job.html" if is_htmx(request) else "reports/export_detail.html"
    )
    return render(request, template, context)


@login_required
@require_recent_auth
@require_GET
def export_download(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    export = access_export(request, uid)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404
    export_download_record(actor=request.user, export=export)
    report = export.report
    name = f"bao-cao-{report.kind}-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}"
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"{name}.{export.file_format}",
        content_type=CONTENT_TYPES[ExportFormat(export.file_format)],
    )
    response["Cache-Control"] = "no-store"
    return cast(HttpResponse, response)
