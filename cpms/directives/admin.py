"""Admin: the cited documents only (directives change through the register pages)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import LegalReference


@admin.register(LegalReference)
class LegalReferenceAdmin(admin.ModelAdmin[LegalReference]):
    list_display = ("symbol", "kind", "issued_on", "issuer", "title")
    list_filter = ("kind",)
    search_fields = ("symbol", "title", "issuer")

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # directives cite it
