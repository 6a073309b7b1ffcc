"""Steering board pages: boards, members, meetings (with minutes attached), decisions."""

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
from cpms.attachments.forms import AttachmentForm
from cpms.attachments.selectors import attachments_of
from cpms.core.forms import save_form

from ..access import access_board, access_decision, access_meeting, access_member
from ..attachment_owner import MEETING
from ..choices import DecisionStatus
from ..forms import (
    BoardEditForm,
    BoardForm,
    DecisionForm,
    DoneForm,
    MeetingForm,
    MemberEditForm,
    MemberEndForm,
    MemberForm,
)
from ..selectors import lists
from ..services.boards import (
    MemberData,
    board_create,
    board_update,
    decision_done,
    decision_record,
    meeting_record,
    member_add,
    member_end,
    member_update,
)
from .common import PAGE_SIZE
from .saving import edit_page, save_page


@login_required
@require_perm(Perm.PROGRAMME_VIEW)
@require_GET
def board_list(request: AuthedRequest) -> HttpResponse:
    boards = lists.board_list(viewer=request.user)
    context = {
        "page": Paginator(boards, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_edit": Perm.PROGRAMME_EDIT in user_perms(request.user),
    }
    return render(request, "programmes/board_list.html", context)


@login_required
@require_perm(Perm.PROGRAMME_EDIT)
@require_http_methods(["GET", "POST"])
def board_create_view(request: AuthedRequest) -> HttpResponse:
    form = BoardForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        board, _status = save_form(
            form, lambda: board_create(actor=request.user, **form.cleaned_data)
        )
        if board is not None:
            messages.success(request, _("Đã tạo ban chỉ đạo."))
            return redirect("programmes:board-detail", uid=board.uid)
    context = {"form": form, "title": _("Ban chỉ đạo công tác trẻ em mới")}
    return render(request, "programmes/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def board_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    """The board, its members and meetings; the add-member form posts here."""
    board, perms = access_board(request, uid)
    can_edit = Perm.PROGRAMME_EDIT in perms
    form = MemberForm(request.POST or None, viewer=request.user) if can_edit else None
    if request.method == "POST":
        if form is None:
            access_board(request, uid, need=Perm.PROGRAMME_EDIT)  # refuses (403, audited)
        elif form.is_valid():
            data = MemberData(**form.cleaned_data)
            added, _status = save_form(
                form, lambda: member_add(actor=request.user, board=board, data=data)
            )
            if added is not None:
                messages.success(request, _("Đã thêm thành viên."))
                return redirect("programmes:board-detail", uid=board.uid)
    context = {
        "board": board,
        "members": board.members.select_related("user").order_by("position", "pk"),
        "meetings": board.meetings.order_by("-date", "-pk"),
        "form": form,
        "can_edit": can_edit,
        "today": timezone.localdate(),
    }
    return render(request, "programmes/board_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    board, _perms = access_board(request, uid, need=Perm.PROGRAMME_EDIT)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting, _status = save_form(
            form, lambda: meeting_record(actor=request.user, board=board, **form.cleaned_data)
        )
        if meeting is not None:
            messages.success(request, _("Đã ghi nhận cuộc họp."))
            return redirect("programmes:meeting-detail", uid=meeting.uid)
    context = {"form": form, "title": _("Cuộc họp mới"), "subtitle": board.name}
    return render(request, "programmes/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    """Minutes, attachments and decisions of one meeting; the add-decision form posts here."""
    meeting, perms = access_meeting(request, uid)
    can_edit = Perm.PROGRAMME_EDIT in perms
    form = DecisionForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if form is None:
            access_meeting(request, uid, need=Perm.PROGRAMME_EDIT)  # refuses (403, audited)
        elif form.is_valid():
            decision, _status = save_form(
                form,
                lambda: decision_record(actor=request.user, meeting=meeting, **form.cleaned_data),
            )
            if decision is not None:
                messages.success(request, _("Đã thêm kết luận."))
                return redirect("programmes:meeting-detail", uid=meeting.uid)
    context = {
        "meeting": meeting,
        "decisions": meeting.decisions.order_by("due_on", "pk"),
        "today": timezone.localdate(),
        "form": form,
        "can_edit": can_edit,
        "attachments": list(attachments_of(MEETING, meeting.uid)),
        "can_attach": can_edit,
        "attachment_form": AttachmentForm() if can_edit else None,
        "attachment_upload_url": reverse(
            "attachments:upload", kwargs={"subject_type": MEETING, "subject_id": meeting.uid}
        ),
    }
    return render(request, "programmes/meeting_detail.html", context)


@login_required
@require_perm(Perm.PROGRAMME_VIEW)
@require_GET
def decision_list(request: AuthedRequest) -> HttpResponse:
    """The boards' decisions as tasks, overdue ones flagged (and a filter)."""
    today = timezone.localdate()
    filters = lists.DecisionFilters.from_query(request.GET.dict())
    rows = lists.decision_list(viewer=request.user, filters=filters, today=today)
    context = {
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": filters,
        "statuses": DecisionStatus.choices,
        "today": today,
    }
    return render(request, "programmes/decision_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_done_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    decision, _perms = access_decision(request, uid, need=Perm.PROGRAMME_EDIT)
    initial = {"version": decision.version, "done_on": timezone.localdate()}
    return save_page(
        request,
        form=DoneForm(request.POST or None, initial=initial),
        save=lambda d: decision_done(
            actor=request.user,
            decision=decision,
            done_on=d["done_on"],
            note=d["note"],
            expected_version=d["version"],
        ),
        done_url=reverse("programmes:meeting-detail", kwargs={"uid": decision.meeting.uid}),
        message=_("Đã ghi nhận hoàn thành."),
        context={"decision": decision},
        template="programmes/decision_done.html",
        closed=decision.status != DecisionStatus.OPEN,
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    board, _perms = access_board(request, uid, need=Perm.PROGRAMME_EDIT)
    return edit_page(
        request,
        record=board,
        form_class=BoardEditForm,
        fields=("commune", "name", "decision", "established_on"),
        update=partial(board_update, actor=request.user, board=board),
        done_url=reverse("programmes:board-detail", kwargs={"uid": board.uid}),
        title=_("Sửa thông tin ban chỉ đạo"),
        subtitle=board.name,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    member, _perms = access_member(request, uid, need=Perm.PROGRAMME_EDIT)
    return edit_page(
        request,
        record=member,
        form_class=MemberEditForm,
        fields=("user", "person_name", "position", "agency", "valid_from", "valid_to"),
        update=partial(member_update, actor=request.user, member=member),
        data_class=MemberData,
        done_url=reverse("programmes:board-detail", kwargs={"uid": member.board.uid}),
        title=_("Sửa thông tin thành viên"),
        subtitle=member.board.name,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_end_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    """Confirm the end of a membership, with the day it ends."""
    member, _perms = access_member(request, uid, need=Perm.PROGRAMME_EDIT)
    initial = {"version": member.version, "valid_to": timezone.localdate()}
    ended = member.valid_to is not None and member.valid_to < timezone.localdate()
    return save_page(
        request,
        form=MemberEndForm(request.POST or None, initial=initial),
        save=lambda d: member_end(
            actor=request.user,
            member=member,
            ended_on=d["valid_to"],
            expected_version=d["version"],
        ),
        done_url=reverse("programmes:board-detail", kwargs={"uid": member.board.uid}),
        message=_("Đã ghi nhận thôi tham gia ban."),
        context={"member": member, "ended": ended},
        template="programmes/member_end.html",
        closed=ended,
    )
