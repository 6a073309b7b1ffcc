from __future__ import annotations

import datetime as dt

from cpms.children.choices import Relationship, Sex
from cpms.children.dedup import MatchLabel, Probe, duplicate_candidates
from cpms.children.services import family_member_add
from cpms.children.spreadsheets.reader import SheetRow
from cpms.children.spreadsheets.validate import BookChecker
from cpms.children.tests.factories import make_child


def sheet_row(number, **values):
    base: dict[str, object] = {
        "full_name": "Nguyễn Thị Lan",
        "birth_date": "14/03/2015",
        "sex": "Nữ",
    }
    base.update(values)
    return SheetRow(number=number, values=base)


def expected_warnings(world, checked):
    """What the per-row path (duplicate_candidates, limit 3) says about each row."""
    out = {}
    for row in checked:
        if not row.importable:
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
        found = duplicate_candidates(viewer=world.personas["worker"], probe=probe, limit=3)
        out[row.number] = [
            (c.child.full_name, c.child.birth_date)
            for c in found
            if c.label == MatchLabel.LIKELY_DUPLICATE
        ]
    return out


def test_batched_duplicate_check_warns_like_duplicate_candidates(world):
    lan = make_child(world)
    family_member_add(
        actor=None, child=lan, full_name="Trần Thị Hoa", relationship=Relationship.MOTHER
    )
    make_child(world, full_name="Huỳnh Văn Nam", birth_date=dt.date(2014, 12, 30), sex=Sex.MALE)
    make_child(world, full_name="Lê Minh Châu", birth_date=dt.date(2016, 1, 2), sex=Sex.MALE)
    rows = [
        sheet_row(2, full_name="Nguyen Thi Lan", birth_date="15/03/2015", village="TDP 1"),
        sheet_row(3, full_name="Nguyễn Lan", birth_date="03/2015", mother_name="Trần Thị Hoa"),
        sheet_row(4, full_name="Hoàng Văn Nam", birth_date="02/01/2015", sex="Nam"),
        sheet_row(5, full_name="Lê Minh Chau", birth_date="01/02/2016", sex="Nam"),
        sheet_row(6, full_name="Phạm Văn Khoa", birth_date="01/02/2016", sex="Nam"),
        sheet_row(7, full_name="Nguyễn Thị Lành", birth_date="14/03/2015", sex="Nữ"),
    ]
    checker = BookChecker(commune=world.commune_a, viewer=world.personas["worker"])
    checked = checker.check(rows)
    expected = expected_warnings(world, checked)
    assert any(expected.values())  # the rows do find likely duplicates
    for row in checked:
        if row.number not in expected:
            continue
        warned = [i.message for i in row.issues if i.message.startswith("Có thể trùng")]
        assert len(warned) == len(expected[row.number]), row.number
        for message, (name, birth) in zip(warned, expected[row.number], strict=True):
            assert message.startswith(
                f"Có thể trùng với trẻ đã có: {name}, sinh {birth.strftime('%d/%m/%Y')}"
            )
            assert message.endswith(
                "Dòng này vẫn được nhập; hãy kiểm tra và gộp hồ sơ nếu là cùng một trẻ."
            )


def test_batched_duplicate_check_names_the_village(world):
    make_child(world)  # Nguyễn Thị Lan, 14/03/2015, Tổ dân phố 1
    checker = BookChecker(commune=world.commune_a, viewer=world.personas["worker"])
    (row,) = checker.check([sheet_row(2, full_name="Nguyễn Thị Lan", birth_date="15/03/2015")])
    assert [i.message for i in row.issues] == [
        "Có thể trùng với trẻ đã có: Nguyễn Thị Lan, sinh 14/03/2015, Tổ dân phố 1. Dòng này "
        "vẫn được nhập; hãy kiểm tra và gộp hồ sơ nếu là cùng một trẻ."
    ]
