from __future__ import annotations

import datetime as dt

from cpms.workdays.models import AdjustmentKind, CalendarAdjustment


def adjustment(day: dt.date, kind: AdjustmentKind) -> CalendarAdjustment:
    return CalendarAdjustment.objects.create(date=day, kind=kind, reason="Thông báo của Chính phủ")
