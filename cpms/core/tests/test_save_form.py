from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from cpms.core.exceptions import StaleEditError
from cpms.core.forms import STALE_EDIT_MESSAGE, BootstrapForm, save_form


class NameForm(BootstrapForm):
    name = forms.CharField()


def _valid_form() -> NameForm:
    form = NameForm({"name": "An"})
    assert form.is_valid()
    return form


def test_success_returns_the_result_with_200() -> None:
    form = _valid_form()
    assert save_form(form, lambda: "saved") == ("saved", 200)
    assert not form.errors


def test_stale_edit_answers_409_with_the_shared_message() -> None:
    form = _valid_form()

    def stale() -> str:
        raise StaleEditError

    assert save_form(form, stale) == (None, 409)
    assert form.non_field_errors() == [str(STALE_EDIT_MESSAGE)]


def test_validation_errors_go_to_their_fields_or_the_top() -> None:
    form = _valid_form()

    def invalid() -> str:
        raise ValidationError({"name": "Tên không hợp lệ.", "other": "Lỗi chung."})

    assert save_form(form, invalid) == (None, 200)
    assert form.errors["name"] == ["Tên không hợp lệ."]
    assert form.non_field_errors() == ["Lỗi chung."]


def test_a_plain_validation_error_goes_to_the_top() -> None:
    form = _valid_form()

    def invalid() -> str:
        raise ValidationError(["Một.", "Hai."])

    assert save_form(form, invalid) == (None, 200)
    assert form.non_field_errors() == ["Một.", "Hai."]
    assert "name" not in form.errors


def test_an_action_returning_none_is_refused() -> None:
    with pytest.raises(TypeError):
        save_form(_valid_form(), lambda: None)
