"""The columns of the child-monitoring book (sổ theo dõi trẻ em).

One definition serves the downloadable template, the import and the export, so a file
exported from the registry can be imported again and a filled-in template reads back the same.
Headers are written in the user's language (the msgids are Vietnamese) and recognised on
import by their search key, with or without diacritics, with common variants as aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from cpms.core.text import search_key

from ..choices import Sex


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # Vietnamese msgid (marked with gettext_noop)
    width: int = 16
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: object = ""
    help: str = ""  # Vietnamese msgid: what to write, shown on the instructions sheet

    @property
    def header(self) -> str:
        return gettext(self.label)

    def header_keys(self) -> set[str]:
        """Search keys under which this column's header is recognised."""
        keys = {header_key(self.label), header_key(self.header)}
        keys.update(header_key(alias) for alias in self.aliases)
        return keys


_PARENTHESES = re.compile(r"\(.*?\)|\*")


def header_key(text: str) -> str:
    """'Ngày sinh (ngày/tháng/năm) *' → 'ngay sinh'."""
    return search_key(_PARENTHESES.sub(" ", text)).strip(" .:")


YES_WORDS = frozenset({"x", "co", "1", "true", "yes", "dung", "v"})
NO_WORDS = frozenset({"", "khong", "0", "false", "no", "-"})

COLUMNS: tuple[Column, ...] = (
    Column("row_no", gettext_noop("STT"), 6, aliases=("so thu tu", "tt"), example="Ví dụ"),
    Column(
        "full_name",
        gettext_noop("Họ và tên trẻ"),
        26,
        required=True,
        aliases=("ho va ten", "ho ten", "ho ten tre", "ten tre", "ho va ten tre em"),
        example="Nguyễn Thị Lan",
    ),
    Column(
        "birth_date",
        gettext_noop("Ngày sinh (ngày/tháng/năm)"),
        14,
        required=True,
        aliases=("ngay thang nam sinh", "ngay, thang, nam sinh", "sinh ngay"),
        example="14/03/2015",
        help=gettext_noop(
            "Ghi ngày/tháng/năm, ví dụ 14/03/2015; chỉ biết tháng: 03/2015; chỉ biết năm: 2015."
        ),
    ),
    Column(
        "sex",
        gettext_noop("Giới tính (Nam/Nữ)"),
        10,
        required=True,
        aliases=("gioi tinh",),
        example="Nữ",
    ),
    Column("ethnicity", gettext_noop("Dân tộc"), 10, example="Kinh"),
    Column(
        "personal_id",
        gettext_noop("Số định danh cá nhân"),
        16,
        aliases=("so dinh danh", "ma dinh danh", "ma so dinh danh ca nhan", "so cccd", "cccd"),
        help=gettext_noop("12 chữ số, nếu trẻ đã có."),
    ),
    Column(
        "birth_certificate_no",
        gettext_noop("Số giấy khai sinh"),
        14,
        aliases=("so khai sinh", "giay khai sinh"),
    ),
    Column(
        "village",
        gettext_noop("Thôn, tổ dân phố"),
        18,
        aliases=("thon", "to dan pho", "thon/to dan pho", "thon, to", "thon, xom", "ap"),
        example="Tổ dân phố 1",
        help=gettext_noop(
            "Tên thôn, tổ dân phố đúng như trong hệ thống (có dấu hay không đều được)."
        ),
    ),
    Column(
        "commune",
        gettext_noop("Xã, phường"),
        18,
        aliases=("xa", "phuong", "xa/phuong", "xa, phuong, thi tran"),
        help=gettext_noop("Có thể để trống; nếu ghi thì phải là xã, phường đang nhập."),
    ),
    Column("address", gettext_noop("Địa chỉ"), 24, aliases=("dia chi cu tru", "noi o")),
    Column(
        "mother_name",
        gettext_noop("Họ và tên mẹ"),
        22,
        aliases=("ho ten me", "me", "ten me"),
        example="Trần Thị Hoa",
    ),
    Column(
        "mother_birth_year",
        gettext_noop("Năm sinh của mẹ"),
        10,
        aliases=("nam sinh me",),
        example=1988,
    ),
    Column(
        "father_name",
        gettext_noop("Họ và tên cha"),
        22,
        aliases=("ho ten cha", "ho ten bo", "cha", "bo", "ten cha"),
        example="Nguyễn Văn Nam",
    ),
    Column(
        "father_birth_year",
        gettext_noop("Năm sinh của cha"),
        10,
        aliases=("nam sinh cha", "nam sinh bo"),
        example=1985,
    ),
    Column("school", gettext_noop("Trường"), 22, aliases=("truong hoc",)),
    Column("school_class", gettext_noop("Lớp"), 8),
    Column(
        "out_of_school",
        gettext_noop("Không đi học (ghi x)"),
        10,
        aliases=("bo hoc", "nghi hoc"),
        help=gettext_noop("Ghi x nếu trẻ trong độ tuổi đi học mà không đi học."),
    ),
    Column("disability", gettext_noop("Khuyết tật"), 16),
    Column(
        "living_situation",
        gettext_noop("Hoàn cảnh sống"),
        24,
        aliases=("song voi", "hoan canh"),
        example="Sống với cả cha và mẹ",  # LivingSituation.BOTH_PARENTS
    ),
    Column(
        "parents_marital",
        gettext_noop("Hôn nhân của cha mẹ"),
        24,
        aliases=("tinh trang hon nhan cua cha me", "hon nhan cha me"),
    ),
    Column("notes", gettext_noop("Ghi chú"), 30),
)

BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}
REQUIRED: tuple[Column, ...] = tuple(c for c in COLUMNS if c.required)

# Choice columns: accepted spellings (search keys) → stored value.
SEX_WORDS: dict[str, str] = {"nam": Sex.MALE, "trai": Sex.MALE, "m": Sex.MALE}
SEX_WORDS |= {"nu": Sex.FEMALE, "gai": Sex.FEMALE, "f": Sex.FEMALE}


def choice_words(choices: type[models.TextChoices]) -> dict[str, str]:
    """Codes and labels (in Vietnamese and in the current language) by search key."""
    words: dict[str, str] = {}
    for value, label in choices.choices:
        words[search_key(str(value))] = str(value)
        words[search_key(str(label))] = str(value)
        with translation.override("vi"):
            words[search_key(str(label))] = str(value)
    return words
