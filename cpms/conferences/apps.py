from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "cpms.conferences"
    label = "conferences"
    verbose_name = _("Họp liên ngành")
