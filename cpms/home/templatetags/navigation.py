from __future__ import annotations

from typing import Any

from django import template

from ..navigation import NavSection, nav_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def navbar_sections(context: template.Context) -> list[NavSection]:
    request = context.get("request")
    path = request.path if request is not None else ""
    items: list[Any] = list(context.get("nav_items") or [])
    return nav_sections(items, path)
