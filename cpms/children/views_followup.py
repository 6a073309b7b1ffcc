"""Family members, visits, the collaborator's village page and merging two records."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm

from . import selectors
from .access import access_child
from .forms import FamilyMemberForm, MergeForm, SensitiveFactForm, VisitForm
from .merge import child_merge
from .services import family_member_add, sensitive_fact_record, visit_record


@login_required
@require_http_methods(["GET", "POST"])
def family_add(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.CHILD_EDIT)
    form = FamilyMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        family_member_add(actor=request.user, child=child, **form.cleaned_data)
        messages.success(request, _("Đã thêm người thân."))
        return redirect("children:detail", uid=child.uid)
    return render(request, "children/family_form.html", {"form": form, "child": child})


@login_required
@require_http_methods(["GET", "POST"])
def visit_add(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.CHILD_EDIT)
    form = VisitForm(request.POST or None, initial={"visited_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            visit_record(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field, errors)
        else:
            messages.success(request, _("Đã ghi nhận lần thăm."))
            return redirect("children:my-village")
    return render(request, "children/visit_form.html", {"form": form, "child": child})


@login_required
@require_perm(Perm.CHILD_VIEW)
@require_GET
def my_village(request: AuthedRequest) -> HttpResponse:
    """The phone page of a collaborator: my children, who is due a visit, record one."""
    rows = selectors.village_round(viewer=request.user, today=timezone.localdate())
    return render(request, "children/my_village.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def merge_compare(request: AuthedRequest, uid: uuid.UUID, other: uuid.UUID) -> HttpResponse:
    """Both records side by side; merging `other` into `uid` only after explicit confirmation."""
    keep = access_child(request, uid, need=Perm.CHILD_EDIT)
    merge = access_child(request, other, need=Perm.CHILD_EDIT)
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child_merge(
                actor=request.user, keep=keep, merge=merge, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã gộp hai hồ sơ. Hồ sơ cũ được lưu trữ, không bị xóa."))
            return redirect("children:detail", uid=keep.uid)
    rows = selectors.comparison_rows(keep, merge)
    context = {"keep": keep, "merge": merge, "rows": rows, "form": form}
    return render(request, "children/merge_compare.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def sensitive_fact_add(request: AuthedRequest, uid: uuid.UUID, link: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.CHILD_SENSITIVE_VIEW)
    family_link = get_object_or_404(child.family_links.select_related("person"), uid=link)
    form = SensitiveFactForm(request.POST or None, initial={"recorded_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        sensitive_fact_record(
            actor=request.user, child=child, link=family_link, **form.cleaned_data
        )
        messages.success(request, _("Đã ghi nhận thông tin."))
        return redirect("children:detail", uid=child.uid)
    context = {"form": form, "child": child, "link": family_link}
    return render(request, "children/fact_form.html", context)
