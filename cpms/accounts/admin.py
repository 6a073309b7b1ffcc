from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Agency, Membership, User


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("agency", "scope_unit")
    fields = ("agency", "role", "scope_unit", "valid_from", "valid_to")


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ("username", "full_name", "is_active", "is_staff", "last_login")
    search_fields = ("username", "full_name", "email")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Thông tin thêm"), {"fields": ("full_name", "phone")}),
    )
    inlines = (MembershipInline,)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ("name", "kind", "admin_unit", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "short_name")
    autocomplete_fields = ("admin_unit", "parent")
    list_select_related = ("admin_unit",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("user", "role", "agency", "scope_unit", "valid_from", "valid_to")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "agency__name")
    autocomplete_fields = ("user", "agency", "scope_unit")
    list_select_related = ("user", "agency", "scope_unit")
