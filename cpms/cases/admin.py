"""Admin: only the deadline rules (how to change one: docs/case-workflow.md)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import DeadlineRule


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin[DeadlineRule]):
    list_display = ("name", "code", "amount", "unit", "start_event", "applies_when", "active")
    list_filter = ("active", "unit")

    def get_readonly_fields(
        self, request: HttpRequest, obj: DeadlineRule | None = None
    ) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()  # clocks already created refer to it
