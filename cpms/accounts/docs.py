"""The role × permission table of docs/permissions.md, generated from ROLE_PERMS."""

from __future__ import annotations

from .permissions import ROLE_PERMS, ROLE_SCOPE, Perm, Role


def permission_table() -> str:
    roles = list(Role)
    header = "| Permission | " + " | ".join(f"`{r.value}`" for r in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    scope = "| *scope* | " + " | ".join(ROLE_SCOPE[r].value for r in roles) + " |"
    rows = [
        f"| `{perm.value}` | "
        + " | ".join("✔" if perm in ROLE_PERMS[r] else "" for r in roles)
        + " |"
        for perm in Perm
    ]
    return "\n".join([header, rule, scope, *rows]) + "\n"
