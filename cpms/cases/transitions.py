"""The Decree 56 procedure as an explicit state machine: every step, where it may start,
where it leads and the permission it needs. Only `services.case_transition` changes a case's
state, and only along this table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpms.accounts.permissions import Perm

from .choices import CaseState as S


@dataclass(frozen=True)
class Transition:
    code: str
    label: Promise
    sources: frozenset[S]
    target: S
    perm: Perm
    legal_basis: str


def _t(code: str, label: Promise, sources: set[S], target: S, perm: Perm, basis: str) -> Transition:
    return Transition(code, label, frozenset(sources), target, perm, basis)


D56 = "Nghị định 56/2017/NĐ-CP"
TRANSITIONS: dict[str, Transition] = {
    t.code: t
    for t in [
        _t(
            "initial_assess",
            _("Đánh giá nguy cơ ban đầu (Mẫu 02)"),
            {S.RECEIVED, S.REOPENED},
            S.INITIAL_ASSESSED,
            Perm.CASE_EDIT,
            f"{D56}, Điều 26",
        ),
        _t(
            "emergency_action",
            _("Can thiệp khẩn cấp"),
            {S.INITIAL_ASSESSED},
            S.EMERGENCY_ACTION,
            Perm.CASE_EDIT,
            f"{D56}, Điều 31",
        ),
        _t(
            "separate",
            _("Quyết định tạm thời cách ly (Mẫu 07)"),
            {S.INITIAL_ASSESSED, S.EMERGENCY_ACTION},
            S.TEMPORARY_SEPARATION,
            Perm.CASE_DECIDE_SEPARATION,
            f"{D56}, Điều 32",
        ),
        _t(
            "needs_assess",
            _("Đánh giá nguy cơ cụ thể, họp xác định nhu cầu (Mẫu 03)"),
            {S.INITIAL_ASSESSED, S.EMERGENCY_ACTION, S.TEMPORARY_SEPARATION},
            S.NEEDS_ASSESSED,
            Perm.CASE_EDIT,
            f"{D56}, Điều 27",
        ),
        _t(
            "draft_plan",
            _("Xây dựng kế hoạch hỗ trợ, can thiệp (Mẫu 04)"),
            {S.NEEDS_ASSESSED},
            S.PLAN_DRAFTED,
            Perm.CASE_EDIT,
            f"{D56}, Điều 28 khoản 1",
        ),
        _t(
            "approve_plan",
            _("Phê duyệt kế hoạch (Mẫu 05)"),
            {S.PLAN_DRAFTED},
            S.PLAN_APPROVED,
            Perm.CASE_APPROVE_PLAN,
            f"{D56}, Điều 28 khoản 2",
        ),
        _t(
            "start_plan",
            _("Bắt đầu thực hiện kế hoạch"),
            {S.PLAN_APPROVED},
            S.IN_PROGRESS,
            Perm.CASE_EDIT,
            f"{D56}, Điều 29",
        ),
        _t(
            "review",
            _("Rà soát, đánh giá sau kế hoạch (Mẫu 06)"),
            {S.IN_PROGRESS},
            S.REVIEWED,
            Perm.CASE_EDIT,
            f"{D56}, Điều 30",
        ),
        _t(
            "replan",
            _("Xây dựng kế hoạch mới"),
            {S.REVIEWED},
            S.PLAN_DRAFTED,
            Perm.CASE_EDIT,
            f"{D56}, Điều 30",
        ),
        _t(
            "close",
            _("Kết thúc trường hợp"),
            {S.REVIEWED, S.INITIAL_ASSESSED},
            S.CLOSED,
            Perm.CASE_APPROVE_PLAN,
            f"{D56}, Điều 30",
        ),
        _t(
            "reopen",
            _("Mở lại trường hợp"),
            {S.CLOSED},
            S.REOPENED,
            Perm.CASE_EDIT,
            "",
        ),
    ]
}

# Actions on a separation decision that are not steps of the case (they move its clock).
SEPARATION_EXTEND = "separation_extend"
SEPARATION_END = "separation_end"


def available(state: str, perms: frozenset[Perm]) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources and t.perm in perms]
