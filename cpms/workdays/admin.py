"""Admin for the yearly calendar adjustments announced by the government or the province."""

from __future__ import annotations

from django.contrib import admin
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .models import CalendarAdjustment


@admin.register(CalendarAdjustment)
class CalendarAdjustmentAdmin(admin.ModelAdmin[CalendarAdjustment]):
    list_display = ("date", "weekday", "kind", "reason", "legal_basis")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("reason", "legal_basis")
    ordering = ("-date",)
    fields = ("date", "kind", "reason", "legal_basis")

    @admin.display(description=_("thứ"), ordering="date")
    def weekday(self, obj: CalendarAdjustment) -> str:
        return formats.date_format(obj.date, "l")
