"""A small, believable registry for the Quảng Ngãi demo (idempotent; invented people)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from cpms.accounts.models import User
from cpms.geography.demo import DemoGeography

from .choices import ParentsMarital, Relationship, Sex
from .circumstances import circumstance_add
from .models import Child, SpecialCircumstanceGroup
from .screening import child_screen
from .services import ChildData, child_register, family_member_add

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ"]
GIRLS = ["Thị Lan", "Thị Hoa", "Ngọc Anh", "Thị Mai", "Bảo Trâm", "Thị Thu", "Gia Hân"]
BOYS = ["Văn Minh", "Văn Đức", "Minh Khang", "Quốc Bảo", "Văn Tâm", "Gia Huy", "Văn Nam"]
MOTHERS = ["Thị Hương", "Thị Nga", "Thị Phượng", "Thị Yến"]
FATHERS = ["Văn Hùng", "Văn Long", "Văn Sơn", "Văn Tài"]


@transaction.atomic
def seed_demo_children(geo: DemoGeography, *, worker: User) -> int:
    """About 40 children in Nghĩa Lộ and An Phú, with families, a few special circumstances,
    screenings, a likely duplicate and a pair of twins. Does nothing when children exist."""
    if Child.objects.exists():
        return 0
    rng = random.Random(2023)  # noqa: S311 - demo data, not security
    made = 0
    for commune_name in ("Phường Nghĩa Lộ", "Xã An Phú"):
        commune = geo.communes[commune_name]
        for village in geo.villages[commune_name]:
            for _ in range(6):
                family = rng.choice(FAMILY)
                sex = rng.choice([Sex.FEMALE, Sex.MALE])
                given = rng.choice(GIRLS if sex == Sex.FEMALE else BOYS)
                child = child_register(
                    actor=worker,
                    data=ChildData(
                        full_name=f"{family} {given}",
                        birth_date=dt.date(
                            rng.randint(2009, 2023), rng.randint(1, 12), rng.randint(1, 28)
                        ),
                        sex=sex,
                        commune=commune,
                        village=village,
                        parents_marital=rng.choice(
                            [ParentsMarital.MARRIED] * 6
                            + [ParentsMarital.DIVORCED, ParentsMarital.SEPARATED]
                        ),
                    ),
                )
                family_member_add(
                    actor=worker,
                    child=child,
                    relationship=Relationship.MOTHER,
                    full_name=f"{rng.choice(FAMILY)} {rng.choice(MOTHERS)}",
                    works_far_away=rng.random() < 0.15,
                )
                family_member_add(
                    actor=worker,
                    child=child,
                    relationship=Relationship.FATHER,
                    full_name=f"{family} {rng.choice(FATHERS)}",
                    works_far_away=rng.random() < 0.2,
                )
                made += 1
    _seed_special_cases(geo, worker)
    for child in Child.objects.order_by("pk")[::3]:
        child_screen(actor=worker, child=child)
    return made


def _seed_special_cases(geo: DemoGeography, worker: User) -> None:
    commune = geo.communes["Phường Nghĩa Lộ"]
    village = geo.villages["Phường Nghĩa Lộ"][1]
    for given in ("Khang", "Khôi"):  # twins: same mother and birth date
        twin = child_register(
            actor=worker,
            data=ChildData(
                full_name=f"Phạm Minh {given}",
                sex=Sex.MALE,
                commune=commune,
                village=village,
                birth_date=dt.date(2014, 6, 2),
            ),
        )
        family_member_add(
            actor=worker, child=twin, relationship=Relationship.MOTHER, full_name="Trần Thị Hương"
        )
    # The same girl typed twice, once without diacritics: the duplicate panel shows it.
    for name in ("Đặng Thị Ngọc Ánh", "Dang Thi Ngoc Anh"):
        child_register(
            actor=worker,
            data=ChildData(
                full_name=name,
                sex=Sex.FEMALE,
                commune=commune,
                village=village,
                birth_date=dt.date(2012, 9, 21),
                parents_marital=ParentsMarital.DIVORCED,
            ),
        )
    orphan = child_register(
        actor=worker,
        data=ChildData(
            full_name="Lê Văn Tâm",
            sex=Sex.MALE,
            commune=commune,
            village=village,
            birth_date=dt.date(2011, 3, 8),
            living_situation="grandparents",
        ),
    )
    group = SpecialCircumstanceGroup.objects.filter(code="a.3").first()
    if group is not None:
        circumstance_add(
            actor=worker,
            child=orphan,
            group=group,
            from_date=dt.date(2020, 5, 1),
            evidence="Giấy chứng tử của cha mẹ",
        )
