"""The plain description of an official document that both renderers read.

Every text is NFC-normalised and stripped of control characters on construction (through
cpms.core.text.normalize_text), so a block holds one paragraph: line breaks inside a text become
spaces. Text is never markup: the renderers print it literally.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import ClassVar

from cpms.core.text import normalize_text
from cpms.documents import formatting, layout


def _clean(value: object) -> object:
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, tuple | list):
        return tuple(_clean(item) for item in value)
    return value


class _Normalised:
    """Normalises every text field (also inside tuples) of a frozen dataclass after __init__."""

    def __post_init__(self) -> None:
        for f in fields(self):  # type: ignore[arg-type]
            object.__setattr__(self, f.name, _clean(getattr(self, f.name)))


@dataclass(frozen=True)
class Heading(_Normalised):
    """A bold line: 'QUYẾT ĐỊNH:' (centred) or 'A. Thông tin chung' (left)."""

    block_type: ClassVar[str] = "heading"
    text: str
    centered: bool = False


@dataclass(frozen=True)
class Paragraph(_Normalised):
    """A justified body paragraph with a first-line indent; `lead` is printed bold before it."""

    block_type: ClassVar[str] = "paragraph"
    text: str
    lead: str = ""
    italic: bool = False


@dataclass(frozen=True)
class NumberedItem(_Normalised):
    """'1. …', 'a) …' or '- …': `label` then the text; `level` indents nested items."""

    block_type: ClassVar[str] = "item"
    label: str
    text: str
    level: int = 0


@dataclass(frozen=True)
class Field(_Normalised):
    """One form field: the printed label and the value; an empty value prints a blank."""

    label: str
    value: str = ""

    @property
    def shown(self) -> str:
        return self.value or layout.BLANK * 3


@dataclass(frozen=True)
class FieldRow(_Normalised):
    """Key–value fields printed on one line: 'Họ và tên cha: … Tuổi: … Nghề nghiệp: …'."""

    block_type: ClassVar[str] = "fields"
    fields: tuple[Field, ...]

    @classmethod
    def single(cls, label: str, value: str = "") -> FieldRow:
        return cls(fields=(Field(label, value),))

    @property
    def parts(self) -> tuple[tuple[str, str], ...]:
        """('Họ và tên:', 'Đặng Thị Hương') for each field; a blank for an empty value."""
        return tuple((formatting.labelled(f.label), f.shown) for f in self.fields)


@dataclass(frozen=True)
class CheckboxLine(_Normalised):
    """'Mức độ: ☒ Cao   ☐ Trung bình   ☐ Thấp'; `selected` must be among `options`."""

    block_type: ClassVar[str] = "checkboxes"
    label: str
    options: tuple[str, ...]
    selected: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        formatting.checkboxes(self.options, self.selected)

    @property
    def caption(self) -> str:
        return formatting.labelled(self.label)

    @property
    def boxes(self) -> str:
        return formatting.checkboxes(self.options, self.selected)


@dataclass(frozen=True)
class Table(_Normalised):
    """A bordered table with a header row (repeated on every page); `widths` are relative."""

    block_type: ClassVar[str] = "table"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        size = len(self.header)
        if not size or any(len(row) != size for row in self.rows):
            raise ValueError("Every table row needs as many cells as the header row.")
        if self.widths and (len(self.widths) != size or min(self.widths) <= 0):
            raise ValueError("Table widths need one positive number per column.")

    @property
    def percentages(self) -> tuple[float, ...]:
        widths = self.widths or (1.0,) * len(self.header)
        return tuple(100 * w / sum(widths) for w in widths)


Block = Heading | Paragraph | NumberedItem | FieldRow | CheckboxLine | Table


@dataclass(frozen=True)
class IssuingBody(_Normalised):
    """Issuing body lines (bold) under the parent body's lines; both printed in capitals.

    IssuingBody(("ỦY BAN NHÂN DÂN", "XÃ BÌNH SƠN")) or, for a unit of a committee,
    IssuingBody(("PHÒNG VĂN HÓA - XÃ HỘI",), parent=("ỦY BAN NHÂN DÂN XÃ BÌNH SƠN",)).
    """

    lines: tuple[str, ...]
    parent: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "lines", tuple(line.upper() for line in self.lines))
        object.__setattr__(self, "parent", tuple(line.upper() for line in self.parent))


@dataclass(frozen=True)
class Signature(_Normalised):
    """Authority and position lines (bold), a hint such as '(Ký, ghi rõ họ tên)', the name.

    Signature(("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), name="Nguyễn Văn An");
    Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), name="…"). Room is left for the signature
    and seal between the lines and the name.
    """

    lines: tuple[str, ...]
    name: str = ""
    hint: str = ""


@dataclass(frozen=True)
class OfficialDocument(_Normalised):
    """One administrative document. Omitted parts are not printed.

    - `symbol` ('QĐ-UBND') prints 'Số: 12/QĐ-UBND'; with `number` None the number is blank.
    - `kind` ('QUYẾT ĐỊNH', 'BÁO CÁO') and `subject` ('Về việc …') are centred under the
      masthead; an official letter has no kind, and its `subject` ('V/v …') goes under the number.
    - `recipients` and `archive` ('VT, VHXH') make the 'Nơi nhận:' list at the bottom left.
    - `form_label` ('Mẫu số 01') is printed at the top right, as the decrees' appendix forms are.
    """

    issuer: IssuingBody | None = None
    symbol: str = ""
    number: int | None = None
    place: str = ""
    issued_on: dt.date | None = None
    kind: str = ""
    subject: str = ""
    addressees: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    recipients: tuple[str, ...] = ()
    archive: str = ""
    signature: Signature | None = None
    form_label: str = ""
    national_title: bool = True
    end_mark: bool = False
    body_size: int = field(default=max(layout.BODY_SIZES))

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "kind", self.kind.upper())
        if self.symbol:
            formatting.check_symbol(self.symbol)
        elif self.number is not None:
            raise ValueError("A document number needs a symbol ('QĐ-UBND').")
        if self.body_size not in layout.BODY_SIZES:
            raise ValueError(f"Body text is {layout.BODY_SIZES} pt (Decree 30/2020).")

    @property
    def is_letter(self) -> bool:
        """An official letter (công văn): no kind name; 'V/v …' sits under the number."""
        return not self.kind

    @property
    def title(self) -> str:
        """A one-line name for file metadata: 'QUYẾT ĐỊNH Về việc …'."""
        return " ".join(part for part in (self.kind, self.subject) if part) or self.form_label
