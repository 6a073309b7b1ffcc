"""Admin: integration clients are created through the service (which makes the service
account); tokens are issued from an action that shows the secret once, and revoked, never
edited or deleted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ApiToken, IntegrationClient, Scope
from .services import integration_client_create, token_issue, token_revoke


@admin.register(IntegrationClient)
class IntegrationClientAdmin(admin.ModelAdmin[IntegrationClient]):
    list_display = ("name", "agency", "channel", "active")
    fields = ("name", "agency", "channel", "active")
    actions = ["issue_token"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: IntegrationClient, form: Any, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = integration_client_create(
            actor=request.user,  # type: ignore[arg-type]
            name=obj.name,
            agency=obj.agency,
            channel=obj.channel,
        )
        obj.pk, obj.uid, obj.user = created.pk, created.uid, created.user

    @admin.action(description=gettext_lazy("Cấp mã truy cập mới (hiệu lực 1 năm)"))
    def issue_token(self, request: HttpRequest, queryset: QuerySet[IntegrationClient]) -> None:
        for client in queryset:
            issued = token_issue(
                actor=request.user,  # type: ignore[arg-type]
                client=client,
                scopes=Scope.values,
                expires_at=timezone.now() + dt.timedelta(days=365),
            )
            messages.warning(
                request,
                _("Mã truy cập của %(client)s (chỉ hiện một lần): %(token)s")
                % {"client": client.name, "token": issued.plaintext},
            )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("prefix", "client", "label", "expires_at", "revoked_at", "last_used_at")
    readonly_fields = ("client", "prefix", "scopes", "expires_at", "revoked_at", "last_used_at")
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Thu hồi mã truy cập"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            token_revoke(actor=request.user, token=token)  # type: ignore[arg-type]
