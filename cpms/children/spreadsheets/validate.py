"""Checking the rows of a child-monitoring book, with messages in plain Vietnamese.

Each row is parsed into the registry's own `ChildData` and put through the same checks the
registry applies when a child is registered (`services._apply`, the model's field checks), so
an import never has rules of its own. Checks that need the database run once per batch:
children already in the registry (same name and date of birth in the commune: the row is
skipped, which is what makes an import idempotent), identity numbers already used, rows
repeated within the file, and likely duplicates (`duplicates.py`). Reading cell values is in
`cells.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cpms.accounts.scope import AnyUser
from cpms.core.bulk import fetch_bound
from cpms.core.text import search_key
from cpms.geography.models import AdminUnit

from ..choices import LivingSituation, ParentsMarital
from ..dedup import related_commune_ids
from ..models import Person
from ..names import name_keys
from ..services import ChildData, _apply, check_new_child, new_child
from .cells import (
    DateValueError,
    VillageIndex,
    parse_date,
    personal_id_of,
    text_of,
    unit_key,
    year_of,
)
from .checked import CheckedRow, ParentData
from .columns import BY_KEY, NO_WORDS, SEX_WORDS, YES_WORDS, choice_words
from .duplicates import DuplicateLookup, look_up_duplicates, warn_found_duplicates
from .reader import SheetRow

# Model fields not checked per row: relations (checked here against the commune's units)
# and values the services compute.
_FIELD_COLUMN = {"name_key": "full_name", "given_key": "full_name", "family_key": "full_name"}
CHILD_AGE_LIMIT = 16  # Luật Trẻ em: a child is a person under 16


Taken = dict[str, tuple[str, dt.date, int]]


@dataclass
class Lookups:
    """What the database says of a batch (`BookChecker.look_up`)."""

    existing: set[tuple[str, dt.date]]
    taken: Taken
    duplicates: DuplicateLookup | None


class BookChecker:
    """Checks rows batch by batch, remembering what it saw earlier in the same file."""

    def __init__(self, *, commune: AdminUnit, viewer: AnyUser, importing: bool = False) -> None:
        """`importing`: the rows were checked before; the registry's service checks them
        again as it saves them, so only what decides which rows to save runs here (rows
        already in the registry or earlier in the file). No duplicate search."""
        self.commune = commune
        self.viewer = viewer
        self.villages = VillageIndex(commune)
        self.commune_key = unit_key(commune.name)
        self.importing = importing
        self.seen_keys: dict[tuple[str, dt.date], int] = {}
        self.seen_pids: dict[str, int] = {}
        self.living_words = choice_words(LivingSituation)
        self.marital_words = choice_words(ParentsMarital)
        self.today = timezone.localdate()
        self.area_ids: set[int] | None = None  # communes related by the 2025 reorganisation

    def check(self, rows: Sequence[SheetRow]) -> list[CheckedRow]:
        checked = self.check_rows(rows)
        return self.conclude(checked, self.look_up(checked))

    def check_rows(self, rows: Sequence[SheetRow]) -> list[CheckedRow]:
        """Each row on its own (no database)."""
        return [self.check_row(row) for row in rows]

    def look_up(self, rows: list[CheckedRow]) -> Lookups:
        """The queries of a batch's checks, and nothing else: `validate_file` runs them
        beside the next batch's reading (`pipeline.Beside`)."""
        ready = [r for r in rows if r.data is not None and not r.has_errors]
        existing, taken = self._registry(ready)
        duplicates = None
        if not self.importing:
            if self.area_ids is None:
                self.area_ids = related_commune_ids(self.commune)
            duplicates = look_up_duplicates(rows, viewer=self.viewer, area_ids=self.area_ids)
        return Lookups(existing, taken, duplicates)

    def conclude(self, rows: list[CheckedRow], found: Lookups) -> list[CheckedRow]:
        """The batch's checks against the registry and the rest of the file, from what
        `look_up` found. Batches are concluded in order."""
        self._check_registry(rows, found)
        self._check_file(rows)
        if found.duplicates is not None:
            warn_found_duplicates(found.duplicates)
        return rows

    def recheck(self, rows: list[CheckedRow]) -> list[CheckedRow]:
        """Rows checked earlier (`staged.py`), looked at again for what may have changed
        since: children registered meanwhile, and rows repeated earlier in the file."""
        ready = [r for r in rows if r.data is not None and not r.has_errors]
        self._check_registry(rows, Lookups(*self._registry(ready), None))
        self._check_file(rows)
        return rows

    # One row, no database --------------------------------------------------------------

    def check_row(self, row: SheetRow) -> CheckedRow:
        result = CheckedRow(number=row.number)
        v = row.values
        name = text_of(v.get("full_name"))
        if not name:
            result.error("full_name", _("Thiếu họ và tên trẻ."))
        birth = self._birth_date(result, v.get("birth_date"))
        sex = self._sex(result, v.get("sex"))
        village = self._village(result, v.get("village"))
        self._commune(result, v.get("commune"))
        out_of_school = self._flag(result, "out_of_school", v.get("out_of_school"))
        notes = [text_of(v.get("notes"))]
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
            ethnicity=text_of(v.get("ethnicity")) or "Kinh",
            personal_id=personal_id_of(v.get("personal_id")),
            birth_certificate_no=text_of(v.get("birth_certificate_no")),
            address=text_of(v.get("address")),
            school=text_of(v.get("school")),
            school_class=text_of(v.get("school_class")),
            out_of_school=out_of_school,
            disability=text_of(v.get("disability")),
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
        child = new_child()
        try:
            _apply(child, data, today=self.today)
            check_new_child(child)
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
        name = text_of(value)
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
        name = text_of(value)
        if name and unit_key(name) != self.commune_key:
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
        text = text_of(value)
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
        name = text_of(v.get(name_column))
        year_value = v.get(year_column)
        year: int | None = None
        if year_value is not None:
            year = year_of(year_value)
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

    def _registry(self, ready: list[CheckedRow]) -> tuple[set[tuple[str, dt.date]], Taken]:
        """Children of the commune with a ready row's name key and date of birth, and the
        children holding a ready row's identity number."""
        if not ready:
            return set(), {}
        # By (given name, date of birth) pairs, on their index: a few rows per pair, where
        # the commune's children born on any of the batch's dates are thousands.
        pairs = {(r.name_key, r.data.birth_date) for r in ready if r.data}
        existing = set(
            fetch_bound(
                "SELECT c.name_key, c.birth_date"
                " FROM unnest(%s::text[], %s::text[], %s::date[]) AS p(name_key, given, day)"
                " JOIN children_child c ON c.given_key = p.given AND c.birth_date = p.day"
                " AND c.name_key = p.name_key"
                " WHERE c.commune_id = %s AND c.archived_at IS NULL",
                [
                    [name_key for name_key, _day in pairs],
                    [name_key.rsplit(" ", 1)[-1] for name_key, _day in pairs],
                    [day for _name_key, day in pairs],
                    self.commune.pk,
                ],
            )
        )
        pids = {r.data.personal_id.replace(" ", "") for r in ready if r.data and r.data.personal_id}
        taken = {
            pid: (name_key, birth, commune_id)
            for pid, name_key, birth, commune_id in (
                fetch_bound(
                    "SELECT personal_id, name_key, birth_date, commune_id FROM children_child"
                    " WHERE personal_id = ANY(%s) AND archived_at IS NULL",
                    [list(pids)],
                )
                if pids
                else []
            )
        }
        return existing, taken

    def _check_registry(self, rows: list[CheckedRow], found: Lookups) -> None:
        ready = [r for r in rows if r.data is not None and not r.has_errors]
        existing, taken = found.existing, found.taken
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
