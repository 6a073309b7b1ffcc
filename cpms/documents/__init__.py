"""Official documents (DOCX and PDF) in the Decree 30/2020/NĐ-CP administrative layout.

Describe a document with OfficialDocument and its blocks, then call render_docx or render_pdf.
See docs/documents.md.
"""

from __future__ import annotations

from cpms.documents.docx_renderer import render_docx
from cpms.documents.formatting import checkboxes, date_line, date_text, number_line
from cpms.documents.model import (
    Block,
    CheckboxLine,
    Field,
    FieldRow,
    Heading,
    IssuingBody,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from cpms.documents.pdf_renderer import render_html, render_pdf

__all__ = [
    "Block",
    "CheckboxLine",
    "Field",
    "FieldRow",
    "Heading",
    "IssuingBody",
    "NumberedItem",
    "OfficialDocument",
    "Paragraph",
    "Signature",
    "Table",
    "checkboxes",
    "date_line",
    "date_text",
    "number_line",
    "render_docx",
    "render_html",
    "render_pdf",
]
