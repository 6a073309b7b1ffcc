"""Admin for the registry's reference data: special-circumstance groups and risk factors.

Both are edited by an officer with the admin (a new sub-group once the decree text is
checked, a factor's weight, a factor switched off). Rows are never deleted from here: records
of children point at them, and screenings kept their reasons as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, Model
from django.forms import ModelChoiceField
from django.http import HttpRequest

from .models import RiskFactor, SpecialCircumstanceGroup


def _code_locked(obj: Model | None, readonly: Sequence[str]) -> tuple[str, ...]:
    """A saved row keeps its code: the screening and the child records read it."""
    if obj is not None and obj.pk is not None:
        return (*readonly, "code")
    return tuple(readonly)


class SubgroupInline(admin.TabularInline[SpecialCircumstanceGroup, SpecialCircumstanceGroup]):
    model = SpecialCircumstanceGroup
    fk_name = "parent"
    fields = ("code", "name", "legal_basis", "order", "valid_from", "valid_to")
    extra = 0
    show_change_link = True

    def has_delete_permission(
        self, request: HttpRequest, obj: SpecialCircumstanceGroup | None = None
    ) -> bool:
        return False


@admin.register(SpecialCircumstanceGroup)
class SpecialCircumstanceGroupAdmin(admin.ModelAdmin[SpecialCircumstanceGroup]):
    list_display = ("code", "name", "parent", "legal_basis", "order", "valid_from", "valid_to")
    list_filter = ("parent",)
    search_fields = ("code", "name", "legal_basis")
    ordering = ("order", "code")
    fields = ("code", "name", "parent", "legal_basis", "order", "valid_from", "valid_to", "uid")
    readonly_fields = ("uid",)
    list_select_related = ("parent",)
    inlines = (SubgroupInline,)

    def get_readonly_fields(
        self, request: HttpRequest, obj: SpecialCircumstanceGroup | None = None
    ) -> tuple[str, ...]:
        return _code_locked(obj, self.readonly_fields)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "parent":  # only a top group can hold sub-groups
            kwargs["queryset"] = SpecialCircumstanceGroup.objects.filter(parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(
        self, request: HttpRequest, obj: SpecialCircumstanceGroup | None = None
    ) -> bool:
        return False


@admin.register(RiskFactor)
class RiskFactorAdmin(admin.ModelAdmin[RiskFactor]):
    list_display = ("name", "code", "weight", "active", "source", "order")
    list_editable = ("weight", "active", "order")
    list_filter = ("active", "source")
    search_fields = ("code", "name", "source")
    ordering = ("order", "code")
    fields = ("code", "name", "description", "weight", "source", "active", "order", "uid")
    readonly_fields = ("uid",)

    def get_readonly_fields(
        self, request: HttpRequest, obj: RiskFactor | None = None
    ) -> tuple[str, ...]:
        return _code_locked(obj, self.readonly_fields)

    def has_delete_permission(self, request: HttpRequest, obj: RiskFactor | None = None) -> bool:
        return False
