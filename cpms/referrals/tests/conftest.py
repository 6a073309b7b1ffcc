from __future__ import annotations

import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def reference_data(db: None) -> None:
    """The seeded rules, concern types and sharing table, restored if a transactional test
    flushed them."""
    for module in (
        "cpms.cases.migrations.0002_fill_deadline_rules",
        "cpms.intake.migrations.0002_fill_concern_types",
        "cpms.referrals.migrations.0002_fill_shared_field_groups",
    ):
        importlib.import_module(module).fill(apps, None)
