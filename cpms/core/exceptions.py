"""Exceptions shared by the services of several apps."""

from __future__ import annotations


class StaleEditError(Exception):
    """The record changed since the user opened it; their save would overwrite that change."""
