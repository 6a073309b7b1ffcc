"""Admin for public content. Rows are unpublished or deactivated, never deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from cpms.accounts.models import User

from .models import Hotline, PublicPage
from .services import content_save


class ContentAdmin(admin.ModelAdmin[Any]):
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        assert isinstance(request.user, User)
        content_save(actor=request.user, obj=obj, created=not change)


@admin.register(PublicPage)
class PublicPageAdmin(ContentAdmin):
    list_display = ["title", "audience", "position", "published", "updated_at"]
    list_filter = ["audience", "published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Hotline)
class HotlineAdmin(ContentAdmin):
    list_display = ["name", "number", "scope", "hours", "emergency", "active", "position"]
    list_filter = ["scope", "active"]
    autocomplete_fields = ["province"]
