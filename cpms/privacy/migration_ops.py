"""For the data migrations of the apps whose fields became protected fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .rewrite import encrypt_plaintext, rewrite_table


def encrypt_existing(app_label: str, spec: dict[str, list[str]]) -> Callable[[Any, Any], None]:
    """A RunPython function encrypting the rows written before the fields were protected, in
    each model's table and in its history (pghistory `<Model>Event`) table. Idempotent."""

    def run(apps: Any, schema_editor: Any) -> None:
        import pgtrigger

        with pgtrigger.ignore(), schema_editor.connection.cursor() as cursor:
            for model_name, names in spec.items():
                for name in (model_name, f"{model_name}Event"):
                    try:
                        model = apps.get_model(app_label, name)
                    except LookupError:
                        continue
                    columns = [model._meta.get_field(n).column for n in names]
                    table, pk = model._meta.db_table, model._meta.pk.column
                    rewrite_table(cursor, table, pk, columns, encrypt_plaintext)

    return run
