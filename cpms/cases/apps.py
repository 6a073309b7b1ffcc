from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cpms.cases"
    label = "cases"
    verbose_name = _("Hỗ trợ, can thiệp")

    def ready(self) -> None:
        from .attachment_owner import register_owner

        register_owner()
