"""Tags of the case page."""

from __future__ import annotations

from collections.abc import Hashable

from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

FIELDS_TEMPLATE = "components/form_fields.html"
_MAX_RENDERED = 512
_rendered: dict[tuple[Hashable, ...], SafeString] = {}


@register.simple_tag
def form_fields_once(form: forms.Form, *key: Hashable) -> SafeString:
    """components/form_fields.html of an empty form, rendered once per process, language and
    `key` (whatever else its fields depend on, such as a select's options).

    The case page shows the same empty note and task forms on every view; rendering their
    widgets through the form templates was a fifth of the page's time. A bound form (with
    data or errors) is always rendered afresh."""
    if form.is_bound or form.initial:
        return render_to_string(FIELDS_TEMPLATE, {"form": form})
    cache_key = (type(form), form.prefix, str(form.auto_id), get_language(), key)
    html = _rendered.get(cache_key)
    if html is None:
        html = render_to_string(FIELDS_TEMPLATE, {"form": form})
        if len(_rendered) >= _MAX_RENDERED:
            _rendered.clear()
        _rendered[cache_key] = html
    return html
