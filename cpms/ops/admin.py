from __future__ import annotations

import datetime as dt

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import WorkerHeartbeat

STALE_AFTER = dt.timedelta(minutes=3)


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin[WorkerHeartbeat]):
    list_display = ("worker", "last_seen", "beats", "alive")
    readonly_fields = ("worker", "last_seen", "beats")

    @admin.display(boolean=True, description=_("Đang hoạt động"))
    def alive(self, obj: WorkerHeartbeat) -> bool:
        return timezone.now() - obj.last_seen < STALE_AFTER

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: WorkerHeartbeat | None = None
    ) -> bool:
        return False
