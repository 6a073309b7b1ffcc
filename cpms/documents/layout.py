"""Layout figures of an administrative document, in one place for both renderers.

Source: Nghị định 30/2020/NĐ-CP về công tác văn thư (Decree 30/2020, in force 05/03/2020),
Phụ lục I "Thể thức, kỹ thuật trình bày văn bản hành chính và bản sao văn bản"; summarised in
docs/documents.md and in the product's legal-framework.md §8. Where the decree gives a range the
value chosen is named with the range beside it. Figures marked "practice" are not in the decree.
"""

from __future__ import annotations

from typing import Final

# Fixed texts (Phụ lục I, Quốc hiệu và Tiêu ngữ). Never translated: they are legal text.
NATIONAL_TITLE: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
NUMBER_LABEL: Final = "Số:"
ADDRESSEES_LABEL: Final = "Kính gửi:"
RECIPIENTS_LABEL: Final = "Nơi nhận:"
ARCHIVE_LABEL: Final = "Lưu:"
END_MARK: Final = "./."
CHECKED: Final = "☒"
UNCHECKED: Final = "☐"
BLANK: Final = "……"  # a dotted blank to be filled in by hand, as the printed forms show

# Paper: A4 portrait (210 × 297 mm).
PAGE_WIDTH_MM: Final = 210
PAGE_HEIGHT_MM: Final = 297

# Margins: top 20–25, bottom 20–25, left 30–35, right 15–20 mm.
MARGIN_TOP_MM: Final = 20
MARGIN_BOTTOM_MM: Final = 20
MARGIN_LEFT_MM: Final = 30
MARGIN_RIGHT_MM: Final = 15
HEADER_DISTANCE_MM: Final = 10  # practice: page number inside the 20 mm top margin
TEXT_WIDTH_MM: Final = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

# Two-column masthead (issuing body left, national title right) and the signature row.
LEFT_COLUMN_MM: Final = 70  # practice: the national title needs ~90 mm at 12 pt
RIGHT_COLUMN_MM: Final = TEXT_WIDTH_MM - LEFT_COLUMN_MM
SHORT_RULE_MM: Final = 25  # rule under the issuing body and the subject: 1/3–1/2 of the line

# Font: Times New Roman (Unicode, TCVN 6909:2001), black. Metric-compatible fallbacks for PDF.
FONT_FAMILY: Final = "Times New Roman"
FONT_FALLBACKS: Final = ("Liberation Serif", "DejaVu Serif")

# Sizes in points (ranges from Phụ lục I).
SIZE_NATIONAL_TITLE: Final = 12  # 12–13, upper case, bold
SIZE_MOTTO: Final = 13  # 13–14, bold, solid rule as long as the line underneath
SIZE_ISSUER: Final = 12  # 12–13, upper case; the issuing body bold, its parent not
SIZE_NUMBER: Final = 13  # 13, upright
SIZE_LETTER_SUBJECT: Final = 12  # "V/v …" of an official letter: 12–13, upright
SIZE_DATE: Final = 14  # 13–14, italic
SIZE_KIND: Final = 14  # document kind: 13–14, upper case, bold
SIZE_SUBJECT: Final = 14  # subject line ("Về việc …"): 14, bold, centred
BODY_SIZES: Final = (13, 14)  # body text: 13–14
SIZE_TABLE: Final = 12  # practice: tables may be set smaller than the body
SIZE_SIGNATURE: Final = 14  # authority, position and signer's name: 13–14, bold
SIZE_RECIPIENTS_LABEL: Final = 12  # "Nơi nhận:": 12, bold italic
SIZE_RECIPIENTS: Final = 11  # the list: 11, upright
SIZE_PAGE_NUMBER: Final = 13  # 13–14, upright, centred in the top margin, not on page 1
SIZE_FORM_LABEL: Final = 13  # practice: "Mẫu số 01" of the decrees' appendices

# Paragraphs: spacing at least 6 pt; line spacing single to 1.5 lines; justified body with a
# first-line indent of 1–1.27 cm.
PARAGRAPH_SPACING_PT: Final = 6
LINE_SPACING: Final = 1.0  # in lines ("single")
FIRST_LINE_INDENT_MM: Final = 12.7
ADDRESSEES_INDENT_MM: Final = 30  # practice: "Kính gửi:" block of a letter to several bodies
SIGNATURE_SPACE_LINES: Final = 4  # practice: room for the signature and the seal
