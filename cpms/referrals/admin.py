"""Admin: only the sharing table (what each agency kind sees, and for how long)."""

from __future__ import annotations

from django.contrib import admin

from .models import SharedFieldGroups


@admin.register(SharedFieldGroups)
class SharedFieldGroupsAdmin(admin.ModelAdmin[SharedFieldGroups]):
    list_display = ("__str__", "field_groups", "days_after_end")
