"""Building and checking many new model instances quickly, with Django's own results.

An import prepares hundreds of thousands of instances. `Model.__init__` walks every field
(defaults, descriptors, signals) and `clean_fields` runs each field's `clean` with its
validator list; together they cost more than the COPY that saves the rows. `Blank` makes an
instance from a per-model template of defaults, and `FieldCheck` accepts a value that is
already of the field's Python type and obviously valid with a few comparisons, and hands
anything else to the field's own `clean`, so the messages and conversions stay Django's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import (
    BaseValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import NOT_PROVIDED, signals
from django.db.models.base import ModelState

M = TypeVar("M", bound=models.Model)


class Blank(Generic[M]):
    """`Blank(Child)(uid=…, commune=…)` is `Child(uid=…, commune=…)`, for a model whose init
    signals nobody listens to when the `Blank` is made (otherwise it calls the model)."""

    def __init__(self, model: type[M]) -> None:
        self.model = model
        self._plain = not (
            signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model)
        )
        self._static: dict[str, Any] = {}
        # (attname, name, default): computed per instance unless a value is given.
        self._computed: list[tuple[str, str, Callable[[], Any]]] = []
        for field in model._meta.concrete_fields:
            db_default = getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED
            if (field.has_default() and callable(field.default)) or db_default:
                self._computed.append((field.attname, field.name, field.get_default))
            else:
                self._static[field.attname] = field.get_default()

    def __call__(self, **values: Any) -> M:
        model = self.model
        if not self._plain:
            return model(**values)
        obj = model.__new__(model)
        obj._state = ModelState()
        state = obj.__dict__
        state.update(self._static)
        for attname, name, default in self._computed:
            if name not in values and attname not in values:
                state[attname] = default()
        for name, value in values.items():
            setattr(obj, name, value)  # through the descriptors, as __init__ does
        return obj


def _bounds(field: models.Field[Any, Any]) -> tuple[Any, Any] | None:
    """(lowest, highest) allowed by the field's only validators, or None if it has others."""
    low = high = None
    for validator in field.validators:
        if type(validator) not in (MinValueValidator, MaxValueValidator, MaxLengthValidator):
            return None
        assert isinstance(validator, BaseValidator)
        if callable(validator.limit_value):
            return None
        if isinstance(validator, MinValueValidator):
            low = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            high = validator.limit_value
    return low, high


def _quick_test(field: models.Field[Any, Any]) -> Callable[[Any], bool] | None:
    """A test that, when it passes, means `field.clean(value)` returns `value` unchanged."""
    bounds = _bounds(field)
    if bounds is None:
        return None
    low, high = bounds
    choices = frozenset(value for value, _label in field.flatchoices) if field.choices else None
    kind = type(field)
    if kind in (models.CharField, models.TextField):
        limit = field.max_length

        def text(value: Any) -> bool:
            return (
                type(value) is str
                and (limit is None or len(value) <= limit)
                and (choices is None or value in choices)
            )

        return text
    if kind is models.BooleanField:
        return lambda value: type(value) is bool
    if kind in (
        models.IntegerField,
        models.SmallIntegerField,
        models.PositiveSmallIntegerField,
        models.PositiveIntegerField,
        models.BigIntegerField,
    ):

        def number(value: Any) -> bool:
            return (
                type(value) is int
                and (low is None or value >= low)
                and (high is None or value <= high)
                and (choices is None or value in choices)
            )

        return number
    if kind is models.DateField and choices is None:
        return lambda value: type(value) is dt.date
    if kind is models.UUIDField and choices is None:
        return lambda value: type(value) is uuid.UUID
    return None


class FieldCheck:
    """`clean_fields` restricted to `names`, for many instances of one model."""

    def __init__(self, model: type[models.Model], names: Iterable[str]) -> None:
        wanted = set(names)
        self._fields = [
            (field, field.attname, _quick_test(field))
            for field in model._meta.concrete_fields
            if field.name in wanted
        ]
        missing = wanted - {field.name for field, _attname, _test in self._fields}
        assert not missing, f"not fields of {model.__name__}: {sorted(missing)}"

    def __call__(self, obj: models.Model) -> None:
        errors: dict[str, list[ValidationError]] = {}
        state = obj.__dict__
        for field, attname, test in self._fields:
            raw = state[attname]
            if raw in field.empty_values:
                if field.blank:
                    continue
            elif test is not None and test(raw):
                continue
            try:
                setattr(obj, attname, field.clean(raw, obj))
            except ValidationError as exc:
                errors[field.name] = exc.error_list
        if errors:
            raise ValidationError(errors)
