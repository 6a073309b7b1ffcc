"""Admin: the legal references only (entries change through the register pages)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import LegalReference


@admin.register(LegalReference)
class LegalReferenceAdmin(admin.ModelAdmin[LegalReference]):
    list_display = ("title", "code", "verified", "order", "active")
    list_filter = ("verified", "active")

    def get_readonly_fields(
        self, request: HttpRequest, obj: LegalReference | None = None
    ) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()  # the seed migration matches on code

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # entries cite it; retire a reference by unticking "active"
