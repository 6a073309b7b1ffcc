"""Training pages: courses, sessions, participants and the coverage of commune staff."""

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
from cpms.accounts.scope import perms_at, user_perms
from cpms.core.forms import save_form

from ..access import access_course, access_session
from ..forms import CourseEditForm, CourseForm, ParticipantForm, SessionForm
from ..selectors import lists
from ..selectors.common import communes_for
from ..selectors.coverage import coverage_rows, never_trained
from ..services.training import (
    ParticipantData,
    SessionData,
    course_create,
    course_update,
    participant_add,
    session_create,
    session_update,
)
from .common import PAGE_SIZE
from .saving import edit_page


@login_required
@require_perm(Perm.PROGRAMME_VIEW)
@require_GET
def course_list(request: AuthedRequest) -> HttpResponse:
    courses = lists.course_list(viewer=request.user)
    context = {
        "page": Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_edit": Perm.PROGRAMME_EDIT in user_perms(request.user),
    }
    return render(request, "programmes/course_list.html", context)


@login_required
@require_perm(Perm.PROGRAMME_EDIT)
@require_http_methods(["GET", "POST"])
def course_create_view(request: AuthedRequest) -> HttpResponse:
    form = CourseForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        course, _status = save_form(
            form, lambda: course_create(actor=request.user, **form.cleaned_data)
        )
        if course is not None:
            messages.success(request, _("Đã tạo khóa tập huấn."))
            return redirect("programmes:course-detail", uid=course.uid)
    title = _("Khóa tập huấn mới")
    return render(request, "programmes/form.html", {"form": form, "title": title})


@login_required
@require_GET
def course_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    course, perms = access_course(request, uid)
    sessions = lists.course_sessions(viewer=request.user, course=course)
    context = {
        "course": course,
        "page": Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_edit": Perm.PROGRAMME_EDIT in perms,
    }
    return render(request, "programmes/course_detail.html", context)


def _session_data(form: SessionForm) -> SessionData:
    d = form.cleaned_data
    return SessionData(
        date=d["date"], hours=d["hours"], trainer=d["trainer"], place=d["place"], unit=d["unit"]
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    course, _perms = access_course(request, uid, need=Perm.PROGRAMME_EDIT)
    form = SessionForm(request.POST or None, viewer=request.user, initial={"unit": course.unit})
    if request.method == "POST" and form.is_valid():
        session, _status = save_form(
            form,
            lambda: session_create(actor=request.user, course=course, data=_session_data(form)),
        )
        if session is not None:
            messages.success(request, _("Đã thêm buổi tập huấn."))
            return redirect("programmes:session-detail", uid=session.uid)
    context = {"form": form, "title": _("Buổi tập huấn mới"), "subtitle": course.title}
    return render(request, "programmes/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    """The session with its participants; the add-participant form posts here."""
    session, perms = access_session(request, uid)
    can_edit = Perm.PROGRAMME_EDIT in perms
    form = ParticipantForm(request.POST or None, viewer=request.user) if can_edit else None
    if request.method == "POST":
        if form is None:
            access_session(request, uid, need=Perm.PROGRAMME_EDIT)  # refuses (403, audited)
        elif form.is_valid():
            data = ParticipantData(**form.cleaned_data)
            added, _status = save_form(
                form, lambda: participant_add(actor=request.user, session=session, data=data)
            )
            if added is not None:
                messages.success(request, _("Đã thêm người tham gia."))
                return redirect("programmes:session-detail", uid=session.uid)
    context = {
        "session": session,
        "participants": lists.session_participants(session),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "programmes/session_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    session, _perms = access_session(request, uid, need=Perm.PROGRAMME_EDIT)
    initial = {
        **{k: getattr(session, k) for k in ("date", "hours", "trainer", "place", "unit")},
        "version": session.version,
    }
    form = SessionForm(request.POST or None, viewer=request.user, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        saved, status = save_form(
            form,
            lambda: session_update(
                actor=request.user,
                session=session,
                data=_session_data(form),
                expected_version=form.cleaned_data["version"] or 0,
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("programmes:session-detail", uid=session.uid)
    context = {"form": form, "title": _("Sửa buổi tập huấn"), "subtitle": str(session)}
    return render(request, "programmes/form.html", context, status=status)


@login_required
@require_perm(Perm.PROGRAMME_VIEW)
@require_GET
def coverage(request: AuthedRequest) -> HttpResponse:
    """Per commune of the viewer's area: staff trained in the last 12 months; with ?commune=,
    the names of that commune's staff never trained."""
    today = timezone.localdate()
    communes = communes_for(request.user)
    rows = coverage_rows(communes, day=today)
    chosen = next(
        (r.commune for r in rows if str(r.commune.pk) == request.GET.get("commune")), None
    )
    untrained = None
    if chosen is not None:
        perms = perms_at(request.user, chosen.path, personal=True) or frozenset()
        if Perm.PROGRAMME_VIEW in perms:
            untrained = list(never_trained(chosen, day=today))
    context = {"rows": rows, "chosen": chosen, "untrained": untrained, "today": today}
    return render(request, "programmes/coverage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    course, _perms = access_course(request, uid, need=Perm.PROGRAMME_EDIT)
    return edit_page(
        request,
        record=course,
        form_class=CourseEditForm,
        fields=("title", "topic", "unit", "organiser"),
        update=partial(course_update, actor=request.user, course=course),
        done_url=reverse("programmes:course-detail", kwargs={"uid": course.uid}),
        title=_("Sửa khóa tập huấn"),
        subtitle=course.title,
    )
