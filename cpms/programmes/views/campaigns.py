"""Awareness activity pages: list (filtered by kind and commune), record, detail, edit."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import user_perms
from cpms.attachments.forms import AttachmentForm
from cpms.attachments.selectors import attachments_of
from cpms.core.forms import save_form

from ..access import access_activity
from ..attachment_owner import ACTIVITY
from ..choices import ActivityKind
from ..forms import ActivityForm, audience_field_name
from ..models import CampaignActivity
from ..selectors import lists
from ..selectors.common import communes_for
from ..services.campaigns import ActivityData, activity_record, activity_update
from .common import PAGE_SIZE

FIELDS = (
    *("kind", "title", "date", "unit", "place", "description"),
    *("promoted_111", "promoted_provincial_hotline"),
)


@login_required
@require_perm(Perm.PROGRAMME_VIEW)
@require_GET
def activity_list(request: AuthedRequest) -> HttpResponse:
    filters = lists.ActivityFilters.from_query(request.GET.dict())
    activities = lists.activity_list(viewer=request.user, filters=filters)
    context = {
        "page": Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": filters,
        "kinds": ActivityKind.choices,
        "communes": communes_for(request.user),
        "can_edit": Perm.PROGRAMME_EDIT in user_perms(request.user),
    }
    return render(request, "programmes/activity_list.html", context)


def _data(form: ActivityForm) -> ActivityData:
    d = form.cleaned_data
    return ActivityData(**{k: d[k] for k in FIELDS}, audience=form.audience())


@login_required
@require_perm(Perm.PROGRAMME_EDIT)
@require_http_methods(["GET", "POST"])
def activity_create(request: AuthedRequest) -> HttpResponse:
    form = ActivityForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        activity, _status = save_form(
            form, lambda: activity_record(actor=request.user, data=_data(form))
        )
        if activity is not None:
            messages.success(request, _("Đã ghi nhận hoạt động truyền thông."))
            return redirect("programmes:activity-detail", uid=activity.uid)
    context = {"form": form, "title": _("Hoạt động truyền thông mới")}
    return render(request, "programmes/activity_form.html", context)


@login_required
@require_GET
def activity_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    activity, perms = access_activity(request, uid)
    can_edit = Perm.PROGRAMME_EDIT in perms
    audience = list(activity.audience.order_by("group", "sex"))
    context = {
        "activity": activity,
        "audience": audience,
        "reach": sum(a.count for a in audience),
        "can_edit": can_edit,
        "attachments": list(attachments_of(ACTIVITY, activity.uid)),
        "can_attach": can_edit,
        "attachment_form": AttachmentForm() if can_edit else None,
        "attachment_upload_url": reverse(
            "attachments:upload", kwargs={"subject_type": ACTIVITY, "subject_id": activity.uid}
        ),
    }
    return render(request, "programmes/activity_detail.html", context)


def _initial(activity: CampaignActivity) -> dict[str, object]:
    initial: dict[str, object] = {k: getattr(activity, k) for k in FIELDS}
    initial["version"] = activity.version
    for row in activity.audience.all():
        initial[audience_field_name(row.group, row.sex)] = row.count
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    activity, _perms = access_activity(request, uid, need=Perm.PROGRAMME_EDIT)
    form = ActivityForm(request.POST or None, viewer=request.user, initial=_initial(activity))
    status = 200
    if request.method == "POST" and form.is_valid():
        saved, status = save_form(
            form,
            lambda: activity_update(
                actor=request.user,
                activity=activity,
                data=_data(form),
                expected_version=form.cleaned_data["version"] or 0,
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("programmes:activity-detail", uid=activity.uid)
    context = {"form": form, "title": _("Sửa hoạt động truyền thông"), "activity": activity}
    return render(request, "programmes/activity_form.html", context, status=status)
