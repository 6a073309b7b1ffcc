"""Admin: the indicators (reference data; changes are kept by pghistory)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    list_display = ("code", "name", "publication_period", "verified", "active", "order")
    list_filter = ("active", "verified", "publication_period")

    def get_readonly_fields(
        self, request: HttpRequest, obj: Indicator | None = None
    ) -> tuple[str, ...]:
        # The calculator names code (cpms/stats/indicators CALCULATORS): a typo would silently
        # drop the indicator's figures, so it is set once.
        return ("calculator",) if obj is not None else ()
