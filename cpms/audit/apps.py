from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "cpms.audit"
    label = "audit"
    verbose_name = _("Nhật ký truy cập")

    def ready(self) -> None:
        from . import signals  # noqa: F401
