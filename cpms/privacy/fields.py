"""Model fields whose values are stored encrypted (Fernet, keys outside the database).

A blank value is stored as "" so that CHECK constraints such as "an anonymous report has no
reporter identity" still hold. The column is `text` whatever the plaintext length; a
`max_length` limits the plaintext. Nothing can be searched, filtered or ordered on these
columns: every lookup except "is blank" (`=""`) and `isnull` is refused, so a query that would
silently compare ciphertext fails loudly instead.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact, IsNull, Lookup, Transform

from . import keys


class BlankOnlyExact(Exact[Any]):
    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise FieldError("An encrypted field can only be compared with '' (blank).")
        return self.rhs


class EncryptedMixin:
    """The encrypting behaviour shared by the text and the one-line field."""

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: str | None, expression: object, connection: object) -> Any:
        if not value:
            return value
        return keys.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)  # type: ignore[misc]
        if value is None or value == "":
            return value
        return keys.encrypt(str(value))

    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        if lookup_name == "exact":
            return BlankOnlyExact
        if lookup_name == "isnull":
            return IsNull
        return None

    def get_transform(self, lookup_name: str) -> type[Transform] | None:
        return None


class EncryptedTextField(EncryptedMixin, models.TextField[Any, Any]):
    pass


class EncryptedCharField(EncryptedMixin, models.CharField[Any, Any]):
    """A one-line input limited to `max_length` characters, stored encrypted in `text`."""


def encrypted_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
