from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "cpms.attachments"
    label = "attachments"
    verbose_name = _("Tệp đính kèm")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check)
