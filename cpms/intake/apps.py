from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "cpms.intake"
    label = "intake"
    verbose_name = _("Tiếp nhận thông tin")
