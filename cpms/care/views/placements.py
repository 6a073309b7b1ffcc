"""Placement pages: list, detail, propose (for a child), decision, review, end."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.cases.choices import CaseState
from cpms.cases.models import Case
from cpms.children.access import access_child
from cpms.core.forms import add_validation_errors, save_form

from .. import selectors
from ..access import access_placement, placement_perms
from ..choices import PlacementKind, PlacementStatus
from ..forms import DecideForm, EndForm, PlacementForm, ReviewForm
from ..models import Placement
from ..services import (
    PlacementData,
    placement_decide,
    placement_end,
    placement_propose,
    placement_review_add,
)
from ..services.common import audit_placement


@login_required
@require_perm(Perm.CASE_VIEW)
@require_GET
def placement_list(request: AuthedRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    kind = request.GET.get("kind", "")
    filters = selectors.PlacementFilters(
        status=status, kind=kind if kind in PlacementKind.values else ""
    )
    page = Paginator(selectors.placement_list(viewer=request.user, filters=filters), 25).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "rows": selectors.with_review_due(list(page)),
        "filters": filters,
        "statuses": PlacementStatus.choices,
        "kinds": PlacementKind.choices,
    }
    return render(request, "care/placement_list.html", context)


@login_required
@require_GET
def placement_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    placement = access_placement(request, uid, need=Perm.CASE_VIEW)
    perms = placement_perms(request.user, placement) or frozenset()
    audit_placement(event=AuditEvent.READ, actor=request.user, placement=placement)
    reviews = list(placement.reviews.select_related("recorded_by").order_by("-reviewed_on", "-pk"))
    placement.last_review = reviews[0].reviewed_on if reviews else None  # type: ignore[attr-defined]
    [(_p, due)] = selectors.with_review_due([placement])
    context = {
        "placement": placement,
        "reviews": reviews,
        "due": due,
        "can_edit": Perm.CASE_EDIT in perms,
        "can_decide": Perm.CASE_APPROVE_PLAN in perms,
    }
    return render(request, "care/placement_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def placement_create(request: AuthedRequest, child_uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, child_uid, need=Perm.CASE_EDIT)
    case = Case.objects.filter(child=child).exclude(state=CaseState.CLOSED).first()
    form = PlacementForm(
        request.POST or None,
        viewer=request.user,
        initial={"planned_start_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            placement = placement_propose(
                actor=request.user,
                data=PlacementData(
                    child=child,
                    case=case,
                    kind=d["kind"],
                    provider=d["provider"],
                    reason=d["reason"],
                    planned_start_on=d["planned_start_on"],
                    planned_end_on=d["planned_end_on"],
                    guardian_consent=d["guardian_consent"],
                    consent_exception=d["consent_exception"],
                ),
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Đã lập đề xuất, chờ quyết định của Chủ tịch UBND."))
            return redirect("care:placement-detail", uid=placement.uid)
    context = {"child": child, "case": case, "form": form}
    return render(request, "care/placement_form.html", context)


def _change(
    request: AuthedRequest, uid: uuid.UUID, need: Perm, form_class: Any
) -> tuple[Placement, Any]:
    placement = access_placement(request, uid, need=need)
    initial: dict[str, object] = {"version": placement.version}
    for name in ("decision_date", "start_on", "reviewed_on", "ended_on"):
        initial[name] = timezone.localdate()
    if form_class is ReviewForm:
        initial["reviewer"] = request.user.full_name
    return placement, form_class(request.POST or None, initial=initial)


def _render(
    request: AuthedRequest, placement: Placement, form: Any, title: str, status: int
) -> HttpResponse:
    context = {"placement": placement, "form": form, "title": title}
    return render(request, "care/placement_change.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def placement_decide_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    title = _("Quyết định giao, nhận trẻ (Mẫu 12)")
    placement, form = _change(request, uid, Perm.CASE_APPROVE_PLAN, DecideForm)
    status = 409 if placement.status != PlacementStatus.PROPOSED else 200
    if request.method == "POST" and status == 200 and form.is_valid():
        d = form.cleaned_data
        saved, status = save_form(
            form,
            lambda: placement_decide(
                actor=request.user,
                placement=placement,
                decision_number=d["decision_number"],
                decision_date=d["decision_date"],
                decision_issuer=d["decision_issuer"],
                start_on=d["start_on"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã ghi quyết định."))
            return redirect("care:placement-detail", uid=placement.uid)
    return _render(request, placement, form, title, status)


@login_required
@require_http_methods(["GET", "POST"])
def placement_review_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    title = _("Rà soát, đánh giá việc chăm sóc thay thế")
    placement, form = _change(request, uid, Perm.CASE_EDIT, ReviewForm)
    status = 409 if placement.status != PlacementStatus.ACTIVE else 200
    if request.method == "POST" and status == 200 and form.is_valid():
        d = form.cleaned_data
        saved, status = save_form(
            form,
            lambda: placement_review_add(
                actor=request.user,
                placement=placement,
                reviewed_on=d["reviewed_on"],
                reviewer=d["reviewer"],
                findings=d["findings"],
                child_opinion=d["child_opinion"],
                outcome=d["outcome"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã lưu kết quả rà soát."))
            return redirect("care:placement-detail", uid=placement.uid)
    return _render(request, placement, form, title, status)


@login_required
@require_http_methods(["GET", "POST"])
def placement_end_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    title = _("Chấm dứt việc chăm sóc thay thế")
    placement, form = _change(request, uid, Perm.CASE_APPROVE_PLAN, EndForm)
    status = 200 if placement.is_open else 409
    if request.method == "POST" and status == 200 and form.is_valid():
        d = form.cleaned_data
        saved, status = save_form(
            form,
            lambda: placement_end(
                actor=request.user,
                placement=placement,
                ended_on=d["ended_on"],
                reason=d["reason"],
                note=d["note"],
                decision_number=d["decision_number"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã ghi việc chấm dứt."))
            return redirect("care:placement-detail", uid=placement.uid)
    return _render(request, placement, form, title, status)
