from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "cpms.workdays"
    label = "workdays"
    verbose_name = _("Lịch ngày làm việc")
