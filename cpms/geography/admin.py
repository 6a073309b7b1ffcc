"""Admin for administrative units and their successions.

New units are created through unit_create() so their materialised path is set. A unit's
parent cannot be changed afterwards: that would leave the paths of its subtree stale.
"""

from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from .models import AdminUnit, AdminUnitSuccession
from .services import unit_create


class SuccessionOutInline(admin.TabularInline[AdminUnitSuccession, AdminUnit]):
    model = AdminUnitSuccession
    fk_name = "predecessor"
    fields = ("successor", "kind", "date", "legal_basis")
    autocomplete_fields = ("successor",)
    extra = 0


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin[AdminUnit]):
    list_display = ("name", "code", "level", "valid_from", "valid_to")
    list_filter = ("level", "valid_from", "valid_to")
    search_fields = ("name", "code")
    fields = ("name", "code", "level", "parent", "valid_from", "valid_to", "path", "uid")
    readonly_fields = ("path", "uid")
    autocomplete_fields = ("parent",)
    inlines = (SuccessionOutInline,)
    list_select_related = ("parent",)

    def get_readonly_fields(
        self, request: HttpRequest, obj: AdminUnit | None = None
    ) -> tuple[str, ...]:
        if obj is not None and obj.pk is not None:
            return (*self.readonly_fields, "parent")
        return tuple(self.readonly_fields)

    def save_model(
        self, request: HttpRequest, obj: AdminUnit, form: ModelForm[AdminUnit], change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            if not obj.path:  # a row written around unit_create(): repair it
                obj.path = f"{obj.parent.path if obj.parent else ''}{obj.pk}/"
                obj.save(update_fields=["path"])
            return
        created = unit_create(
            name=obj.name,
            level=obj.level,
            code=obj.code,
            parent=obj.parent,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
        )
        for model_field in AdminUnit._meta.concrete_fields:
            setattr(obj, model_field.attname, getattr(created, model_field.attname))
        obj._state.adding = False
        obj._state.db = created._state.db


@admin.register(AdminUnitSuccession)
class AdminUnitSuccessionAdmin(admin.ModelAdmin[AdminUnitSuccession]):
    list_display = ("predecessor", "successor", "kind", "date", "legal_basis")
    list_filter = ("kind", "date")
    search_fields = ("predecessor__name", "predecessor__code", "successor__name", "legal_basis")
    autocomplete_fields = ("predecessor", "successor")
    list_select_related = ("predecessor", "successor")
    date_hierarchy = "date"
