from __future__ import annotations

from pathlib import Path

from cpms.accounts.docs import permission_table
from cpms.accounts.permissions import ROLE_PERMS, ROLE_SCOPE, Role

DOC = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"


def test_it_keeps_docs_permissions_md_in_step_with_the_code():
    assert permission_table() in DOC.read_text(encoding="utf-8"), (
        "docs/permissions.md is stale: paste `manage.py permission_table` into it"
    )


def test_it_gives_every_role_permissions_and_a_scope():
    assert set(ROLE_PERMS) == set(Role) == set(ROLE_SCOPE)


def test_it_reserves_plan_approval_and_separation_for_the_commune_leader():
    holders = {r for r, perms in ROLE_PERMS.items() if "case.approve_plan" in perms}
    assert holders == {Role.COMMUNE_LEADER}
