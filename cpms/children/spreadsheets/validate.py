"""Checking the rows of a child-monitoring book, with messages in plain Vietnamese.

Each row is parsed into the registry's own `ChildData` and put through the same checks the
registry applies when a child is registered (`services._apply`, the model's field checks), so
an import never has rules of its own. Checks that need the database run once per batch:
children already in the registry (same name and date of birth in the commune: the row is
skipped, which is what makes an import idempotent), identity numbers already used, rows
repeated within the file, and likely duplicates from `dedup`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from cpms.accounts.scope import AnyUser
from cpms.core.text import normalize_text, search_key
from cpms.geography.models import AdminUnit, UnitLevel

from ..choices import DatePrecision, LivingSituation, ParentsMarital
from ..dedup import (
    MATCH_FIELDS,
    MatchLabel,
    Probe,
    _assess_flags,
    label_for,
    probe_keys,
    related_commune_ids,
)
from ..dedup_blocks import candidate_ids
from ..models import Child, IssueSeverity, Person
from ..names import name_keys
from ..services import ChildData, _apply, clean_applied
from .columns import BY_KEY, NO_WORDS, SEX_WORDS, YES_WORDS, choice_words
from .reader import SheetRow

# Model fields not checked per row: relations (checked here against the commune's units)
# and values the services compute.
_NOT_ROW_FIELDS = ["commune", "village", "created_by", "archived_by", "merged_into"]
_FIELD_COLUMN = {"name_key": "full_name", "given_key": "full_name", "family_key": "full_name"}
_UNIT_PREFIXES = re.compile(
    r"^(thon|to dan pho|tdp|to|xom|ap|ban|khu pho|kp|khu|bon|buon|lang|soc|"
    r"xa|phuong|thi tran|dac khu)\s+"
)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MY = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_Y = re.compile(r"^(\d{4})$")
_EXCEL_SERIALS = (1, 73_050)  # 1 Jan 1900 … 31 Dec 2099
CHILD_AGE_LIMIT = 16  # Luật Trẻ em: a child is a person under 16
DEDUP_LIMIT = 3  # likely duplicates looked at per row, best first


class _MatchRow(NamedTuple):
    """What scoring reads of a registry child (dedup.Matchable), and what a warning shows:
    a plain row, much cheaper to load than a model instance."""

    pk: int
    name_key: str
    family_key: str
    family_canon: str
    given_key: str
    birth_date: dt.date
    birth_precision: str
    sex: str
    commune_id: int
    village_id: int | None
    personal_id: str
    mother_key: str
    father_key: str
    full_name: str
    village__name: str | None


assert _MatchRow._fields[: len(MATCH_FIELDS)] == MATCH_FIELDS


@dataclass
class ParentData:
    full_name: str
    birth_year: int | None = None


@dataclass
class RowIssue:
    row_number: int
    severity: str
    column: str
    message: str


@dataclass
class CheckedRow:
    number: int
    data: ChildData | None = None
    mother: ParentData | None = None
    father: ParentData | None = None
    name_key: str = ""
    issues: list[RowIssue] = field(default_factory=list)
    skip: bool = False  # already in the registry, or repeated earlier in the file

    @property
    def has_errors(self) -> bool:
        return any(i.severity == IssueSeverity.ERROR for i in self.issues)

    @property
    def importable(self) -> bool:
        return self.data is not None and not self.has_errors and not self.skip

    def error(self, column: str, message: str) -> None:
        self._add(IssueSeverity.ERROR, column, message)

    def warning(self, column: str, message: str) -> None:
        self._add(IssueSeverity.WARNING, column, message)

    def _add(self, severity: str, column: str, message: str) -> None:
        header = BY_KEY[column].header if column in BY_KEY else ""
        self.issues.append(RowIssue(self.number, severity, header, message[:500]))


class DateValueError(ValueError):
    pass


def parse_date(value: object) -> tuple[dt.date, str]:
    """An Excel date cell, an Excel serial number, or text: dd/mm/yyyy, mm/yyyy, yyyy or
    yyyy-mm-dd. Returns the date and its precision; raises DateValueError with a message."""
    if isinstance(value, dt.datetime):
        return value.date(), DatePrecision.EXACT
    if isinstance(value, dt.date):
        return value, DatePrecision.EXACT
    if isinstance(value, bool):
        raise DateValueError(_date_format_message(value))
    if isinstance(value, int | float):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return dt.date(int(value), 1, 1), DatePrecision.YEAR
        if _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
            return from_excel(value).date(), DatePrecision.EXACT
        raise DateValueError(_date_format_message(value))
    text = str(value).strip()
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        return _make_date(text, year, month, day), DatePrecision.EXACT
    if match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(text, year, month, day), DatePrecision.EXACT
    if match := _MY.match(text):
        month, year = (int(g) for g in match.groups())
        return _make_date(text, year, month, 1), DatePrecision.MONTH
    if _Y.match(text):
        return _make_date(text, int(text), 1, 1), DatePrecision.YEAR
    raise DateValueError(_date_format_message(text))


def _date_format_message(value: object) -> str:
    return _("Ngày sinh «%(value)s» không đúng dạng ngày/tháng/năm (ví dụ 14/03/2015).") % {
        "value": value
    }


def _make_date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    try:
        swapped = dt.date(year, day, month)
    except ValueError:
        raise DateValueError(
            _("Ngày sinh «%(value)s» không có thật (ngày hoặc tháng không đúng).") % {"value": text}
        ) from None
    raise DateValueError(
        _(
            "Ngày sinh «%(value)s» không có thật; có lẽ đã ghi tháng trước ngày "
            "(nếu vậy, hãy ghi %(suggestion)s)."
        )
        % {"value": text, "suggestion": swapped.strftime("%d/%m/%Y")}
    )


def _unit_key(name: str) -> str:
    return _UNIT_PREFIXES.sub("", search_key(name))


class VillageIndex:
    """The commune's current villages, found by name with or without diacritics and with or
    without the word 'thôn' / 'tổ dân phố' ('TDP 1' finds 'Tổ dân phố 1')."""

    def __init__(self, commune: AdminUnit) -> None:
        today = timezone.localdate()
        villages = list(
            AdminUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
            .order_by("name")
        )
        self.names = [v.name for v in villages]
        self.by_key = {search_key(v.name): v for v in villages}
        cores: dict[str, list[AdminUnit]] = {}
        for village in villages:
            cores.setdefault(_unit_key(village.name), []).append(village)
        self.by_core = {core: found[0] for core, found in cores.items() if len(found) == 1}

    def find(self, name: str) -> AdminUnit | None:
        return self.by_key.get(search_key(name)) or self.by_core.get(_unit_key(name))


class BookChecker:
    """Checks rows batch by batch, remembering what it saw earlier in the same file."""

    def __init__(self, *, commune: AdminUnit, viewer: AnyUser, importing: bool = False) -> None:
        """`importing`: the rows were checked before; the registry's service checks them
        again as it saves them, so only what decides which rows to save runs here (rows
        already in the registry or earlier in the file). No duplicate search."""
        self.commune = commune
        self.viewer = viewer
        self.villages = VillageIndex(commune)
        self.commune_key = _unit_key(commune.name)
        self.importing = importing
        self.seen_keys: dict[tuple[str, dt.date], int] = {}
        self.seen_pids: dict[str, int] = {}
        self.living_words = choice_words(LivingSituation)
        self.marital_words = choice_words(ParentsMarital)
        self.today = timezone.localdate()
        self.area_ids: set[int] | None = None  # communes related by the 2025 reorganisation

    def check(self, rows: Sequence[SheetRow]) -> list[CheckedRow]:
        checked = [self.check_row(row) for row in rows]
        self._check_registry(checked)
        self._check_file(checked)
        if not self.importing:
            self._check_dedup(checked)
        return checked

    # One row, no database --------------------------------------------------------------

    def check_row(self, row: SheetRow) -> CheckedRow:
        result = CheckedRow(number=row.number)
        v = row.values
        name = _text(v.get("full_name"))
        if not name:
            result.error("full_name", _("Thiếu họ và tên trẻ."))
        birth = self._birth_date(result, v.get("birth_date"))
        sex = self._sex(result, v.get("sex"))
        village = self._village(result, v.get("village"))
        self._commune(result, v.get("commune"))
        out_of_school = self._flag(result, "out_of_school", v.get("out_of_school"))
        notes = [_text(v.get("notes"))]
        living = self._choice(result, "living_situation", v.get("living_situation"), notes)
        marital = self._choice(result, "parents_marital", v.get("parents_marital"), notes)
        result.mother = self._parent(result, "mother_name", "mother_birth_year", v)
        result.father = self._parent(result, "father_name", "father_birth_year", v)
        if result.has_errors or birth is None or sex is None:
            return result
        data = ChildData(
            full_name=name,
            birth_date=birth[0],
            birth_precision=birth[1],
            sex=sex,
            commune=self.commune,
            village=village,
            ethnicity=_text(v.get("ethnicity")) or "Kinh",
            personal_id=_personal_id(v.get("personal_id")),
            birth_certificate_no=_text(v.get("birth_certificate_no")),
            address=_text(v.get("address")),
            school=_text(v.get("school")),
            school_class=_text(v.get("school_class")),
            out_of_school=out_of_school,
            disability=_text(v.get("disability")),
            living_situation=living or LivingSituation.BOTH_PARENTS,
            parents_marital=marital or ParentsMarital.UNKNOWN,
            notes="\n".join(n for n in notes if n),
        )
        if self.importing:
            result.data, result.name_key = data, name_keys(data.full_name).name_key
        else:
            self._registry_rules(result, data)
        return result

    def _registry_rules(self, result: CheckedRow, data: ChildData) -> None:
        """The registry's own checks (the ones child_register runs before saving)."""
        child = Child()
        try:
            _apply(child, data)
            clean_applied(child, exclude=_NOT_ROW_FIELDS)
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                column = _FIELD_COLUMN.get(field_name, field_name)
                for message in messages:
                    result.error(column, message)
            return
        result.data = data
        result.name_key = child.name_key
        age = self.today.year - data.birth_date.year
        if (self.today.month, self.today.day) < (data.birth_date.month, data.birth_date.day):
            age -= 1
        if age >= CHILD_AGE_LIMIT:
            result.warning(
                "birth_date",
                _(
                    "Theo ngày sinh, trẻ đã %(age)s tuổi (từ 16 tuổi không còn là trẻ em); "
                    "hãy kiểm tra lại."
                )
                % {"age": age},
            )

    def _birth_date(self, result: CheckedRow, value: object) -> tuple[dt.date, str] | None:
        if value is None:
            result.error("birth_date", _("Thiếu ngày sinh."))
            return None
        try:
            return parse_date(value)
        except DateValueError as exc:
            result.error("birth_date", str(exc))
            return None

    def _sex(self, result: CheckedRow, value: object) -> str | None:
        if value is None:
            result.error("sex", _("Thiếu giới tính."))
            return None
        sex = SEX_WORDS.get(search_key(str(value)))
        if sex is None:
            result.error(
                "sex",
                _("Giới tính phải ghi «Nam» hoặc «Nữ» (đang ghi «%(value)s»).") % {"value": value},
            )
        return sex

    def _village(self, result: CheckedRow, value: object) -> AdminUnit | None:
        name = _text(value)
        if not name:
            return None
        village = self.villages.find(name)
        if village is None:
            known = ", ".join(self.villages.names[:15])
            result.error(
                "village",
                _(
                    "Không tìm thấy thôn, tổ dân phố «%(value)s» trong %(commune)s. "
                    "Các thôn, tổ dân phố có trong hệ thống: %(known)s."
                )
                % {"value": name, "commune": self.commune.name, "known": known or "—"},
            )
        return village

    def _commune(self, result: CheckedRow, value: object) -> None:
        name = _text(value)
        if name and _unit_key(name) != self.commune_key:
            result.error(
                "commune",
                _("Xã, phường «%(value)s» khác với xã, phường đang nhập (%(commune)s).")
                % {"value": name, "commune": self.commune.name},
            )

    def _flag(self, result: CheckedRow, column: str, value: object) -> bool:
        word = search_key(str(value)) if value is not None else ""
        if word in YES_WORDS:
            return True
        if word not in NO_WORDS:
            result.error(
                column,
                _("Cột «%(column)s» chỉ ghi x (có) hoặc để trống (đang ghi «%(value)s»).")
                % {"column": BY_KEY[column].header, "value": value},
            )
        return False

    def _choice(self, result: CheckedRow, column: str, value: object, notes: list[str]) -> str:
        text = _text(value)
        if not text:
            return ""
        words = self.living_words if column == "living_situation" else self.marital_words
        found = words.get(search_key(text))
        if found is None:
            header = BY_KEY[column].header
            result.warning(
                column,
                _("Không nhận ra «%(value)s»; sẽ ghi «Khác» / «Không rõ» và chép vào ghi chú.")
                % {"value": text},
            )
            notes.append(f"{header}: {text}")
            return LivingSituation.OTHER if column == "living_situation" else ""
        return found

    def _parent(
        self, result: CheckedRow, name_column: str, year_column: str, v: dict[str, object]
    ) -> ParentData | None:
        name = _text(v.get(name_column))
        year_value = v.get(year_column)
        year: int | None = None
        if year_value is not None:
            year = _year(year_value)
            if year is None or not 1900 <= year <= self.today.year:
                result.error(
                    year_column,
                    _("Năm sinh «%(value)s» không hợp lệ; hãy ghi năm có 4 chữ số, ví dụ 1988.")
                    % {"value": year_value},
                )
                return None
        if not name:
            if year is not None:
                result.warning(
                    year_column, _("Có năm sinh nhưng thiếu họ tên; năm sinh bị bỏ qua.")
                )
            return None
        # The registry's own field checks (what family_member_add saves), field by field:
        # building a Person for each parent of each row would cost more than the check.
        try:
            for field_name, value in (("full_name", name), ("birth_year", year)):
                Person._meta.get_field(field_name).clean(value, None)  # type: ignore[union-attr]
        except ValidationError as exc:
            for message in exc.messages:
                result.error(name_column, message)
            return None
        return ParentData(full_name=name, birth_year=year)

    # Batch checks against the registry and the rest of the file ---------------------------

    def _check_registry(self, rows: list[CheckedRow]) -> None:
        ready = [r for r in rows if r.data is not None and not r.has_errors]
        if not ready:
            return
        names = {r.name_key for r in ready}
        dates = {r.data.birth_date for r in ready if r.data}
        existing = set(
            Child.objects.filter(
                commune=self.commune,
                archived_at__isnull=True,
                name_key__in=names,
                birth_date__in=dates,
            ).values_list("name_key", "birth_date")
        )
        pids = {r.data.personal_id.replace(" ", "") for r in ready if r.data and r.data.personal_id}
        taken = {
            pid: (name_key, birth, commune_id)
            for pid, name_key, birth, commune_id in Child.objects.filter(
                personal_id__in=pids, archived_at__isnull=True
            ).values_list("personal_id", "name_key", "birth_date", "commune_id")
        }
        for row in ready:
            assert row.data is not None
            key = (row.name_key, row.data.birth_date)
            if key in existing:
                row.skip = True
                row.warning(
                    "full_name",
                    _(
                        "Trẻ này đã có trong sổ theo dõi của xã (cùng họ tên và ngày sinh); "
                        "dòng này sẽ được bỏ qua."
                    ),
                )
                continue
            pid = row.data.personal_id.replace(" ", "")
            if pid in taken and taken[pid] != (*key, self.commune.pk):
                row.error(
                    "personal_id",
                    _("Số định danh này đã có trong sổ theo dõi (có thể trùng hồ sơ)."),
                )

    def _check_file(self, rows: list[CheckedRow]) -> None:
        for row in rows:
            if row.data is None or row.has_errors:
                continue
            key = (row.name_key, row.data.birth_date)
            first = self.seen_keys.setdefault(key, row.number)
            if first != row.number and not row.skip:
                row.skip = True
                row.warning(
                    "full_name",
                    _(
                        "Trùng với dòng %(row)s trong tệp (cùng họ tên và ngày sinh); "
                        "dòng này sẽ được bỏ qua."
                    )
                    % {"row": first},
                )
                continue
            pid = row.data.personal_id.replace(" ", "")
            if pid and not row.skip:
                first_pid = self.seen_pids.setdefault(pid, row.number)
                if first_pid != row.number:
                    row.error(
                        "personal_id",
                        _("Số định danh trùng với dòng %(row)s trong tệp.") % {"row": first_pid},
                    )

    def _check_dedup(self, rows: list[CheckedRow]) -> None:
        """`dedup.duplicate_candidates(limit=3)` for every row of the batch, with the same
        blocks, scope and scoring, in one statement for the blocks of all rows and one for
        the candidates they name."""
        ready: list[tuple[CheckedRow, Probe]] = []
        for row in rows:
            if not row.importable or row.data is None:
                continue
            data = row.data
            probe = Probe(
                full_name=data.full_name,
                birth_date=data.birth_date,
                birth_precision=data.birth_precision,
                sex=data.sex,
                commune=data.commune,
                village=data.village,
                personal_id=data.personal_id,
                mother_name=row.mother.full_name if row.mother else "",
                father_name=row.father.full_name if row.father else "",
            )
            ready.append((row, probe))
        if not ready:
            return
        if self.area_ids is None:
            self.area_ids = related_commune_ids(self.commune)
        keys = [probe_keys(probe, self.area_ids) for _row, probe in ready]
        found = candidate_ids(viewer=self.viewer, probes=keys, area_ids=self.area_ids)
        pks = set().union(*found.values()) if found else set()
        by_pk = {
            match.pk: match
            for match in map(
                _MatchRow._make,
                Child.objects.filter(pk__in=pks).values_list(*_MatchRow._fields),
            )
        }
        for index, (row, _probe) in enumerate(ready):
            scored = []
            for pk in found.get(index, ()):
                if (match := by_pk.get(pk)) is None:
                    continue  # archived meanwhile
                score, flags = _assess_flags(keys[index], match)
                label = label_for(score, flags)
                if label is not None:
                    scored.append((-score, pk, label))
            scored.sort()
            for _neg, pk, label in scored[:DEDUP_LIMIT]:
                if label != MatchLabel.LIKELY_DUPLICATE:
                    continue
                child = by_pk[pk]
                place = child.village__name or ""
                row.warning(
                    "full_name",
                    _(
                        "Có thể trùng với trẻ đã có: %(name)s, sinh %(date)s%(place)s. Dòng này "
                        "vẫn được nhập; hãy kiểm tra và gộp hồ sơ nếu là cùng một trẻ."
                    )
                    % {
                        "name": child.full_name,
                        "date": child.birth_date.strftime("%d/%m/%Y"),
                        "place": f", {place}" if place else "",
                    },
                )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return normalize_text(str(value))


def _personal_id(value: object) -> str:
    """Excel drops the leading 0 when an identity number was typed as a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        return digits.zfill(12) if len(digits) == 11 else digits
    return _text(value).replace(" ", "")


def _year(value: object) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else None
    if isinstance(value, dt.date):
        return value.year
    text = _text(value)
    return int(text) if text.isdigit() and len(text) == 4 else None
