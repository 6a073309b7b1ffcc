"""Risk items rated Cao / Trung bình / Thấp (legal-forms.md, Mẫu 06 table 1(a)).

The three harm items are printed on Mẫu 06. The capacity items of table 1(b) were not seen and
the bodies of Mẫu 02 and 03 are unknown (title only): the capacity items below are inferred
from the 1(b) heading and used for every form until the official lists are loaded. The forms
give no rule that turns the counts into one level, so the worker chooses the overall level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from .choices import RiskLevel

RISK_ITEMS: tuple[tuple[str, StrPromise], ...] = (
    ("harm_severity", _("Mức độ tổn hại của trẻ em có nghiêm trọng không")),
    ("abuser_access", _("Khả năng tiếp cận trẻ em của đối tượng xâm hại")),
    (
        "care_obstacles",
        _("Những trở ngại trong môi trường chăm sóc đối với việc bảo đảm an toàn cho trẻ em"),
    ),
    # Inferred (Mẫu 06 1(b) heading): to be replaced by the official items.
    ("self_protection", _("Khả năng tự bảo vệ của trẻ em")),
    ("recovery", _("Khả năng phục hồi của trẻ em")),
)
RISK_CODES = tuple(code for code, _label in RISK_ITEMS)


def risk_counts(ratings: Mapping[str, str]) -> dict[str, int]:
    """The "Tổng số" row: how many items were rated at each level."""
    counts = Counter(ratings.values())
    return {
        "high_count": counts[RiskLevel.HIGH],
        "medium_count": counts[RiskLevel.MEDIUM],
        "low_count": counts[RiskLevel.LOW],
    }


def risk_rows(ratings: Mapping[str, str]) -> list[tuple[StrPromise, str]]:
    labels = dict(RiskLevel.choices)
    return [(label, str(labels.get(ratings.get(code, ""), "—"))) for code, label in RISK_ITEMS]
