from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per worker host, touched by a periodic task: shows the background worker is alive."""

    worker = models.CharField(_("máy chạy tác vụ nền"), max_length=200, unique=True)
    last_seen = models.DateTimeField(_("lần cuối hoạt động"))
    beats = models.PositiveBigIntegerField(_("số lần"), default=0)

    class Meta:
        verbose_name = _("tình trạng tác vụ nền")
        verbose_name_plural = _("tình trạng tác vụ nền")

    def __str__(self) -> str:
        return self.worker
