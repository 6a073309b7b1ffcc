from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_it_runs_on_postgresql_with_search_extensions():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT cpms_unaccent('Đặng Thị Ánh'), similarity('abc', 'abd')")
        key, similarity = cursor.fetchone()
    assert key == "Dang Thi Anh"
    assert 0 < similarity < 1
