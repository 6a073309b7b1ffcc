"""Checks of identity numbers, with messages in Vietnamese."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpms.geography.sources import province_codes

from .choices import Sex

# The 4th digit of the 12-digit personal identification number encodes century and sex
# (Circular 59/2021/TT-BCA): even = male, odd = female; 0/1 1900s, 2/3 2000s, 4/5 2100s.
_CENTURY_START = {0: 1900, 2: 2000, 4: 2100, 6: 2200, 8: 2300}


def validate_personal_id(value: str, *, birth_date: dt.date, sex: str) -> None:
    """12 digits; a known province code; century/sex digit and year digits agree with the
    birth date and sex."""
    if len(value) != 12 or not value.isdigit():
        raise ValidationError(_("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="format")
    if value[1:3] not in province_codes() or value[0] != "0":
        raise ValidationError(
            _("Ba chữ số đầu của số định danh không phải mã tỉnh, thành phố hợp lệ."),
            code="province",
        )
    digit = int(value[3])
    century = _CENTURY_START[digit - digit % 2]
    female = digit % 2 == 1
    if female != (sex == Sex.FEMALE):
        raise ValidationError(
            _("Chữ số thứ tư của số định danh không khớp với giới tính."), code="sex"
        )
    if century + int(value[4:6]) != birth_date.year:
        raise ValidationError(
            _("Năm sinh trong số định danh không khớp với ngày sinh."), code="year"
        )
