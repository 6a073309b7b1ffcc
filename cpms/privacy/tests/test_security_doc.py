"""docs/security.md names every role of the code in "Roles and what each can see"."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from cpms.accounts.permissions import ROLE_SCOPE, Role


def roles_section() -> str:
    text = (Path(settings.BASE_DIR) / "docs" / "security.md").read_text(encoding="utf-8")
    return text.split("## Roles and what each can see", 1)[1].split("\n## ", 1)[0]


def test_every_role_is_listed_with_its_scope_kind():
    rows = {
        line.split("|")[1].strip().strip("`"): line.split("|")[2]
        for line in roles_section().splitlines()
        if line.startswith("| `")
    }
    assert set(rows) == {role.value for role in Role}
    for role in Role:
        assert ROLE_SCOPE[role].value in rows[role.value]
