"""Search-or-create: match a reported child to the registry, with the duplicate panel."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cpms.accounts.access import refuse
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm
from cpms.children import selectors as child_selectors
from cpms.children.access import access_child
from cpms.children.choices import DatePrecision
from cpms.children.dedup import Candidate, MatchLabel, Probe, duplicate_candidates
from cpms.children.forms import ChildForm
from cpms.children.services import child_register
from cpms.core.forms import STALE_EDIT_MESSAGE

from .access import SUBJECT, access_report, report_perms
from .choices import ChildSex
from .forms import ChildLinkForm, VersionForm
from .models import Report, ReportChild
from .services import StaleEditError, report_child_link


def _probe(report: Report, row: ReportChild) -> Probe | None:
    if not row.full_name or (row.birth_date is None and row.age_estimate is None):
        return None
    if row.birth_date is not None:
        born, precision = row.birth_date, DatePrecision.EXACT
    else:
        assert row.age_estimate is not None
        born = dt.date(timezone.localdate().year - row.age_estimate, 1, 1)
        precision = DatePrecision.YEAR
    sex = row.sex if row.sex != ChildSex.UNKNOWN else ""
    return Probe(
        full_name=row.full_name,
        birth_date=born,
        birth_precision=precision,
        sex=sex,
        commune=report.commune,
    )


def _initial(report: Report, row: ReportChild) -> dict[str, object]:
    return {
        "full_name": row.full_name,
        "birth_date": row.birth_date,
        "birth_precision": DatePrecision.EXACT if row.birth_date else DatePrecision.YEAR,
        "sex": row.sex if row.sex != ChildSex.UNKNOWN else "",
        "commune": report.commune_id,
    }


@login_required
@require_http_methods(["GET", "POST"])
def report_child_match(
    request: AuthedRequest, uid: uuid.UUID, child_uid: uuid.UUID
) -> HttpResponse:
    report = access_report(request, uid, need=Perm.REPORT_TRIAGE)
    if Perm.CHILD_EDIT not in (report_perms(request, report) or frozenset()):
        refuse(request, found=True, subject_type=SUBJECT, subject_id=uid, need=Perm.CHILD_EDIT)
    row = report.children.select_related("child").filter(uid=child_uid).first()
    if row is None:
        raise Http404
    register_form = ChildForm(
        request.POST if request.POST.get("action") == "register" else None,
        viewer=request.user,
        initial=_initial(report, row),
        prefix="reg",
    )
    version_form = VersionForm(request.POST or None, initial={"version": report.version})
    status = 200
    if request.method == "POST" and version_form.is_valid():
        expected = version_form.cleaned_data["version"]
        try:
            child = None
            if request.POST.get("action") == "link":
                link_form = ChildLinkForm(request.POST)
                if link_form.is_valid():
                    child = access_child(
                        request, link_form.cleaned_data["child"], need=Perm.CHILD_VIEW
                    )
            elif register_form.is_valid():
                child = child_register(actor=request.user, data=register_form.to_data())
            if child is not None:
                report_child_link(
                    actor=request.user, report_child=row, child=child, expected_version=expected
                )
                messages.success(request, _("Đã gắn trẻ với hồ sơ trong sổ theo dõi."))
                return redirect("intake:detail", uid=report.uid)
        except StaleEditError:
            messages.error(request, STALE_EDIT_MESSAGE)
            status = 409
        except ValidationError as exc:
            if register_form.is_bound:
                register_form.add_error(None, exc.messages)
            else:  # linking: the registration form was not submitted
                for message in exc.messages:
                    messages.error(request, message)
    probe = _probe(report, row)
    candidates: list[Candidate] = (
        duplicate_candidates(viewer=request.user, probe=probe) if probe else []
    )
    query = request.GET.get("q", "")[:100]
    found = (
        list(
            child_selectors.child_list(
                viewer=request.user, filters=child_selectors.ChildFilters(query=query)
            )[:10]
        )
        if query
        else []
    )
    context = {
        "report": report,
        "row": row,
        "candidates": candidates,
        "labels": MatchLabel,
        "found": found,
        "query": query,
        "form": register_form,
        "version": report.version,
    }
    return render(request, "intake/report_child_match.html", context, status=status)
