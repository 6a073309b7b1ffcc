"""WordprocessingML details python-docx has no API for: fields, borders, table row flags."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Row
from docx.text.paragraph import Paragraph

from cpms.documents import layout

# Elements that must follow <w:pBdr> in <w:pPr>, and <w:cantSplit>/<w:tblHeader> in <w:trPr>
# (ECMA-376 sequence order; Word refuses a file whose order is wrong).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TR_PR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
    "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
    "w:ins", "w:del", "w:trPrChange",
)  # fmt: skip


def add_page_field(paragraph: Paragraph, *, size: float) -> None:
    """A PAGE field (complex field: begin, instruction, separate, cached result, end)."""
    parts: list[tuple[str, str]] = [
        ("fldChar", "begin"),
        ("instrText", " PAGE "),
        ("fldChar", "separate"),
        ("t", "1"),
        ("fldChar", "end"),
    ]
    for tag, value in parts:
        run = paragraph.add_run()
        run.font.size = Pt(size)
        element = OxmlElement(f"w:{tag}")
        if tag == "fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        run._r.append(element)


def set_bottom_border(paragraph: Paragraph) -> None:
    """A solid rule under the paragraph, as long as the paragraph is wide (minus indents)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def short_rule(paragraph: Paragraph, *, column_mm: float) -> None:
    """Decree 30's short rule (1/3–1/2 of the line) centred in a column of `column_mm`."""
    set_bottom_border(paragraph)
    side = Mm((column_mm - layout.SHORT_RULE_MM) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = side
    fmt.right_indent = side
    fmt.space_before = Pt(2)
    fmt.space_after = Pt(layout.PARAGRAPH_SPACING_PT)
    fmt.line_spacing = Pt(2)  # exact: the rule sits just under the line above
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(2)


def set_row_flags(row: _Row, *, cant_split: bool = False, header: bool = False) -> None:
    """Keep a row on one page, and/or repeat it at the top of every page of the table."""
    trpr = row._tr.get_or_add_trPr()
    for flag, wanted in (("w:cantSplit", cant_split), ("w:tblHeader", header)):
        if wanted:
            successors = _TR_PR_ORDER[_TR_PR_ORDER.index(flag) + 1 :]
            trpr.insert_element_before(OxmlElement(flag), *successors)


def set_font_family(rpr_owner: object, family: str) -> None:
    """Set every script slot (ascii, hAnsi, east Asian, complex) so Word never substitutes."""
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), family)
