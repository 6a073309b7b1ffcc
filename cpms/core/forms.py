from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .exceptions import StaleEditError

T = TypeVar("T")

INT_MAX = 2_147_483_647
STALE_EDIT_MESSAGE = _(
    "Hồ sơ vừa được người khác cập nhật. Vui lòng mở lại trang để xem thay đổi mới nhất."
)


class BootstrapForm(forms.Form):
    """Adds Bootstrap 5 classes to widgets so templates can render fields plainly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                # Also CheckboxSelectMultiple: its class would land on the wrapping <div> as
                # well as on each box, so the list keeps the browser's own boxes.
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        # Here rather than in __init__: subclasses add fields after it. Out of PostgreSQL's
        # integer range a number would be refused by the database, with a server error.
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                kinds = {type(v) for v in field.validators}
                if MaxValueValidator not in kinds:
                    field.validators.append(MaxValueValidator(INT_MAX))
                if MinValueValidator not in kinds:
                    field.validators.append(MinValueValidator(-INT_MAX - 1))
        super().full_clean()


def add_validation_errors(form: forms.Form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: next to the field it names when the form
    has that field, else at the top of the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def save_form(form: forms.Form, action: Callable[[], T]) -> tuple[T | None, int]:
    """Run the service call of a valid form. Returns (result, 200) when it saved; otherwise
    the errors are on the form and the result is None, with status 409 when someone else
    changed the record meanwhile (the page must be reopened) and 200 for invalid input."""
    try:
        result = action()
    except StaleEditError:
        form.add_error(None, STALE_EDIT_MESSAGE)
        return None, 409
    except ValidationError as exc:
        add_validation_errors(form, exc)
        return None, 200
    if result is None:
        # None is what callers read as "not saved"; a save must hand back what it saved.
        raise TypeError("save_form: the action returned None")
    return result, 200
