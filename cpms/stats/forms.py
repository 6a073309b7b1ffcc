"""The dashboard filter: period (this year, the last 6 months, or custom dd/mm/yyyy), unit
(a choice among the units the viewer reaches), and whether historical units are shown as they
were."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpms.core.forms import BootstrapForm

DATE_FORMATS = ["%d/%m/%Y"]
MAX_SPAN = dt.timedelta(days=366 * 10)


class DashboardFilterForm(BootstrapForm):
    PERIODS = [
        ("year", _("Năm nay")),
        ("six_months", _("6 tháng gần nhất")),
        ("custom", _("Tự chọn")),
    ]

    period = forms.ChoiceField(label=_("Kỳ số liệu"), choices=PERIODS, required=False)
    start = forms.DateField(
        label=_("Từ ngày"),
        input_formats=DATE_FORMATS,
        required=False,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        input_formats=DATE_FORMATS,
        required=False,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    unit = forms.UUIDField(label=_("Địa bàn"), required=False, widget=forms.Select)
    as_they_were = forms.BooleanField(
        label=_("Hiện đơn vị hành chính cũ như trước khi sắp xếp"), required=False
    )

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any unit id is accepted here: one outside the viewer's reach answers 404 (the view's
        # access check), not a form error that would confirm the unit exists.
        self.fields["unit"].widget.choices = units

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        period = data.get("period") or "year"
        if period == "custom":
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                raise forms.ValidationError(
                    _("Nhập cả ngày bắt đầu và ngày kết thúc (dd/mm/yyyy).")
                )
            if end < start:
                raise forms.ValidationError(_("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
            if end - start > MAX_SPAN:
                raise forms.ValidationError(_("Kỳ số liệu dài nhất là 10 năm."))
        elif period == "six_months":
            start, end = _months_back(today, 6) + dt.timedelta(days=1), today
        else:
            start, end = today.replace(month=1, day=1), today
        data["start"], data["end"], data["period"] = start, end, period
        return data


def _months_back(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
