"""Case pages: list, detail (timeline, clocks, forms), one page per step, notes and tasks."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.models import User
from cpms.accounts.permissions import Perm
from cpms.audit.services import audit_read
from cpms.core.forms import save_form
from cpms.core.htmx import is_htmx
from cpms.core.paging import CappedPaginator

from . import selectors
from .access import SUBJECT, access_case, case_reach
from .choices import CaseState
from .forms import STEP_FORMS, NoteForm, TaskForm
from .models import Case, CaseTask
from .official_forms.registry import case_page_forms
from .selectors_abuse import abuse_context
from .selectors_list import case_list_rows
from .selectors_shared import shared_case_context
from .services import case_transition, note_add, task_add, task_done
from .transitions import TRANSITIONS, available


@login_required
@require_perm(Perm.CASE_VIEW)
@require_GET
def case_list(request: AuthedRequest) -> HttpResponse:
    filters = selectors.CaseFilters(
        state=request.GET.get("state", "open"), overdue=request.GET.get("overdue") == "1"
    )
    cases = case_list_rows(viewer=request.user, filters=filters)
    paginator = CappedPaginator(cases, 25, fetch=cases.rows, counter=cases.count_upto)
    page = paginator.get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters, "states": CaseState.choices, "now": timezone.now()}
    template = "cases/partials/case_rows.html" if is_htmx(request) else "cases/case_list.html"
    return render(request, template, context)


def _owners(case: Case) -> QuerySet[User]:
    """People who may own a task: members of the case's commune."""
    return (
        User.objects.filter(memberships__scope_unit__path=case.commune.path, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


def _owner_options(owners: QuerySet[User]) -> tuple[tuple[int, str], ...]:
    """The task form's owner options (value, label), which its rendering is cached by."""
    rows = owners.values_list("pk", "full_name", "username")
    return tuple((pk, full_name or username) for pk, full_name, username in rows)


@login_required
@require_GET
def case_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, uid, need=Perm.CASE_VIEW)
    reach = case_reach(request, case)
    perms = reach.perms if reach is not None else frozenset()
    audit_read(request, subject_type=SUBJECT, subject_id=case.uid, admin_unit_id=case.commune_id)
    if reach is not None and reach.groups is not None:
        context = shared_case_context(case, reach.groups, perms)
        context["case"] = case
        return render(request, "cases/case_shared.html", context)
    context = selectors.case_detail_context(case)
    context.update(abuse_context(case, perms, context["present"]))
    context.update(
        case=case,
        steps=available(case.state, perms),
        can_edit=Perm.CASE_EDIT in perms,
        can_separate=Perm.CASE_DECIDE_SEPARATION in perms,
        can_record_accountability=Perm.ACCOUNTABILITY_VIEW in perms,
    )
    if context["can_edit"]:
        options = _owner_options(_owners(case))
        task_form = TaskForm()
        owner = task_form.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        # the options read once, and the key the rendered form is kept under
        owner.choices = [("", owner.empty_label or ""), *options]
        context.update(note_form=NoteForm(), task_form=task_form, task_form_key=options)
    if Perm.EXPORT_CREATE in perms:
        context["official_forms"] = case_page_forms(case.state, context)
    return render(request, "cases/case_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_step(request: AuthedRequest, uid: uuid.UUID, code: str) -> HttpResponse:
    transition = TRANSITIONS.get(code)
    if transition is None:
        raise Http404
    case = access_case(request, uid, need=transition.perm)
    form_class = STEP_FORMS[code]
    initial = {
        "version": case.version,
        "assessed_at": timezone.localtime(),
        "taken_at": timezone.localtime(),
    }
    form = form_class(request.POST or None, initial=initial)
    status, blocked = 200, case.state not in transition.sources
    if blocked:
        status = 409
    elif request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved, status = save_form(
            form,
            lambda: case_transition(
                actor=request.user, case=case, code=code, data=data, expected_version=version
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã lưu: %(step)s.") % {"step": transition.label})
            return redirect("cases:detail", uid=case.uid)
    context = {"case": case, "form": form, "transition": transition, "blocked": blocked}
    return render(request, "cases/case_step.html", context, status=status)


@login_required
@require_POST
def case_note_add(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, uid, need=Perm.CASE_EDIT)
    form = NoteForm(request.POST)
    if form.is_valid():
        note_add(actor=request.user, case=case, text=form.cleaned_data["text"])
        messages.success(request, _("Đã thêm ghi chú."))
    else:
        messages.error(request, _("Ghi chú trống hoặc quá dài."))
    return redirect("cases:detail", uid=case.uid)


@login_required
@require_POST
def case_task_add(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, uid, need=Perm.CASE_EDIT)
    form = TaskForm(request.POST, owners=_owners(case))
    if form.is_valid():
        d = form.cleaned_data
        task_add(
            actor=request.user, case=case, title=d["title"], owner=d["owner"], due_on=d["due_on"]
        )
        messages.success(request, _("Đã thêm việc cần làm."))
    else:
        messages.error(request, _("Việc cần làm chưa hợp lệ."))
    return redirect("cases:detail", uid=case.uid)


@login_required
@require_POST
def case_task_done(request: AuthedRequest, uid: uuid.UUID, task_uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, uid, need=Perm.CASE_EDIT)
    task = CaseTask.objects.filter(case=case, uid=task_uid).first()
    if task is None:
        raise Http404
    task_done(actor=request.user, task=task)
    return redirect("cases:detail", uid=case.uid)
