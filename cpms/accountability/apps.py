from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "cpms.accountability"
    label = "accountability"
    verbose_name = _("Sổ theo dõi trách nhiệm")
