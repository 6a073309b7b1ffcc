"""Admin: only the reference data (concern types). Reports are never edited through the admin."""

from __future__ import annotations

from django.contrib import admin

from .models import ConcernType


@admin.register(ConcernType)
class ConcernTypeAdmin(admin.ModelAdmin[ConcernType]):
    list_display = ("name", "code", "parent", "is_abuse", "position", "active")
    list_editable = ("position", "active")
