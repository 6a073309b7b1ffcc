from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    name = "cpms.emergency"
    label = "emergency"
    verbose_name = _("Truy cập khẩn cấp")
