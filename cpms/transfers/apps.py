from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransfersConfig(AppConfig):
    name = "cpms.transfers"
    label = "transfers"
    verbose_name = _("Chuyển trường hợp giữa các xã")
