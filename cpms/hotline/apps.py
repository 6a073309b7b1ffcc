from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "cpms.hotline"
    label = "hotline"
    verbose_name = _("Nhật ký cuộc gọi tổng đài")
