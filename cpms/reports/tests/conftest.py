from __future__ import annotations

import sys

import pytest

from cpms.reports.tests import fake_stats


@pytest.fixture
def fake_tables(monkeypatch):
    """Workflow tests run on fake_stats (counts set per commune in fake_stats.COUNTS)."""
    monkeypatch.setattr("cpms.reports.figures._stats", lambda: sys.modules[fake_stats.__name__])
    monkeypatch.setattr(fake_stats, "COUNTS", {})
    return fake_stats.COUNTS


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
