from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from .storage import is_inside, private_root, served_roots


@register()
def private_root_not_served(**kwargs: Any) -> list[CheckMessage]:
    """Attachments must never sit under a folder that is served as static or media files."""
    root = private_root()
    return [
        Error(
            f"PRIVATE_MEDIA_ROOT {root} lies inside the served folder {served}.",
            id="attachments.E001",
        )
        for served in served_roots()
        if is_inside(root, served) or is_inside(served, root)
    ]
