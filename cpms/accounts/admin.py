from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Agency, AgencyAccessGrant, Membership, User


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


@admin.register(AgencyAccessGrant)
class AgencyAccessGrantAdmin(admin.ModelAdmin[AgencyAccessGrant]):
    """Read-only: grants are made and revoked by the referral services, never by hand."""

    list_display = ("agency", "subject_type", "subject_id", "valid_until", "revoked_at")
    list_filter = ("subject_type",)
    search_fields = ("=subject_id", "agency__name")
    list_select_related = ("agency",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: AgencyAccessGrant | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: AgencyAccessGrant | None = None
    ) -> bool:
        return False
