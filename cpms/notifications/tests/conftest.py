from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def message_dir(settings, tmp_path: Path) -> Path:
    """Each test writes its SMS/Zalo lines to its own folder."""
    settings.CPMS_NOTIFICATION_FILE_DIR = tmp_path
    return tmp_path
