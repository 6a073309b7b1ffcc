"""Conference pages: record (with participants and decisions), detail, correct the record."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpms.accounts.access import refuse
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.cases.access import access_case, case_perms
from cpms.cases.official_forms.exports import download, form_export
from cpms.core.forms import save_form
from cpms.privacy.selectors import active_restriction, restriction_message

from . import selectors
from .access import SUBJECT, access_conference
from .forms import ConferenceForm, DecisionFormSet, ParticipantFormSet, filled
from .minutes import build_minutes
from .services import conference_record, conference_update


@login_required
@require_http_methods(["GET", "POST"])
def conference_add(request: AuthedRequest, case_uid: uuid.UUID) -> HttpResponse:
    case = access_case(request, case_uid, need=Perm.CASE_EDIT)
    owners = selectors.decision_owners(case)
    data = request.POST if request.method == "POST" else None
    form = ConferenceForm(data, chairs=owners, initial={"held_at": timezone.localtime()})
    participants = ParticipantFormSet(
        data,
        prefix="participants",
        form_kwargs={"agencies": selectors.participant_agencies(case)},
    )
    decisions = DecisionFormSet(data, prefix="decisions", form_kwargs={"owners": owners})
    status = 200
    if data is not None and all([form.is_valid(), participants.is_valid(), decisions.is_valid()]):
        saved, status = save_form(
            form,
            lambda: conference_record(
                actor=request.user,
                case=case,
                data=form.to_data(),
                participants=filled(participants),
                decisions=filled(decisions),
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã ghi nhận cuộc họp liên ngành."))
            return redirect("conferences:detail", uid=saved.uid)
    context = {"case": case, "form": form, "participants": participants, "decisions": decisions}
    return render(request, "conferences/conference_form.html", context, status=status)


@login_required
@require_GET
def conference_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    conference = access_conference(request, uid, need=Perm.CASE_VIEW)
    perms = case_perms(request, conference.case) or frozenset()
    audit_record(
        event=AuditEvent.READ,
        actor=request.user,
        request=request,
        subject_type=SUBJECT,
        subject_id=conference.uid,
        admin_unit_id=conference.case.commune_id,
    )
    context = {
        "conference": conference,
        "case": conference.case,
        "can_edit": Perm.CASE_EDIT in perms,
        "can_export": Perm.EXPORT_CREATE in perms,
        **selectors.conference_detail(conference),
    }
    return render(request, "conferences/conference_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conference_edit(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    conference = access_conference(request, uid, need=Perm.CASE_EDIT)
    initial = {
        "held_at": timezone.localtime(conference.held_at),
        "place": conference.place,
        "chaired_by": conference.chaired_by_id,
        "chair_name": conference.chair_name,
        "minutes": conference.minutes,
        "version": conference.version,
    }
    owners = selectors.decision_owners(conference.case)
    form = ConferenceForm(request.POST or None, chairs=owners, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        saved, status = save_form(
            form,
            lambda: conference_update(
                actor=request.user,
                conference=conference,
                data=form.to_data(),
                expected_version=version,
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã lưu biên bản họp."))
            return redirect("conferences:detail", uid=conference.uid)
    context = {"case": conference.case, "conference": conference, "form": form}
    return render(request, "conferences/conference_edit.html", context, status=status)


@login_required
@require_GET
def conference_minutes(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    """The minutes as DOCX (BIÊN BẢN HỌP LIÊN NGÀNH); an export, so it needs export.create."""
    conference = access_conference(request, uid, need=Perm.CASE_VIEW)
    if Perm.EXPORT_CREATE not in (case_perms(request, conference.case) or frozenset()):
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=Perm.EXPORT_CREATE)
    if active_restriction(conference.case.child_id) is not None:
        messages.error(request, restriction_message())
        return redirect("conferences:detail", uid=conference.uid)
    detail = selectors.conference_detail(conference)
    doc = build_minutes(conference, detail["participants"], detail["decisions"])
    data = form_export(
        actor=request.user,
        request=request,
        doc=doc,
        file_format="docx",
        code="conference_minutes",
        subject_type=SUBJECT,
        subject_id=conference.uid,
        admin_unit_id=conference.case.commune_id,
    )
    name = conference.case.child.full_name
    return download(data, f"Biên bản họp liên ngành - {name}.docx", "docx")
