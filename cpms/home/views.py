from __future__ import annotations

import datetime as dt
import hmac
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cpms.accounts import selectors
from cpms.accounts.access import access_agency, access_unit
from cpms.accounts.decorators import require_perm
from cpms.accounts.permissions import Perm
from cpms.accounts.scope import perms_at, user_grants, user_perms
from cpms.audit.models import AuditEvent
from cpms.audit.services import audit_record
from cpms.core.htmx import is_htmx
from cpms.geography.selectors import unit_successors_at, units_rolling_up_to
from cpms.ops import metrics as ops_metrics
from cpms.ops.selectors import newest_heartbeat

HEARTBEAT_STALE_AFTER = dt.timedelta(minutes=5)


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: 503 when the database does not answer; the worker
    is reported "stale" when no heartbeat came for 5 minutes (the web still serves)."""
    try:
        newest = newest_heartbeat()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    fresh = newest is not None and timezone.now() - newest < HEARTBEAT_STALE_AFTER
    return JsonResponse({"status": "ok", "database": "ok", "worker": "ok" if fresh else "stale"})


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus scrape (cpms/ops/metrics.py): counts and ages, never personal data. Off
    (404) unless METRICS_TOKEN is set; the scraper sends it as a bearer token."""
    token = settings.CPMS_METRICS_TOKEN
    if not token:
        raise Http404
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not hmac.compare_digest(sent.encode(), token.encode()):
        return HttpResponse(status=401, headers={"WWW-Authenticate": "Bearer"})
    body = ops_metrics.render(ops_metrics.collect())
    return HttpResponse(body, content_type="text/plain; version=0.0.4; charset=utf-8")


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    perms = user_perms(request.user)
    context = {
        "grants": user_grants(request.user),
        "perms": sorted(str(p) for p in perms),
        "can_view_units": Perm.UNIT_VIEW in perms,
        "counts": selectors.level_counts(viewer=request.user),
    }
    return render(request, "home/index.html", context)


@login_required
@require_perm(Perm.UNIT_VIEW)
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    units = selectors.unit_list(viewer=request.user, query=query)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    template = "home/partials/unit_rows.html" if is_htmx(request) else "home/unit_list.html"
    return render(request, template, {"page": page, "query": query})


@login_required
@require_GET
def unit_detail(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    unit = access_unit(request, uid, need=Perm.UNIT_VIEW)
    perms = perms_at(request.user, unit.path, personal=False) or frozenset()
    today = timezone.localdate()
    context = {
        "unit": unit,
        "children": selectors.unit_children(unit),
        "successors": [] if unit.is_valid_on(today) else unit_successors_at(unit, today),
        "predecessors": units_rolling_up_to(unit).exclude(path__startswith=unit.path),
        "agencies": selectors.unit_agencies(unit) if Perm.AGENCY_VIEW in perms else None,
    }
    return render(request, "home/unit_detail.html", context)


@login_required
@require_GET
def agency_detail(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    agency = access_agency(request, uid, need=Perm.AGENCY_VIEW)
    audit_record(
        event=AuditEvent.READ,
        actor=request.user,
        request=request,
        subject_type="accounts.agency",
        subject_id=agency.uid,
        admin_unit_id=agency.admin_unit_id,
    )
    context = {"agency": agency, "members": selectors.agency_members(agency)}
    return render(request, "home/agency_detail.html", context)
