"""Public pages: no login. Guidance pages may be cached briefly; the form and the status
page carry a CSRF token or a code and are never stored."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors
from .codes import new_code
from .forms import PublicReportForm, StatusForm
from .services import public_report_submit, rate_limit_allows

PAGE_CACHE_SECONDS = 300


def _render(
    request: HttpRequest, template: str, context: dict[str, object], status: int = 200
) -> HttpResponse:
    context.setdefault("hotlines", selectors.active_hotlines())
    return render(request, f"public/{template}", context, status=status)


@require_GET
@cache_control(public=True, max_age=PAGE_CACHE_SECONDS)
def index(request: HttpRequest) -> HttpResponse:
    return _render(request, "index.html", {"groups": selectors.pages_by_audience()})


@require_GET
@cache_control(public=True, max_age=PAGE_CACHE_SECONDS)
def page(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.page_get(slug)
    if found is None:
        raise Http404
    return _render(
        request, "page.html", {"page": found, "blocks": selectors.page_blocks(found.body)}
    )


def _too_many(request: HttpRequest) -> HttpResponse:
    return _render(request, "limited.html", {}, status=429)


@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, "report_form.html", {"form": PublicReportForm()})
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.PUBLIC_REPORT_MAX_BYTES:
        return _render(request, "too_large.html", {}, status=413)
    form = PublicReportForm(request.POST)
    if form.is_bot():
        # A fake success: the bot learns nothing, and no report is made.
        if not rate_limit_allows(request, scope="report", limit=settings.PUBLIC_REPORT_LIMIT):
            return _too_many(request)
        return _render(request, "thanks.html", {"code": new_code(), "danger": False})
    if not form.is_valid():
        return _render(request, "report_form.html", {"form": form})
    if not rate_limit_allows(request, scope="report", limit=settings.PUBLIC_REPORT_LIMIT):
        return _too_many(request)
    submitted = public_report_submit(
        data=form.to_data(), form_token=form.cleaned_data["form_token"]
    )
    return _render(
        request,
        "thanks.html",
        {"code": submitted.code, "danger": submitted.report.immediate_danger},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, "status.html", {"form": StatusForm()})
    if not rate_limit_allows(request, scope="status", limit=settings.PUBLIC_STATUS_LIMIT):
        return _too_many(request)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _render(request, "status.html", {"form": form})
    result = selectors.submission_status(form.cleaned_data["code"])
    return _render(request, "status.html", {"form": form, "looked_up": True, "result": result})
