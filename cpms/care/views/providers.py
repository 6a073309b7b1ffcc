"""Caregiver registry pages: list, detail, register, verify the checklist."""

from __future__ import annotations

import uuid

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
from cpms.accounts.scope import user_perms
from cpms.audit.models import AuditEvent
from cpms.core.forms import add_validation_errors, save_form

from .. import selectors
from ..access import access_provider, provider_perms
from ..choices import ProviderKind
from ..forms import ArchiveForm, ProviderForm, VerifyForm
from ..services import (
    ProviderData,
    provider_archive,
    provider_register,
    provider_verify,
)
from ..services.common import audit_provider
from ..services.providers import checklist_items


@login_required
@require_perm(Perm.CASE_VIEW)
@require_GET
def provider_list(request: AuthedRequest) -> HttpResponse:
    filters = selectors.ProviderFilters(
        query=request.GET.get("q", "").strip(),
        kind=request.GET.get("kind", "") if request.GET.get("kind") in ProviderKind.values else "",
        archived=request.GET.get("archived") == "1",
    )
    page = Paginator(selectors.provider_list(viewer=request.user, filters=filters), 25).get_page(
        request.GET.get("page")
    )
    latest = selectors.latest_verifications([p.pk for p in page])
    context = {
        "page": page,
        "rows": [(p, latest.get(p.pk)) for p in page],
        "filters": filters,
        "kinds": ProviderKind.choices,
        "can_register": Perm.CASE_EDIT in user_perms(request.user),
    }
    return render(request, "care/provider_list.html", context)


@login_required
@require_GET
def provider_detail(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    provider = access_provider(request, uid, need=Perm.CASE_VIEW)
    perms = provider_perms(request.user, provider) or frozenset()
    audit_provider(event=AuditEvent.READ, actor=request.user, provider=provider)
    context = selectors.provider_detail(provider, request.user)
    context.update(provider=provider, can_edit=Perm.CASE_EDIT in perms)
    return render(request, "care/provider_detail.html", context)


@login_required
@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def provider_register_view(request: AuthedRequest) -> HttpResponse:
    form = ProviderForm(
        request.POST or None,
        viewer=request.user,
        initial={"registered_on": timezone.localdate(), "capacity": 1},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            provider = provider_register(
                actor=request.user,
                data=ProviderData(
                    kind=d["kind"],
                    name=d["name"],
                    commune=d["commune"],
                    village=d["village"],
                    registered_on=d["registered_on"],
                    capacity=d["capacity"],
                    representative=d["representative"],
                    birth_year=d["birth_year"],
                    phone=d["phone"],
                    address=d["address"],
                    notes=d["notes"],
                ),
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Đã đăng ký. Hãy xác minh điều kiện trước khi giao trẻ."))
            return redirect("care:provider-detail", uid=provider.uid)
    return render(request, "care/provider_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def provider_verify_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    provider = access_provider(request, uid, need=Perm.CASE_EDIT)
    items = checklist_items(provider)
    form = VerifyForm(
        request.POST or None,
        items=items,
        initial={"version": provider.version, "verified_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        verification, status = save_form(
            form,
            lambda: provider_verify(
                actor=request.user,
                provider=provider,
                verified_on=form.cleaned_data["verified_on"],
                results=form.results(),
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if verification is not None:
            if verification.eligible:
                messages.success(request, _("Đã lưu: đủ điều kiện nhận chăm sóc thay thế."))
            else:
                messages.warning(request, _("Đã lưu: chưa đủ điều kiện, không thể giao trẻ."))
            return redirect("care:provider-detail", uid=provider.uid)
    context = {"provider": provider, "form": form}
    return render(request, "care/provider_verify.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def provider_archive_view(request: AuthedRequest, uid: uuid.UUID) -> HttpResponse:
    provider = access_provider(request, uid, need=Perm.CASE_EDIT)
    form = ArchiveForm(request.POST or None, initial={"version": provider.version})
    status = 409 if provider.archived_at is not None else 200
    if request.method == "POST" and status == 200 and form.is_valid():
        saved, status = save_form(
            form,
            lambda: provider_archive(
                actor=request.user,
                provider=provider,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Đã ghi ngừng nhận trẻ; hồ sơ vẫn được lưu."))
            return redirect("care:provider-detail", uid=provider.uid)
    context = {"provider": provider, "form": form}
    return render(request, "care/provider_archive.html", context, status=status)
