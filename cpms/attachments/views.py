"""Upload, download and withdrawal. Who may do what is decided by the owning record's access
helper (registry.py); a file is only ever sent through `attachment_download`."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpms.accounts.http import AuthedRequest
from cpms.accounts.reauth import require_recent_auth
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record

from .forms import AttachmentForm, WithdrawForm
from .models import Attachment
from .registry import Action, Subject, access_subject
from .services import SUBJECT, attachment_add, attachment_open, attachment_withdraw
from .validation import check_size, max_bytes

# Multipart overhead allowed on top of the file itself.
BODY_SLACK = 64 * 1024


def _attachment(
    request: AuthedRequest, uid: uuid.UUID, action: Action
) -> tuple[Attachment, Subject]:
    attachment = Attachment.objects.filter(uid=uid).first()
    if attachment is None:
        audit_record(
            event=AuditEvent.OUT_OF_SCOPE,
            actor=request.user,
            request=request,
            subject_type=SUBJECT,
            subject_id=uid,
        )
        raise Http404
    subject = access_subject(request, attachment.subject_type, attachment.subject_id, action)
    return attachment, subject


@csrf_exempt  # checked by _upload once the body size is known to be acceptable
@login_required
@require_POST
def attachment_upload(
    request: AuthedRequest, subject_type: str, subject_id: uuid.UUID
) -> HttpResponse:
    subject = access_subject(request, subject_type, subject_id, Action.EDIT)
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > max_bytes() + BODY_SLACK:
        # Refuse before reading the body: an oversize upload is never written to disk.
        try:
            check_size(declared)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(subject.url)
    return _upload(request, subject)


@csrf_protect
def _upload(request: AuthedRequest, subject: Subject) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_add(
                actor=request.user,
                subject=subject,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã tải tệp lên."))
    else:
        errors = [str(e) for field in form.errors.values() for e in field]
        messages.error(request, " ".join(errors) or _("Tệp chưa hợp lệ."))
    return redirect(subject.url)


@login_required
@require_recent_auth
@require_GET
def attachment_download(request: AuthedRequest, uid: uuid.UUID) -> FileResponse:
    attachment, _subject = _attachment(request, uid, Action.VIEW)
    if attachment.withdrawn_at is not None:
        raise Http404
    handle = attachment_open(actor=request.user, request=request, attachment=attachment)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.download_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def attachment_withdraw_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    attachment, subject = _attachment(request, uid, Action.EDIT)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attachment_withdraw(
            actor=request.user,
            subject=subject,
            attachment=attachment,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Đã rút tệp đính kèm."))
        return redirect(subject.url)
    context = {"attachment": attachment, "subject": subject, "form": form}
    return render(request, "attachments/withdraw.html", context)
