from __future__ import annotations

import pytest

from cpms.testing import fill_reference_data


@pytest.fixture(autouse=True)
def reference_data(db: None) -> None:
    """The seeded rules, concern types and sharing table, restored if a transactional test
    flushed them."""
    fill_reference_data()
