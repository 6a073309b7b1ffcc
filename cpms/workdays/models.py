"""Per-year adjustments to the statutory working-day calendar, entered by administrators."""

from __future__ import annotations

import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpms.core.models import BaseModel, choices_constraint

from .statutory import is_statutory_working_day


class AdjustmentKind(models.TextChoices):
    # Extra Tết days the government announces, or a weekday off given for a worked Saturday.
    DAY_OFF = "day_off", _("Ngày nghỉ")
    # A weekend day worked in exchange for a day off.
    MAKEUP_WORKING_DAY = "makeup_working_day", _("Ngày làm bù")


# Deletions are tracked too: removing an adjustment moves deadlines already computed.
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class CalendarAdjustment(BaseModel):
    """One date whose working status differs from the statutory calendar (holidays.VN).

    The adjustment wins over the statutory calendar for its date, so a MAKEUP_WORKING_DAY can
    also cancel a holiday that holidays.VN lists but that does not apply.
    """

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=30, choices=AdjustmentKind.choices)
    reason = models.CharField(_("lý do"), max_length=200)
    legal_basis = models.CharField(
        _("căn cứ pháp lý"),
        max_length=300,
        blank=True,
        help_text=_("Số, ngày của văn bản thông báo, ví dụ: Thông báo số …/TB-BNV."),
    )

    class Meta:
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")
        ordering = ["-date"]
        constraints = [
            choices_constraint("kind", AdjustmentKind, "calendaradjustment_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()}"

    def clean(self) -> None:
        """Refuse adjustments that would change nothing: they hide data-entry mistakes."""
        super().clean()
        if self.date is None or self.kind not in AdjustmentKind.values:
            return
        try:
            statutory_working = is_statutory_working_day(self.date)
        except ValueError:
            raise ValidationError(
                {"date": _("Ngày nằm ngoài phạm vi lịch ngày lễ được hỗ trợ.")}
            ) from None
        if self.kind == AdjustmentKind.MAKEUP_WORKING_DAY and statutory_working:
            raise ValidationError(
                {"kind": _("Ngày này đã là ngày làm việc; ngày làm bù phải là ngày nghỉ.")}
            )
        if self.kind == AdjustmentKind.DAY_OFF and not statutory_working:
            raise ValidationError({"kind": _("Ngày này đã là ngày nghỉ theo lịch chung.")})
