"""Admin: the reference data only (checklist items and the review rule)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import EligibilityItem, ReviewRule


@admin.register(EligibilityItem)
class EligibilityItemAdmin(admin.ModelAdmin[EligibilityItem]):
    list_display = ("text", "code", "applies_to", "order", "active")
    list_filter = ("applies_to", "active")

    def get_readonly_fields(
        self, request: HttpRequest, obj: EligibilityItem | None = None
    ) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()  # verifications refer to it


@admin.register(ReviewRule)
class ReviewRuleAdmin(admin.ModelAdmin[ReviewRule]):
    list_display = ("name", "code", "amount", "unit", "remind_before_days")
    readonly_fields = ("code",)
