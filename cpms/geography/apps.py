from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "cpms.geography"
    label = "geography"
    verbose_name = _("Đơn vị hành chính")
