"""Registry pages: list and search, detail, register (with the duplicate check), edit, archive."""

from __future__ import annotations

import uuid
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import user_perms
from cpms.audit.services import audit_read
from cpms.core.forms import add_validation_errors, save_form
from cpms.core.htmx import is_htmx
from cpms.core.paging import CappedPaginator
from cpms.privacy.selectors import child_privacy_panel

from . import selectors
from .access import access_child, child_perms
from .dedup import Candidate, MatchLabel, Probe, duplicate_candidates
from .forms import ArchiveForm, ChildForm, villages_for
from .screening import child_risk_context, child_screen
from .services import child_archive, child_register, child_update

SUBJECT = "children.child"


@login_required
@require_perm(Perm.CHILD_VIEW)
@require_GET
def child_list(request: AuthedRequest) -> HttpResponse:
    village = request.GET.get("village", "")
    filters = selectors.ChildFilters(
        query=request.GET.get("q", "")[:100],
        village_id=int(village) if village.isdigit() else None,
    )
    children = selectors.child_list(viewer=request.user, filters=filters)
    paginator = CappedPaginator(children, 25, fetch=partial(selectors.child_page, children))
    page = paginator.get_page(request.GET.get("page"))
    perms = user_perms(request.user)
    context = {
        "page": page,
        "filters": filters,
        "villages": villages_for(request.user),
        "can_edit": Perm.CHILD_EDIT in perms,
        "can_export": Perm.EXPORT_CREATE in perms,
    }
    template = (
        "children/partials/child_rows.html" if is_htmx(request) else "children/child_list.html"
    )
    return render(request, template, context)


def _probe_from(form: ChildForm, exclude_pk: int | None = None) -> Probe:
    d = form.cleaned_data
    return Probe(
        full_name=d["full_name"],
        birth_date=d["birth_date"],
        birth_precision=d["birth_precision"],
        sex=d["sex"],
        commune=d["commune"],
        village=d["village"],
        personal_id=(d["personal_id"] or "").replace(" ", ""),
        exclude_pk=exclude_pk,
    )


@login_required
@require_perm(Perm.CHILD_EDIT)
@require_http_methods(["GET", "POST"])
def child_register_view(request: AuthedRequest) -> HttpResponse:
    form = ChildForm(request.POST or None, viewer=request.user)
    candidates: list[Candidate] = []
    if request.method == "POST" and form.is_valid():
        candidates = duplicate_candidates(viewer=request.user, probe=_probe_from(form))
        if not candidates or request.POST.get("confirm_new") == "1":
            try:
                child = child_register(actor=request.user, data=form.to_data())
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Đã thêm trẻ vào sổ theo dõi."))
                return redirect("children:detail", uid=child.uid)
    context = {"form": form, "candidates": candidates, "labels": MatchLabel}
    return render(request, "children/child_form.html", context)


@login_required
@require_GET
def child_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.CHILD_VIEW)
    perms = child_perms(request, child)
    audit_read(request, subject_type=SUBJECT, subject_id=child.uid, admin_unit_id=child.commune_id)
    context = selectors.child_detail_context(
        child, can_see_sensitive=Perm.CHILD_SENSITIVE_VIEW in perms
    )
    risk = child_risk_context(child, has_open_case=False)  # cases arrive with the cases app
    risk["show_reasons"] = Perm.CHILD_SENSITIVE_VIEW in perms
    context.update(can_edit=Perm.CHILD_EDIT in perms, child=child, risk=risk)
    if Perm.PRIVACY_VIEW in perms:
        context["privacy"] = child_privacy_panel(child)
    return render(request, "children/child_detail.html", context)


@login_required
@require_GET
def child_duplicates(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.CHILD_VIEW)
    probe = selectors.probe_for(child)
    candidates = duplicate_candidates(viewer=request.user, probe=probe)
    context = {
        "child": child,
        "candidates": candidates,
        "labels": MatchLabel,
        "can_edit": Perm.CHILD_EDIT in child_perms(request, child),
    }
    return render(request, "children/partials/child_duplicates.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def child_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.CHILD_EDIT)
    initial = selectors.form_initial(child)
    form = ChildForm(request.POST or None, viewer=request.user, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        saved, status = save_form(
            form,
            lambda: child_update(
                actor=request.user,
                child=child,
                data=form.to_data(),
                expected_version=form.cleaned_data["version"] or 0,
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("children:detail", uid=child.uid)
    context = {"form": form, "child": child}
    return render(request, "children/child_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def child_archive_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.CHILD_EDIT)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        child_archive(actor=request.user, child=child, reason=form.cleaned_data["reason"])
        messages.success(request, _("Đã lưu trữ hồ sơ. Hồ sơ không bị xóa."))
        return redirect("children:detail", uid=child.uid)
    return render(request, "children/child_archive.html", {"form": form, "child": child})


@login_required
@require_POST
def child_screen_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    child = access_child(request, uid, need=Perm.CHILD_EDIT)
    screening = child_screen(actor=request.user, child=child)
    messages.info(
        request,
        _("Kết quả sàng lọc: mức nguy cơ %(level)s.") % {"level": screening.get_level_display()},
    )
    return redirect("children:detail", uid=child.uid)
