from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "cpms.api"
    label = "api"
    verbose_name = _("Kết nối hệ thống khác (API)")
