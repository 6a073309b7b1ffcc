from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cpms.accounts.access import access_unit
from cpms.accounts.decorators import require_perm
from cpms.accounts.http import AuthedRequest
from cpms.accounts.permissions import Perm

from . import selectors
from .charts import table_svg
from .forms import DashboardFilterForm


@login_required
@require_GET
@require_perm(Perm.STATS_VIEW)
def dashboard(request: AuthedRequest) -> HttpResponse:
    """Figures for one unit and period: a chart and its table per indicator breakdown. No
    personal data and no links to records; protected unless the viewer works in the commune."""
    default = selectors.default_unit(request.user)
    params = {"period": "year", "unit": str(default.uid) if default else "", **request.GET.dict()}
    units = [(str(u.uid), u.name) for u in selectors.stats_units(request.user)]
    form = DashboardFilterForm(params, units=units)
    if not form.is_valid():
        return render(request, "stats/dashboard.html", {"form": form, "board": None})
    if form.cleaned_data["unit"] is None:
        raise Http404
    unit = access_unit(request, form.cleaned_data["unit"], need=Perm.STATS_VIEW)
    board = selectors.dashboard(
        viewer=request.user,
        unit=unit,
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
        as_they_were=form.cleaned_data["as_they_were"],
    )
    charts = [(table, table_svg(table)) for table in board.tables]
    return render(request, "stats/dashboard.html", {"form": form, "board": board, "charts": charts})
