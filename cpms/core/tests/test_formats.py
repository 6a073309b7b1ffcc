from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.conf import settings
from django.utils import formats, translation


@pytest.mark.parametrize("language", ["vi", "en"])
def test_it_shows_and_reads_dates_as_dd_mm_yyyy_in_every_language(language):
    with translation.override(language):
        assert formats.date_format(dt.date(2026, 2, 17), "SHORT_DATE_FORMAT") == "17/02/2026"
        field = forms.DateField()
        assert field.clean("05/09/2026") == dt.date(2026, 9, 5)


def test_it_runs_in_vietnamese_time():
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "vi"
