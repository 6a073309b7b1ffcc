from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "cpms.privacy"
    label = "privacy"
    verbose_name = _("Bảo vệ dữ liệu cá nhân")

    def ready(self) -> None:
        from . import checks, keys  # noqa: F401  (registers the system checks and the key reset)
        from .attachment_owner import register_owner

        register_owner()
