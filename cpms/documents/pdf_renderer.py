"""PDF output (WeasyPrint) of an OfficialDocument, through templates/documents/."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

from cpms.documents import layout
from cpms.documents.compose import compose
from cpms.documents.model import OfficialDocument

TEMPLATE = "documents/official_document.html"


def render_html(doc: OfficialDocument) -> str:
    """The HTML WeasyPrint prints (autoescaped: every text is shown literally, never as markup)."""
    fonts = ", ".join(f'"{name}"' for name in (layout.FONT_FAMILY, *layout.FONT_FALLBACKS))
    # Word's "single" line spacing for Times is about 1.15 em; CSS counts in em.
    line_height = round(layout.LINE_SPACING * 1.15, 3)
    context = {
        "doc": compose(doc),
        "layout": layout,
        "font_stack": f"{fonts}, serif",
        "line_height": line_height,
        "signature_space_em": round(line_height * layout.SIGNATURE_SPACE_LINES, 3),
    }
    return render_to_string(TEMPLATE, context)


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as PDF: A4, Decree 30 margins, page number centred on top from page 2."""
    progress = logging.getLogger("weasyprint.progress")
    if progress.level == logging.NOTSET:  # one INFO line per layout step; keep explicit config
        progress.setLevel(logging.WARNING)
    # Imported here: WeasyPrint and its Pango bindings are heavy, and only printing needs them.
    import weasyprint
    from weasyprint.urls import URLFetcher

    # No protocol allowed: a document never loads anything (network, files), whatever it says.
    fetcher = URLFetcher(allowed_protocols=())
    html = weasyprint.HTML(string=render_html(doc), url_fetcher=fetcher)
    pdf: bytes = html.write_pdf()
    return pdf
