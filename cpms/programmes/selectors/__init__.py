"""Reads of the programmes app. `ActivityFigures` and `activity_figures` are the public
contract other apps (directives, statistics) import from here."""

from __future__ import annotations

from .figures import ActivityFigures, activity_figures

__all__ = ["ActivityFigures", "activity_figures"]
