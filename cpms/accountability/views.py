"""Register pages: list (with XLSX export), detail, record, confirm, dismiss."""

from __future__ import annotations

import uuid
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.reauth import require_recent_auth
from cpms.audit.models import AuditEvent
from cpms.cases.access import access_case
from cpms.cases.models import Case
from cpms.core.forms import save_form
from cpms.intake.access import access_report
from cpms.intake.models import Report

from . import selectors
from .access import access_entry, entry_perms
from .choices import EntryKind, EntryStatus
from .export import register_export
from .forms import ConfirmForm, DismissForm, EntryForm
from .models import AccountabilityEntry
from .services import EntryData, audit_entry, entry_confirm, entry_dismiss, entry_record


@login_required
@require_perm(Perm.ACCOUNTABILITY_VIEW)
@require_GET
def entry_list(request: AuthedRequest) -> HttpResponse:
    filters = selectors.EntryFilters.from_query(request.GET.dict())
    entries = selectors.entry_list(viewer=request.user, filters=filters)
    context = {
        "page": Paginator(entries, 25).get_page(request.GET.get("page")),
        "filters": filters,
        "statuses": EntryStatus.choices,
        "kinds": EntryKind.choices,
        "communes": selectors.communes_for(request.user),
    }
    return render(request, "accountability/entry_list.html", context)


@login_required
@require_perm(Perm.ACCOUNTABILITY_VIEW)
@require_perm(Perm.EXPORT_CREATE)
@require_recent_auth
@require_GET
def entry_export(request: AuthedRequest) -> HttpResponse:
    filters = selectors.EntryFilters.from_query(request.GET.dict())
    response = register_export(actor=request.user, request=request, filters=filters)
    return cast(HttpResponse, response)  # streamed; the view decorators only pass it through


@login_required
@require_GET
def entry_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    entry = access_entry(request, uid, need=Perm.ACCOUNTABILITY_VIEW)
    audit_entry(event=AuditEvent.READ, actor=request.user, entry=entry)
    perms = entry_perms(request.user, entry) or frozenset()
    context = {
        "entry": entry,
        "references": selectors.entry_references(entry),
        "can_decide": Perm.ACCOUNTABILITY_EDIT in perms and entry.status == EntryStatus.PROPOSED,
    }
    return render(request, "accountability/entry_detail.html", context)


def _uid(value: str) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise Http404 from exc


def _linked(request: AuthedRequest) -> tuple[Case | None, Report | None]:
    """The case and/or report the entry is about, from the link that opened the page."""
    case_uid, report_uid = _uid(request.GET.get("case", "")), _uid(request.GET.get("report", ""))
    case = access_case(request, case_uid, need=Perm.CASE_VIEW) if case_uid else None
    report = access_report(request, report_uid, need=Perm.REPORT_VIEW) if report_uid else None
    return case, report


@login_required
@require_perm(Perm.ACCOUNTABILITY_VIEW)
@require_http_methods(["GET", "POST"])
def entry_create(request: AuthedRequest) -> HttpResponse:
    case, report = _linked(request)
    form = EntryForm(request.POST or None, viewer=request.user)
    status = 200
    if (case or report) and request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = EntryData(
            kind=d["kind"],
            description=d["description"],
            case=case,
            report=report,
            agency=d["agency"],
            person=d["person"],
            person_name=d["person_name"],
            person_role=d["person_role"],
            occurred_on=d["occurred_on"],
            legal_references=list(d["legal_references"]),
        )
        entry, status = save_form(form, lambda: entry_record(actor=request.user, data=data))
        if entry is not None:
            messages.success(request, _("Đã ghi nhận, chờ người có thẩm quyền xem xét."))
            return redirect("accountability:detail", uid=entry.uid)
    context = {"form": form, "case": case, "report": report}
    return render(request, "accountability/entry_form.html", context, status=status)


def _decide_page(
    request: AuthedRequest, entry: AccountabilityEntry, form: object, title: str, status: int
) -> HttpResponse:
    context = {"entry": entry, "form": form, "title": title}
    return render(request, "accountability/entry_change.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def entry_confirm_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    entry = access_entry(request, uid, need=Perm.ACCOUNTABILITY_EDIT)
    initial = {"version": entry.version, "action_on": timezone.localdate()}
    form = ConfirmForm(request.POST or None, initial=initial)
    status = 200 if entry.status == EntryStatus.PROPOSED else 409
    if request.method == "POST" and status == 200 and form.is_valid():
        d = form.cleaned_data
        saved, status = save_form(
            form,
            lambda: entry_confirm(
                actor=request.user,
                entry=entry,
                action=d["action"],
                action_on=d["action_on"],
                action_note=d["action_note"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã xác nhận và ghi biện pháp đã áp dụng."))
            return redirect("accountability:detail", uid=entry.uid)
    return _decide_page(request, entry, form, _("Xác nhận vi phạm"), status)


@login_required
@require_http_methods(["GET", "POST"])
def entry_dismiss_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    entry = access_entry(request, uid, need=Perm.ACCOUNTABILITY_EDIT)
    form = DismissForm(request.POST or None, initial={"version": entry.version})
    status = 200 if entry.status == EntryStatus.PROPOSED else 409
    if request.method == "POST" and status == 200 and form.is_valid():
        d = form.cleaned_data
        saved, status = save_form(
            form,
            lambda: entry_dismiss(
                actor=request.user, entry=entry, reason=d["reason"], expected_version=d["version"]
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã ghi lý do không xác nhận. Ghi nhận vẫn được lưu."))
            return redirect("accountability:detail", uid=entry.uid)
    return _decide_page(request, entry, form, _("Không xác nhận đề xuất"), status)
