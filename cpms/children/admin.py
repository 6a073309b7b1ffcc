"""Admin: only the reference data. Child records are never edited through the admin."""

from __future__ import annotations

from . import admin_reference  # noqa: F401 - registers SpecialCircumstanceGroup, RiskFactor
