"""Admin: read-only (preference changes go through the audited service, users set them on
their own page)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Delivery, DigestRun, Notification, NotificationPreference


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "kind", "title", "read_at")
    list_filter = ("kind",)
    search_fields = ("recipient__username", "title")
    raw_id_fields = ("recipient",)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("claimed_at", "notification", "channel", "state", "attempts", "sent_at")
    list_filter = ("channel", "state")
    raw_id_fields = ("notification", "digest")


@admin.register(DigestRun)
class DigestRunAdmin(ReadOnlyAdmin):
    list_display = ("day", "user", "count", "sent_at")
    raw_id_fields = ("user",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ("user", "group", "email_mode", "channels", "updated_at")
    list_filter = ("group", "email_mode")
    raw_id_fields = ("user",)
