"""DOCX output (python-docx) of an OfficialDocument in the Decree 30/2020 layout."""

from __future__ import annotations

from io import BytesIO

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from cpms.documents import docx_xml, layout
from cpms.documents.compose import Composed, compose
from cpms.documents.model import (
    Block,
    CheckboxLine,
    FieldRow,
    Heading,
    NumberedItem,
    OfficialDocument,
    Table,
)
from cpms.documents.model import Paragraph as BodyParagraph

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
Align = WD_ALIGN_PARAGRAPH


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as a .docx file (A4, Decree 30 margins, page numbers from page 2)."""
    parts = compose(doc)
    document = docx.Document()
    _set_up_page(document, parts)
    body = _Lines(document)
    if parts.form_label:
        body.add(parts.form_label, size=layout.SIZE_FORM_LABEL, bold=True, align=RIGHT)
    if parts.has_masthead:
        _masthead(document, parts)
    if parts.kind:
        body.add(parts.kind, size=layout.SIZE_KIND, bold=True, before=12)
    if parts.subject:
        body.add(parts.subject, size=layout.SIZE_SUBJECT, bold=True)
    if parts.kind or parts.subject:
        docx_xml.short_rule(body.add(size=2), column_mm=layout.TEXT_WIDTH_MM)
    _addressees(body, parts.addressees, size=parts.body_size)
    for block in parts.body:
        _block(document, body, block, size=parts.body_size)
    if parts.has_closing:
        _closing(document, parts)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Lines:
    """Adds formatted one-run paragraphs to the body or a table cell (reusing its first one)."""

    def __init__(self, container: Document | _Cell) -> None:
        self.container = container
        self.unused: Paragraph | None = (
            container.paragraphs[0] if isinstance(container, _Cell) else None
        )

    def add(
        self,
        text: str = "",
        *,
        size: float,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        align: Align = CENTER,
        before: float = 0,
        after: float = 0,
    ) -> Paragraph:
        paragraph = self.unused if self.unused is not None else self.container.add_paragraph()
        self.unused = None
        fmt = paragraph.paragraph_format
        fmt.alignment = align
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if text:
            run = paragraph.add_run(text)
            run.font.size = Pt(size)
            run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        return paragraph


def _set_up_page(document: Document, parts: Composed) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(layout.PAGE_WIDTH_MM), Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = (
        Mm(layout.MARGIN_TOP_MM),
        Mm(layout.MARGIN_BOTTOM_MM),
    )
    section.left_margin, section.right_margin = (
        Mm(layout.MARGIN_LEFT_MM),
        Mm(layout.MARGIN_RIGHT_MM),
    )
    section.header_distance = Mm(layout.HEADER_DISTANCE_MM)
    # Page numbers from page 2: a distinct, empty first-page header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    docx_xml.add_page_field(number, size=layout.SIZE_PAGE_NUMBER)

    normal = document.styles["Normal"]
    normal.font.name = layout.FONT_FAMILY
    normal.font.size = Pt(parts.body_size)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    docx_xml.set_font_family(normal.element, layout.FONT_FAMILY)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(layout.PARAGRAPH_SPACING_PT)
    fmt.line_spacing = layout.LINE_SPACING
    document.core_properties.title = parts.title
    document.core_properties.language = "vi-VN"


def _two_columns(document: Document, rows: int) -> DocxTable:
    table: DocxTable = document.add_table(rows=rows, cols=2)
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(layout.LEFT_COLUMN_MM), Mm(layout.RIGHT_COLUMN_MM))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def _masthead(document: Document, parts: Composed) -> None:
    """Issuing body and number on the left; national title, motto and date on the right."""
    second_row = bool(parts.number or parts.letter_subject or parts.date)
    rows = _two_columns(document, 2 if second_row else 1).rows
    left, right = _Lines(rows[0].cells[0]), _Lines(rows[0].cells[1])
    for line in parts.parent_lines:
        left.add(line, size=layout.SIZE_ISSUER)
    for line in parts.issuer_lines:
        left.add(line, size=layout.SIZE_ISSUER, bold=True)
    if parts.issuer_lines:
        docx_xml.short_rule(left.add(size=2), column_mm=layout.LEFT_COLUMN_MM)
    if parts.national_title:
        right.add(parts.national_title, size=layout.SIZE_NATIONAL_TITLE, bold=True)
        right.add(parts.motto, size=layout.SIZE_MOTTO, bold=True, underline=True)
    if second_row:
        left, right = _Lines(rows[1].cells[0]), _Lines(rows[1].cells[1])
        left.add(parts.number, size=layout.SIZE_NUMBER, before=6)
        if parts.letter_subject:
            left.add(parts.letter_subject, size=layout.SIZE_LETTER_SUBJECT)
        right.add(parts.date, size=layout.SIZE_DATE, italic=True, before=6)


def _addressees(body: _Lines, lines: tuple[str, ...], *, size: int) -> None:
    for index, line in enumerate(lines):
        paragraph = body.add(
            line,
            size=size,
            align=CENTER if len(lines) == 1 else LEFT,
            before=0 if index else 12,
            after=layout.PARAGRAPH_SPACING_PT if index == len(lines) - 1 else 0,
        )
        if len(lines) > 1:
            indent = layout.ADDRESSEES_INDENT_MM + (15 if index else 0)
            paragraph.paragraph_format.left_indent = Mm(indent)


def _block(document: Document, body: _Lines, block: Block, *, size: int) -> None:
    after = layout.PARAGRAPH_SPACING_PT
    if isinstance(block, Table):
        _table(document, block)
        return
    if isinstance(block, Heading):
        paragraph = body.add(block.text, size=size, bold=True, before=6, after=after)
        paragraph.alignment = CENTER if block.centered else LEFT
        paragraph.paragraph_format.keep_with_next = True
        return
    paragraph = body.add(size=size, align=JUSTIFY, after=after)
    paragraph.paragraph_format.first_line_indent = Mm(layout.FIRST_LINE_INDENT_MM)
    if isinstance(block, BodyParagraph):
        if block.lead:
            paragraph.add_run(f"{block.lead} ").bold = True
        paragraph.add_run(block.text).italic = block.italic
    elif isinstance(block, NumberedItem):
        paragraph.paragraph_format.left_indent = Mm(layout.FIRST_LINE_INDENT_MM * block.level)
        paragraph.add_run(f"{block.label} {block.text}")
    elif isinstance(block, FieldRow):
        paragraph.alignment = LEFT
        for index, (label, value) in enumerate(block.parts):
            paragraph.add_run(("   " if index else "") + label + " ")
            paragraph.add_run(value)
    elif isinstance(block, CheckboxLine):
        paragraph.alignment = LEFT
        paragraph.add_run(f"{block.caption} {block.boxes}")
    for run in paragraph.runs:
        run.font.size = Pt(size)


def _table(document: Document, block: Table) -> None:
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(layout.TEXT_WIDTH_MM * share / 100) for share in block.percentages]
    docx_xml.set_row_flags(table.rows[0], header=True)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row_index, row in enumerate(table.rows):
        texts = block.rows[row_index - 1] if row_index else block.header
        for cell, width, text in zip(row.cells, widths, texts, strict=True):
            cell.width = width
            _Lines(cell).add(
                text,
                size=layout.SIZE_TABLE,
                bold=not row_index,
                align=CENTER if not row_index else LEFT,
                before=2,
                after=2,
            )
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _closing(document: Document, parts: Composed) -> None:
    """'Nơi nhận:' at the bottom left; the signature block at the right, kept on one page."""
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    (row,) = _two_columns(document, 1).rows
    docx_xml.set_row_flags(row, cant_split=True)
    left, right = _Lines(row.cells[0]), _Lines(row.cells[1])
    if parts.recipients:
        left.add(
            parts.recipients_label,
            size=layout.SIZE_RECIPIENTS_LABEL,
            bold=True,
            italic=True,
            align=LEFT,
        )
        for line in parts.recipients:
            left.add(line, size=layout.SIZE_RECIPIENTS, align=LEFT)
    signature = parts.signature
    if signature is None:
        return
    for line in signature.lines:
        right.add(line, size=layout.SIZE_SIGNATURE, bold=True)
    if signature.hint:
        right.add(signature.hint, size=layout.SIZE_SIGNATURE - 1, italic=True)
    for _ in range(layout.SIGNATURE_SPACE_LINES):
        right.add(size=layout.SIZE_SIGNATURE)
    right.add(signature.name, size=layout.SIZE_SIGNATURE, bold=True)
