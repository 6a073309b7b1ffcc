"""Masking of a reporter's identity and paragraph-preserving normalisation."""

from __future__ import annotations

from cpms.core.text import normalize_text


def normalize_paragraphs(value: str) -> str:
    """normalize_text per line, keeping line breaks (descriptions are written in paragraphs)."""
    lines = [normalize_text(line) for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def mask_name(name: str) -> str:
    """'Nguyễn Văn An' → 'N*** V*** A***': enough to tell reports apart, not to identify."""
    return " ".join(f"{word[0]}***" for word in name.split()) if name else ""


def mask_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"******{digits[-3:]}" if len(digits) >= 3 else ("***" if phone else "")
