"""Inspection pages: plans, inspections, recommendations and their follow-up."""

from __future__ import annotations

import uuid
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import user_perms
from cpms.core.forms import save_form

from ..access import access_inspection, access_plan, access_recommendation
from ..choices import RecommendationStatus
from ..forms import (
    CloseForm,
    InspectionEditForm,
    InspectionForm,
    PlanEditForm,
    PlanForm,
    RecommendationForm,
)
from ..selectors import lists
from ..services.inspections import (
    InspectionData,
    RecommendationData,
    inspection_record,
    inspection_update,
    plan_create,
    plan_update,
    recommendation_close,
    recommendation_issue,
)
from .common import PAGE_SIZE
from .saving import edit_page, save_page


@login_required
@require_perm(Perm.PROGRAMME_VIEW)
@require_GET
def plan_list(request: AuthedRequest) -> HttpResponse:
    plans = lists.plan_list(viewer=request.user)
    context = {
        "page": Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_plan": Perm.INSPECTION_EDIT in user_perms(request.user),
    }
    return render(request, "programmes/plan_list.html", context)


@login_required
@require_perm(Perm.INSPECTION_EDIT)
@require_http_methods(["GET", "POST"])
def plan_create_view(request: AuthedRequest) -> HttpResponse:
    initial = {"year": timezone.localdate().year}
    form = PlanForm(request.POST or None, viewer=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan, _status = save_form(
            form, lambda: plan_create(actor=request.user, **form.cleaned_data)
        )
        if plan is not None:
            messages.success(request, _("Đã tạo kế hoạch kiểm tra."))
            return redirect("programmes:plan-detail", uid=plan.uid)
    return render(
        request, "programmes/form.html", {"form": form, "title": _("Kế hoạch kiểm tra mới")}
    )


@login_required
@require_GET
def plan_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    plan, perms = access_plan(request, uid)
    inspections = lists.plan_inspections(viewer=request.user, plan=plan)
    context = {
        "plan": plan,
        "page": Paginator(inspections, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_plan": Perm.INSPECTION_EDIT in perms,
    }
    return render(request, "programmes/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    plan, _perms = access_plan(request, uid, need=Perm.INSPECTION_EDIT)
    form = InspectionForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        data = InspectionData(**form.cleaned_data)
        inspection, _status = save_form(
            form, lambda: inspection_record(actor=request.user, plan=plan, data=data)
        )
        if inspection is not None:
            messages.success(request, _("Đã ghi nhận cuộc kiểm tra."))
            return redirect("programmes:inspection-detail", uid=inspection.uid)
    context = {"form": form, "title": _("Cuộc kiểm tra mới"), "subtitle": str(plan)}
    return render(request, "programmes/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    """The inspection and its recommendations; the inspecting level adds one here."""
    inspection, perms = access_inspection(request, uid)
    can_issue = Perm.INSPECTION_EDIT in perms
    form = RecommendationForm(request.POST or None) if can_issue else None
    if request.method == "POST":
        if form is None:
            access_inspection(request, uid, need=Perm.INSPECTION_EDIT)  # refuses (403, audited)
        elif form.is_valid():
            data = RecommendationData(**form.cleaned_data)
            issued, _status = save_form(
                form,
                lambda: recommendation_issue(actor=request.user, inspection=inspection, data=data),
            )
            if issued is not None:
                messages.success(request, _("Đã thêm kiến nghị."))
                return redirect("programmes:inspection-detail", uid=inspection.uid)
    context = {
        "inspection": inspection,
        "recommendations": lists.inspection_recommendations(inspection),
        "today": timezone.localdate(),
        "form": form,
        "can_close": Perm.RECOMMENDATION_CLOSE in perms,
        "can_issue": can_issue,
    }
    return render(request, "programmes/inspection_detail.html", context)


@login_required
@require_perm(Perm.PROGRAMME_VIEW)
@require_GET
def recommendation_list(request: AuthedRequest) -> HttpResponse:
    """Follow-up: every recommendation of the area, overdue ones flagged (and a filter)."""
    today = timezone.localdate()
    filters = lists.FollowUpFilters.from_query(request.GET.dict())
    rows = lists.recommendation_list(viewer=request.user, filters=filters, today=today)
    context = {
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": filters,
        "statuses": RecommendationStatus.choices,
        "today": today,
    }
    return render(request, "programmes/recommendation_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_close_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    recommendation, _perms = access_recommendation(request, uid, need=Perm.RECOMMENDATION_CLOSE)
    initial = {"version": recommendation.version, "closed_on": timezone.localdate()}
    inspection_url = reverse(
        "programmes:inspection-detail", kwargs={"uid": recommendation.inspection.uid}
    )
    return save_page(
        request,
        form=CloseForm(request.POST or None, initial=initial),
        save=lambda d: recommendation_close(
            actor=request.user,
            recommendation=recommendation,
            closed_on=d["closed_on"],
            note=d["note"],
            expected_version=d["version"],
        ),
        done_url=inspection_url,
        message=_("Đã ghi nhận hoàn thành kiến nghị."),
        context={"recommendation": recommendation},
        template="programmes/recommendation_close.html",
        closed=recommendation.status != RecommendationStatus.OPEN,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    plan, _perms = access_plan(request, uid, need=Perm.INSPECTION_EDIT)
    return edit_page(
        request,
        record=plan,
        form_class=PlanEditForm,
        fields=("year", "title", "unit", "issuer"),
        update=partial(plan_update, actor=request.user, plan=plan),
        done_url=reverse("programmes:plan-detail", kwargs={"uid": plan.uid}),
        title=_("Sửa kế hoạch kiểm tra"),
        subtitle=str(plan),
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    inspection, _perms = access_inspection(request, uid, need=Perm.INSPECTION_EDIT)
    return edit_page(
        request,
        record=inspection,
        form_class=InspectionEditForm,
        fields=("unit", "inspected_body", "date", "team", "findings"),
        update=partial(inspection_update, actor=request.user, inspection=inspection),
        data_class=InspectionData,
        done_url=reverse("programmes:inspection-detail", kwargs={"uid": inspection.uid}),
        title=_("Sửa cuộc kiểm tra"),
        subtitle=str(inspection),
    )
