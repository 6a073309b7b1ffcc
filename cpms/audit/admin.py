"""Read-only admin page answering "who saw or changed this record, and when"."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditLog


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin[AuditLog]):
    list_display = ("event_time", "actor_label", "event_type", "subject_type", "subject_id", "ip")
    list_filter = ("event_type", "subject_type")
    search_fields = ("=subject_id", "=actor_label")
    date_hierarchy = "event_time"
    list_select_related = ("actor",)
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditLog | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditLog | None = None) -> bool:
        return False
