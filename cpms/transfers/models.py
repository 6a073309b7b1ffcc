"""A case handed from one commune to another when the child moves. The row is the history:
the database refuses to change or delete it."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel
from cpms.geography.models import AdminUnit


class CaseTransfer(BaseModel):
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("trường hợp"),
        on_delete=models.PROTECT,
        related_name="transfers",
    )
    from_commune = models.ForeignKey(
        AdminUnit, verbose_name=_("chuyển từ"), on_delete=models.PROTECT, related_name="+"
    )
    # The case's unit path before the move: whose users keep reading it until
    # from_access_until (cpms.transfers.access.former_commune_perms).
    from_path = models.CharField(max_length=400, editable=False)
    to_commune = models.ForeignKey(
        AdminUnit, verbose_name=_("chuyển đến"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("lý do"))
    moved_on = models.DateField(_("ngày trẻ chuyển đến nơi ở mới"))
    transferred_at = models.DateTimeField(_("chuyển lúc"), default=timezone.now)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chuyển"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_access_until = models.DateTimeField(_("xã cũ còn được xem đến"))

    class Meta:
        verbose_name = _("chuyển trường hợp")
        verbose_name_plural = _("chuyển trường hợp")
        ordering = ["-transferred_at", "-pk"]
        indexes = [
            models.Index(fields=["case", "from_access_until"], name="transfer_case_until_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_access_until__gte=F("transferred_at")),
                name="transfer_access_after_transfer",
            ),
            models.CheckConstraint(
                condition=~Q(from_commune=F("to_commune")), name="transfer_other_commune"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="transfer_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_commune} → {self.to_commune}"
