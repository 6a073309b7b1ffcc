"""A realistic children registry for benchmarks, loaded with PostgreSQL COPY.

`generate(n, seed)` fills children_child, children_person and children_familylink of the
benchmark database (which it owns: it truncates them, and with CASCADE whatever refers to
them) with `n` children of the Quảng Ngãi demo geography:

- names with the real surname mix (Nguyễn 38 %, Trần 11 %, Lê 9.5 %, …), middle names by sex
  (Thị, Văn, Ngọc, Minh, Gia, Bảo, …, sometimes two or none), given names by sex with a
  long-tailed frequency;
- households of 1–4 children in one unit (2025 communes and their villages, and 15 % in
  communes that ended on 30/06/2025, whose records were never moved), with a mother (97 %)
  and a father (92 %) shared by the siblings; children take the father's family name;
- births 2008–2025 spaced 15–60 months within a family; 0.5 % of births are twins (same
  parents and day, another given name), so about 1 % of children are twins;
- 3.5 % of birth dates known only by month or year; personal ID numbers (province 051, the
  century/sex digit and year digits of Circular 59/2021) for most children born since 2016
  and about half of the older ones.

Every key column is computed as the services compute it (cpms.children.names.name_keys,
cpms.core.text.search_key). Ground truth the services do not keep (household number, the
twin, the parents' names as typed) goes to the table bench_child_truth; the table
bench_dataset records what was generated, so a second call with the same n and seed does
nothing. Deterministic for a given seed (uids included).
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import itertools
import json
import random
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from cpms.children.names import name_keys
from cpms.core.text import search_key
from cpms.geography.demo import seed_demo_geography

GENERATOR_VERSION = 2
FIRST_BIRTH = dt.date(2008, 1, 1)
LAST_BIRTH = dt.date(2025, 12, 31)


def _words(text: str) -> list[str]:
    return text.split()


SURNAMES: dict[str, float] = {
    "Nguyễn": 38.0, "Trần": 11.0, "Lê": 9.5, "Phạm": 7.0, "Hoàng": 2.2, "Huỳnh": 2.8,
    "Phan": 4.5, "Vũ": 1.4, "Võ": 2.6, "Đặng": 2.0, "Bùi": 2.0, "Đỗ": 1.4, "Hồ": 1.3,
    "Ngô": 1.3, "Dương": 1.0, "Lý": 0.5, "Trương": 1.1, "Đinh": 0.7, "Đoàn": 0.6,
    "Trịnh": 0.5, "Lương": 0.5, "Đào": 0.5, "Mai": 0.4, "Cao": 0.4, "Hà": 0.4, "Lâm": 0.3,
    "Lưu": 0.3, "Châu": 0.3, "Tạ": 0.2, "Triệu": 0.2, "Thái": 0.2, "Chu": 0.2, "Tô": 0.2,
    "Phùng": 0.2, "Vương": 0.2, "Nông": 0.1, "Kiều": 0.1, "Quách": 0.1, "Thân": 0.1,
    "Tăng": 0.1, "La": 0.1, "Lục": 0.1, "Mạc": 0.05, "Văn": 0.3, "Khổng": 0.05,
}  # fmt: skip

FEMALE_MIDDLE: dict[str, float] = {
    "Thị": 28, "Ngọc": 9, "Minh": 6, "Bảo": 6, "Thanh": 5, "Khánh": 5, "Phương": 4, "Thu": 3,
    "Hoài": 3, "Mỹ": 3, "Kim": 3, "Gia": 3, "Quỳnh": 3, "Thùy": 3, "Diệu": 2, "Hà": 2,
    "Tường": 2, "Yến": 2, "Như": 2, "Cẩm": 2, "Hồng": 3, "Thảo": 2, "Bích": 1, "Hải": 1,
    "Tuệ": 2, "An": 1, "Tú": 1, "Uyên": 1,
}  # fmt: skip
MALE_MIDDLE: dict[str, float] = {
    "Văn": 24, "Minh": 10, "Đức": 6, "Gia": 6, "Bảo": 6, "Quốc": 5, "Hoàng": 4, "Thanh": 4,
    "Anh": 4, "Hữu": 4, "Công": 3, "Tuấn": 3, "Trung": 2, "Xuân": 2, "Nhật": 3, "Đăng": 3,
    "Thành": 2, "Phúc": 2, "Tấn": 3, "Duy": 3, "Quang": 3, "Hải": 2, "Khánh": 2, "Trọng": 2,
    "Thiện": 1, "Ngọc": 1, "Đình": 2, "Thế": 1,
}  # fmt: skip
# Most frequent first; the weight of the i-th name is 1/sqrt(i+1).
FEMALE_GIVEN = _words(
    "Anh Linh Ngọc Hân Vy Nhi Thư Trang My Hương Thảo Trâm Chi An Như Uyên Ngân Hà Phương "
    "Quỳnh Yến Mai Lan Giang Huyền Hằng Nhung Thủy Hạnh Hoa Diệp Hiền Oanh Tiên Xuân Vân Ly "
    "Châu Khánh Tâm Thanh Thúy Trinh Tuyết Ánh Bích Dung Duyên Hảo Kim Liên Nguyệt Nhàn Phượng "
    "Quyên Sương Thắm Trúc Vi Đan Nhiên Hòa Loan Nga Thơ Diệu Băng Ngà Lam Tú Hồng Thu Lụa "
    "Mơ Nhạn Thoa Xuyến"
)
MALE_GIVEN = _words(
    "Anh Huy Minh Khang Bảo Phúc Nam Long Khôi Quân Đức Hùng Dũng Tuấn Khoa Hải Hiếu Lâm "
    "Lộc Nhân Phong Quang Sơn Tài Thắng Thành Thịnh Tiến Trí Trung Tùng Việt Vinh Vũ An Bình "
    "Cường Đạt Duy Hào Hậu Hưng Kiên Kiệt Luân Nghĩa Nguyên Phát Quý Tâm Thái Thiện Toàn "
    "Trọng Tú Đăng Đông Định Hoàng Khải Khiêm Lực Mạnh Nhật Phi Quyết Sang Tín Tường Vĩ Thuận "
    "Hòa Lợi Chiến"
)
MOTHER_GIVEN = _words(
    "Hoa Lan Hương Thu Hạnh Nga Hằng Lý Yến Mai Hồng Liên Loan Phượng Thủy Tuyết Dung Hiền "
    "Nhung Trang Thảo Hà Vân Lệ Xuân Tâm Thúy Oanh Bích Diệu Ngọc Phương Sen Cúc Huệ Thắm Nguyệt"
)
FATHER_GIVEN = _words(
    "Hùng Dũng Tuấn Bình Hải Sơn Thắng Cường Long Nam Quang Trung Minh Hòa Tâm Thành Phong "
    "Toàn Tùng Vinh Hiếu Lợi Phúc Tài Thanh Đức Hưng Khánh Lâm Nghĩa Tấn Tiến Việt Chính Dương"
)
ETHNICITIES = {"Kinh": 96.0, "Hrê": 3.0, "Co": 0.7, "Xơ Đăng": 0.3}
LIVING = {
    "both_parents": 80.0, "one_parent": 10.0, "grandparents": 7.0, "relatives": 2.0,
    "facility": 0.5, "other": 0.5,
}  # fmt: skip
MARITAL = {"married": 78.0, "divorced": 5.0, "separated": 2.0, "widowed": 2.0, "unknown": 13.0}
FAMILY_SIZES = {1: 35.0, 2: 40.0, 3: 18.0, 4: 7.0}
TWIN_BIRTHS = 0.005
SHARE_IN_LEGACY_COMMUNES = 0.15
SHARE_WITH_VILLAGE = 0.7


class Picker:
    """Weighted choice by bisection on cumulative weights (fast, deterministic)."""

    def __init__(self, weights: dict[str, float] | dict[int, float] | Sequence[str]) -> None:
        if isinstance(weights, dict):
            self.items: list[object] = list(weights)
            values = list(weights.values())
        else:
            self.items = list(weights)
            values = [1 / (i + 1) ** 0.5 for i in range(len(self.items))]
        self.cum = list(itertools.accumulate(values))

    def __call__(self, rng: random.Random) -> object:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


SURNAME = Picker(SURNAMES)
MIDDLE = {"female": Picker(FEMALE_MIDDLE), "male": Picker(MALE_MIDDLE)}
GIVEN = {"female": Picker(FEMALE_GIVEN), "male": Picker(MALE_GIVEN)}
MOTHER_NAME, FATHER_NAME = Picker(MOTHER_GIVEN), Picker(FATHER_GIVEN)
ETHNICITY, LIVING_SITUATION = Picker(ETHNICITIES), Picker(LIVING)
PARENTS_MARITAL, FAMILY_SIZE = Picker(MARITAL), Picker(FAMILY_SIZES)


@dataclass(frozen=True)
class Place:
    commune_id: int
    village_id: int | None
    path: str
    legacy: bool


def places() -> tuple[list[Place], list[Place]]:
    """(places of 2025 communes, places of legacy communes), villages included."""
    geo = seed_demo_geography()
    current: list[Place] = []
    for name, commune in geo.communes.items():
        current.append(Place(commune.pk, None, commune.path, False))
        current += [Place(commune.pk, v.pk, v.path, False) for v in geo.villages.get(name, [])]
    legacy: list[Place] = []
    for name, commune in geo.legacy_communes.items():
        legacy.append(Place(commune.pk, None, commune.path, True))
        legacy += [Place(commune.pk, v.pk, v.path, True) for v in geo.legacy_villages.get(name, [])]
    return current, legacy


def _pick_place(rng: random.Random, current: list[Place], legacy: list[Place]) -> Place:
    pool = legacy if rng.random() < SHARE_IN_LEGACY_COMMUNES else current
    communes = sorted({p.commune_id for p in pool})
    commune = communes[rng.randrange(len(communes))]
    options = [p for p in pool if p.commune_id == commune]
    villages = [p for p in options if p.village_id is not None]
    if villages and rng.random() < SHARE_WITH_VILLAGE:
        return villages[rng.randrange(len(villages))]
    return next(p for p in options if p.village_id is None)


def _person_name(rng: random.Random, family: str, sex: str) -> str:
    if sex == "female":
        middle = "Thị" if rng.random() < 0.7 else str(MIDDLE["female"](rng))
        return f"{family} {middle} {MOTHER_NAME(rng)}"
    middle = "Văn" if rng.random() < 0.5 else str(MIDDLE["male"](rng))
    return f"{family} {middle} {FATHER_NAME(rng)}"


def _child_name(rng: random.Random, family: str, sex: str, taken: set[str]) -> str:
    roll = rng.random()
    if roll < 0.02:
        middles = []
    elif roll < 0.12:
        first = str(MIDDLE[sex](rng))
        middles = [first, next(m for m in iter(lambda: str(MIDDLE[sex](rng)), "") if m != first)]
    else:
        middles = [str(MIDDLE[sex](rng))]
    while True:  # siblings and twins never share a given name (not even without diacritics)
        given = str(GIVEN[sex](rng))
        if search_key(given) not in taken:
            taken.add(search_key(given))
            return " ".join([family, *middles, given])


def _random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _personal_id(rng: random.Random, birth: dt.date, sex: str, used: set[str]) -> str:
    century_sex = (2 if birth.year >= 2000 else 0) + (1 if sex == "female" else 0)
    while True:
        value = f"051{century_sex}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"
        if value not in used:
            used.add(value)
            return value


@dataclass
class Rows:
    children: io.StringIO
    persons: io.StringIO
    links: io.StringIO
    truth: io.StringIO


def _line(values: Sequence[object]) -> str:
    out = []
    for value in values:
        if value is None:
            out.append("\\N")
        elif isinstance(value, bool):
            out.append("t" if value else "f")
        else:
            text = str(value)
            assert "\t" not in text and "\n" not in text and "\\" not in text
            out.append(text)
    return "\t".join(out) + "\n"


CHILD_COLUMNS = _words(
    "id uid created_at updated_at full_name name_key family_key family_canon given_key "
    "birth_date birth_precision birth_year sex ethnicity personal_id birth_certificate_no "
    "unit_path address school school_class out_of_school disability living_situation "
    "parents_marital mother_key father_key notes version commune_id village_id"
)
PERSON_COLUMNS = _words(
    "id uid created_at updated_at full_name name_key birth_year phone address occupation "
    "works_far_away"
)
LINK_COLUMNS = _words(
    "id uid created_at updated_at relationship is_guardian lives_with_child child_id person_id"
)
TRUTH_COLUMNS = _words("child_id family_no twin_id mother_name father_name legacy_unit")


def _families(n: int, seed: int, current: list[Place], legacy: list[Place]) -> Iterator[Rows]:
    """Households until n children, as COPY text in batches of about 20,000 children."""
    rng = random.Random(seed)
    now = timezone.now().isoformat()
    used_ids: set[str] = set()
    child_id = person_id = link_id = 0
    family_no = 0

    def uid() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    rows = Rows(io.StringIO(), io.StringIO(), io.StringIO(), io.StringIO())
    while child_id < n:
        family_no += 1
        place = _pick_place(rng, current, legacy)
        has_father = rng.random() < 0.92
        has_mother = rng.random() < 0.97 or not has_father
        father_family = str(SURNAME(rng))
        family = father_family if has_father else str(SURNAME(rng))
        parents: list[tuple[int, str, str, str]] = []  # (person id, relationship, name, key)
        births: list[dt.date] = []
        first = _random_date(rng, FIRST_BIRTH, LAST_BIRTH)
        size = int(FAMILY_SIZE(rng))  # type: ignore[call-overload]
        day = first
        for _ in range(size):
            if day > LAST_BIRTH:
                break
            births.append(day)
            if rng.random() < TWIN_BIRTHS:
                births.append(day)
            day = day + dt.timedelta(days=rng.randrange(15 * 30, 60 * 30))
        births = births[: n - child_id]
        for relationship, present, sex, surname in (
            ("mother", has_mother, "female", str(SURNAME(rng))),
            ("father", has_father, "male", father_family),
        ):
            if not present:
                continue
            person_id += 1
            name = _person_name(rng, surname, sex)
            parents.append((person_id, relationship, name, search_key(name)))
            year = first.year - rng.randint(18, 38)
            rows.persons.write(
                _line((person_id, uid(), now, now, name, search_key(name), year, "", "", "", False))
            )
        keys_of = {rel: key for _, rel, _, key in parents}
        names_of = {rel: name for _, rel, name, _ in parents}
        taken: set[str] = set()
        living, marital = str(LIVING_SITUATION(rng)), str(PARENTS_MARITAL(rng))
        previous: tuple[int, dt.date, str] | None = None
        truth: list[list[object]] = []
        for birth in births:
            child_id += 1
            twin = previous is not None and previous[1] == birth
            sex = previous[2] if twin and rng.random() < 0.6 else rng.choice(("male", "female"))
            assert previous is None or not twin or previous[0] == child_id - 1
            full_name = _child_name(rng, family, sex, taken)
            keys = name_keys(full_name)
            if not twin:  # twins are recorded alike
                roll = rng.random()
                precision, stored = "exact", birth
                if roll < 0.025:
                    precision, stored = "year", birth.replace(month=1, day=1)
                elif roll < 0.035:
                    precision, stored = "month", birth.replace(day=1)
            with_id = rng.random() < (0.75 if birth.year >= 2016 else 0.45)
            pid = _personal_id(rng, birth, sex, used_ids) if with_id else ""
            rows.children.write(
                _line(
                    (
                        child_id, uid(), now, now, full_name, keys.name_key, keys.family_key,
                        keys.family_canon, keys.given_key, stored, precision, stored.year, sex,
                        str(ETHNICITY(rng)), pid, "", place.path, "", "", "", False, "",
                        living, marital, keys_of.get("mother", ""), keys_of.get("father", ""),
                        "", 1, place.commune_id, place.village_id,
                    )
                )
            )  # fmt: skip
            for pid_, relationship, _name, _key in parents:
                link_id += 1
                rows.links.write(
                    _line(
                        (link_id, uid(), now, now, relationship, relationship == "mother", True,
                         child_id, pid_)
                    )
                )  # fmt: skip
            truth.append(
                [child_id, family_no, None, names_of.get("mother", ""),
                 names_of.get("father", ""), place.legacy]
            )  # fmt: skip
            if twin:
                truth[-1][2], truth[-2][2] = child_id - 1, child_id
            previous = (child_id, birth, sex)
        for row in truth:
            rows.truth.write(_line(row))
        if rows.children.tell() > 4_000_000:
            yield rows
            rows = Rows(io.StringIO(), io.StringIO(), io.StringIO(), io.StringIO())
    yield rows


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, definition) of the table's indexes that back no constraint."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i"
            " WHERE i.tablename = %s AND i.schemaname = current_schema() AND NOT EXISTS ("
            "  SELECT 1 FROM pg_constraint c"
            "  WHERE c.conindid = (quote_ident(i.indexname))::regclass"
            " )",
            [table],
        )
        return [(name, definition) for name, definition in cursor.fetchall()]


TRUTH_DDL = """
CREATE TABLE IF NOT EXISTS bench_dataset (
    name text PRIMARY KEY, scale integer NOT NULL, seed integer NOT NULL,
    version integer NOT NULL, generated_at timestamptz NOT NULL, info jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS bench_child_truth (
    child_id bigint PRIMARY KEY, family_no integer NOT NULL, twin_id bigint,
    mother_name text NOT NULL, father_name text NOT NULL, legacy_unit boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS bench_child_truth_twin ON bench_child_truth (twin_id)
    WHERE twin_id IS NOT NULL;
"""
TABLES = {
    "children_child": CHILD_COLUMNS,
    "children_person": PERSON_COLUMNS,
    "children_familylink": LINK_COLUMNS,
    "bench_child_truth": TRUTH_COLUMNS,
}


def dataset_info(name: str = "children") -> dict[str, object] | None:
    """What generate() recorded for the current data, or None."""
    with connection.cursor() as cursor:
        cursor.execute(TRUTH_DDL)
        cursor.execute(
            "SELECT scale, seed, version, generated_at, info FROM bench_dataset WHERE name = %s",
            [name],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    scale, seed, version, generated_at, info = row
    info = json.loads(info) if isinstance(info, str) else info
    return {"scale": scale, "seed": seed, "version": version, "at": generated_at, **info}


def generate(n: int, seed: int) -> None:
    """Fill the registry with n children (nothing to do if n and seed were generated last)."""
    info = dataset_info()
    if info and (info["scale"], info["seed"], info["version"]) == (n, seed, GENERATOR_VERSION):
        return
    started = time.perf_counter()
    current, legacy = places()
    raw = connection.connection
    assert raw is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE children_child, children_person, children_familylink, bench_child_truth"
            " RESTART IDENTITY CASCADE"
        )
        cursor.execute("DELETE FROM bench_dataset WHERE name = 'children'")
        # Generated rows are not edits: no change-history rows, no trigger cost.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET synchronous_commit = off")
    dropped: list[tuple[str, str]] = []
    for table in TABLES:
        for index_name, definition in _secondary_indexes(table):
            with connection.cursor() as cursor:
                cursor.execute(f'DROP INDEX "{index_name}"')
            dropped.append((index_name, definition))
    counts = dict.fromkeys(TABLES, 0)
    with raw.cursor() as cursor:
        for batch in _families(n, seed, current, legacy):
            for table, buffer in zip(
                TABLES, (batch.children, batch.persons, batch.links, batch.truth), strict=True
            ):
                columns = ", ".join(TABLES[table])
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    copy.write(buffer.getvalue())
                counts[table] += buffer.getvalue().count("\n")
    loaded = time.perf_counter()
    with connection.cursor() as cursor:
        for _name, definition in dropped:
            cursor.execute(definition)
        for table in ("children_child", "children_person", "children_familylink"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT COALESCE(max(id), 1) FROM {table}))"
            )
            cursor.execute(f"ANALYZE {table}")
        cursor.execute("ANALYZE bench_child_truth")
        cursor.execute("SET session_replication_role = origin")
        info = {
            "rows": counts,
            "load_seconds": round(loaded - started, 1),
            "index_seconds": round(time.perf_counter() - loaded, 1),
        }
        cursor.execute(
            "INSERT INTO bench_dataset (name, scale, seed, version, generated_at, info)"
            " VALUES ('children', %s, %s, %s, now(), %s)",
            [n, seed, GENERATOR_VERSION, json.dumps(info)],
        )
