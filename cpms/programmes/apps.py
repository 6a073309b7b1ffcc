from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "cpms.programmes"
    label = "programmes"
    verbose_name = _("Chương trình phòng ngừa")

    def ready(self) -> None:
        from .attachment_owner import register_owners

        register_owners()
