from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "cpms.care"
    label = "care"
    verbose_name = _("Chăm sóc thay thế")
