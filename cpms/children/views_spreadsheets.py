"""Spreadsheet pages: the book template, imports (upload → check → confirm) and exports.

Jobs are seen only by the person who started them (404 for anyone else). Long work runs in
the background; the job pages poll a progress fragment with htmx every 2 seconds.
"""

from __future__ import annotations

import uuid
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.reauth import require_recent_auth
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.htmx import is_htmx
from cpms.geography.models import AdminUnit

from .models import JobKind, JobStatus, SpreadsheetJob
from .spreadsheets.access import SUBJECT, access_job, import_communes, my_jobs
from .spreadsheets.exporter import export_request
from .spreadsheets.forms import ExportForm, UploadForm
from .spreadsheets.importer import import_cancel, import_confirm, import_upload
from .spreadsheets.reader import MAX_UPLOAD_BYTES, SheetError
from .spreadsheets.template import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUNNING = (JobStatus.UPLOADED, JobStatus.VALIDATING, JobStatus.IMPORTING, JobStatus.RUNNING)
ISSUES_PER_PAGE = 50
BODY_SLACK = 64 * 1024  # multipart overhead allowed on top of the book itself


@login_required
@require_perm(Perm.CHILD_EDIT)
@require_GET
def template_download(request: AuthedRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="so-theo-doi-tre-em-mau.xlsx"'
    return response


def _importer_communes(request: AuthedRequest) -> QuerySet[AdminUnit]:
    """403 (audited) for a CHILD_EDIT holder who covers no whole commune (a collaborator)."""
    communes = import_communes(request.user)
    if not communes.exists():
        audit_record(
            event=AuditEvent.DENIED,
            actor=request.user,
            request=request,
            extra={"need": "import.commune"},
        )
        raise PermissionDenied
    return communes


def _import_page(request: AuthedRequest, form: UploadForm) -> HttpResponse:
    context = {
        "form": form,
        "jobs": my_jobs(request.user, kind=JobKind.IMPORT),
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "children/spreadsheet_import.html", context)


@login_required
@require_perm(Perm.CHILD_EDIT)
@require_GET
def import_list(request: AuthedRequest) -> HttpResponse:
    return _import_page(request, UploadForm(communes=_importer_communes(request)))


@csrf_exempt  # checked by _import_upload once the body size is known to be acceptable
@login_required
@require_perm(Perm.CHILD_EDIT)
@require_POST
def import_upload_view(request: AuthedRequest) -> HttpResponse:
    communes = _importer_communes(request)
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BYTES + BODY_SLACK:
        # Refused before the body is read: an oversize book is never written to disk.
        messages.error(
            request,
            _("Tệp lớn hơn %(size)s MB. Hãy chia sổ thành nhiều tệp nhỏ hơn.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
        return redirect("children-sheets:import-list")
    return _import_upload(request, communes)


@csrf_protect
def _import_upload(request: AuthedRequest, communes: QuerySet[AdminUnit]) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES, communes=communes)
    if form.is_valid():
        try:
            job = import_upload(
                actor=request.user,
                upload=form.cleaned_data["file"],
                commune=form.chosen_commune(),
            )
        except SheetError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("children-sheets:import-detail", uid=job.uid)
    return _import_page(request, form)


def _job_context(request: AuthedRequest, job: SpreadsheetJob) -> dict[str, object]:
    issues = job.issues.all() if job.kind == JobKind.IMPORT else job.issues.none()
    return {
        "job": job,
        "running": job.status in RUNNING,
        "page": Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page")),
        "to_import": job.params.get("to_import", 0),
        "duplicates": job.params.get("duplicates", 0),
        "restricted_left_out": job.params.get("restricted_left_out", 0),
        "statuses": JobStatus,
    }


@login_required
@require_perm(Perm.CHILD_EDIT)
@require_GET
def import_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    job = access_job(request, uid, kind=JobKind.IMPORT, need=Perm.CHILD_EDIT)
    template = (
        "children/partials/spreadsheet_import_job.html"
        if is_htmx(request)
        else "children/spreadsheet_import_detail.html"
    )
    return render(request, template, _job_context(request, job))


@login_required
@require_perm(Perm.CHILD_EDIT)
@require_POST
def import_confirm_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    job = access_job(request, uid, kind=JobKind.IMPORT, need=Perm.CHILD_EDIT)
    try:
        import_confirm(actor=request.user, job=job)
    except SheetError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đang nhập dữ liệu; bạn có thể rời trang này."))
    return redirect("children-sheets:import-detail", uid=job.uid)


@login_required
@require_perm(Perm.CHILD_EDIT)
@require_POST
def import_cancel_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    job = access_job(request, uid, kind=JobKind.IMPORT, need=Perm.CHILD_EDIT)
    try:
        import_cancel(actor=request.user, job=job)
    except SheetError as exc:
        messages.error(request, exc.message)
    else:
        messages.info(request, _("Đã hủy tệp; không có trẻ nào được nhập."))
    return redirect("children-sheets:import-list")


def _export_page(request: AuthedRequest, form: ExportForm) -> HttpResponse:
    context = {"form": form, "jobs": my_jobs(request.user, kind=JobKind.EXPORT)}
    return render(request, "children/spreadsheet_export.html", context)


@login_required
@require_perm(Perm.EXPORT_CREATE)
@require_GET
def export_list(request: AuthedRequest) -> HttpResponse:
    return _export_page(request, ExportForm(viewer=request.user))


@login_required
@require_perm(Perm.EXPORT_CREATE)
@require_recent_auth
@require_POST
def export_create(request: AuthedRequest) -> HttpResponse:
    form = ExportForm(request.POST, viewer=request.user)
    if form.is_valid():
        try:
            job = export_request(actor=request.user, filters=form.to_filters())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("children-sheets:export-detail", uid=job.uid)
    return _export_page(request, form)


@login_required
@require_perm(Perm.EXPORT_CREATE)
@require_GET
def export_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    job = access_job(request, uid, kind=JobKind.EXPORT, need=Perm.EXPORT_CREATE)
    template = (
        "children/partials/spreadsheet_export_job.html"
        if is_htmx(request)
        else "children/spreadsheet_export_detail.html"
    )
    return render(request, template, _job_context(request, job))


@login_required
@require_perm(Perm.EXPORT_CREATE)
@require_recent_auth
@require_GET
def export_download(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    job = access_job(request, uid, kind=JobKind.EXPORT, need=Perm.EXPORT_CREATE)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    audit_record(
        event=AuditEvent.READ,
        actor=request.user,
        request=request,
        subject_type=SUBJECT,
        subject_id=job.uid,
        admin_unit_id=job.commune_id,
        extra={"download": True, "rows": job.total_rows},
    )
    stamp = timezone.localtime(job.created_at).strftime("%Y%m%d-%H%M")
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"so-theo-doi-tre-em-{stamp}.xlsx",
        content_type=XLSX,
    )
    return cast(HttpResponse, response)  # streamed; the view decorators only pass it through
