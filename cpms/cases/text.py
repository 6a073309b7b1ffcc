from __future__ import annotations

from cpms.intake.text import normalize_paragraphs

__all__ = ["normalize_paragraphs"]
