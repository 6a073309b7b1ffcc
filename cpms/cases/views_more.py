"""Separation extension and ending, triage of a report, and the "my work" page."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.care.selectors import reviews_due
from cpms.core.forms import save_form
from cpms.intake.access import access_report
from cpms.intake.choices import ReportStatus

from . import selectors
from .access import access_case
from .deadlines import deadline_status
from .forms import SeparationEndForm, SeparationExtendForm, TriageForm
from .models import SeparationDecision
from .separation import separation_end, separation_extend
from .triage import TriageDecision, report_triage


@login_required
@require_http_methods(["GET", "POST"])
def separation_change(
    request: AuthedRequest, uid: uuid.UUID, sep_uid: uuid.UUID, action: str
) -> HttpResponse:
    case = access_case(request, uid, need=Perm.CASE_DECIDE_SEPARATION)
    sep = SeparationDecision.objects.filter(case=case, uid=sep_uid, ended_at=None).first()
    if sep is None or action not in ("extend", "end"):
        raise Http404
    form_class = SeparationExtendForm if action == "extend" else SeparationEndForm
    form = form_class(request.POST or None, initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data

        def change() -> SeparationDecision:
            if action == "extend":
                return separation_extend(
                    actor=request.user,
                    separation=sep,
                    new_ends_at=d["new_ends_at"],
                    decision_number=d["decision_number"],
                    reason=d["reason"],
                    by_authority=d["by_authority"],
                    authority_basis=d["authority_basis"] or "",
                    expected_version=d["version"],
                )
            return separation_end(
                actor=request.user,
                separation=sep,
                reason=d["reason"],
                expected_version=d["version"],
            )

        saved, status = save_form(form, change)
        if saved is not None:
            messages.success(request, _("Đã lưu quyết định."))
            return redirect("cases:detail", uid=case.uid)
    context = {"case": case, "form": form, "separation": sep, "action": action}
    return render(request, "cases/separation_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def triage(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    report = access_report(request, uid, need=Perm.REPORT_TRIAGE)
    rows = [
        r
        for r in report.children.select_related("child").order_by("created_at", "pk")
        if not r.outcome
    ]
    open_cases = selectors.child_open_cases([r.child_id for r in rows if r.child_id])
    form = TriageForm(
        request.POST or None,
        rows=rows,
        open_case_child_ids=set(open_cases),
        initial={"version": report.version},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        decisions = [
            TriageDecision(
                row=row, outcome=outcome, reason=form.cleaned_data.get(f"reason_{row.uid}") or ""
            )
            for row in rows
            if (outcome := form.cleaned_data.get(f"outcome_{row.uid}"))
        ]
        opened, status = save_form(
            form,
            lambda: report_triage(
                actor=request.user,
                report=report,
                decisions=decisions,
                expected_version=form.cleaned_data["version"],
            ),
        )
        if opened is not None:
            messages.success(request, _("Đã phân loại thông tin."))
            return redirect("intake:detail", uid=report.uid)
    context = {
        "report": report,
        "form": form,
        "rows": [
            (
                row,
                form[f"outcome_{row.uid}"],
                form[f"reason_{row.uid}"],
                open_cases.get(row.child_id or 0),
            )
            for row in rows
        ],
        "done": report.status == ReportStatus.TRIAGED,
    }
    return render(request, "cases/triage.html", context, status=status)


@login_required
@require_perm(Perm.CASE_VIEW)
@require_GET
def my_work(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    deadlines = list(selectors.my_deadlines(request.user)[:200])
    context = {
        "deadlines": [(d, deadline_status(d, now)) for d in deadlines],
        "tasks": list(selectors.my_tasks(request.user)[:200]),
        "care_reviews": reviews_due(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "cases/my_work.html", context)
