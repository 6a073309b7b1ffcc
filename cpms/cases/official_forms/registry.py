"""Which forms exist, when each is available, and what the generation form starts with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpms.documents import OfficialDocument

from ..transitions import TRANSITIONS
from . import wording as w
from .assessments import build_02, build_03, build_06
from .common import FormOptions, local, person, split_decision_number
from .decisions import build_04, build_05, build_07
from .records import CaseRecords
from .report_form import ReportRecords, build_01

# What the record gives the generation form: the decision number as typed ("05/QĐ-UBND"),
# the date of the document and the signer's name.
Defaults = tuple[str, dt.date | None, str]
NONE: Defaults = ("", None, "")


def _date(value: dt.datetime | None) -> dt.date | None:
    at = local(value)
    return at.date() if at else None


def _defaults_02(r: CaseRecords) -> Defaults:
    a = r.initial
    return ("", _date(a.assessed_at), person(a.recorded_by)) if a else NONE


def _defaults_03(r: CaseRecords) -> Defaults:
    a = r.needs
    return ("", a.assessed_on, person(a.recorded_by)) if a else NONE


def _defaults_04(r: CaseRecords) -> Defaults:
    p = r.plan
    return ("", _date(p.drafted_at), person(p.recorded_by)) if p else NONE


def _defaults_05(r: CaseRecords) -> Defaults:
    p = r.plan
    return (p.decision_number, p.decision_date, person(p.approved_by)) if p else NONE


def _defaults_06(r: CaseRecords) -> Defaults:
    return ("", None, r.review.officer_name) if r.review else NONE


def _defaults_07(r: CaseRecords) -> Defaults:
    s = r.separation
    return (s.decision_number, _date(s.decided_at), person(s.recorded_by)) if s else NONE


@dataclass(frozen=True)
class CaseFormSpec:
    code: str
    label: Promise
    build: Callable[[CaseRecords, FormOptions], OfficialDocument]
    defaults: Callable[[CaseRecords], Defaults]
    needs: str  # the record kind it is built from
    numbered: bool = True  # has a "Số:" and a date line
    decision: bool = False  # signed by the chairman

    def available(self, state: str, present: frozenset[str]) -> bool:
        if self.needs in present:
            return True
        # The emergency dossier carries a draft Mẫu 07 before the chairman decides.
        return self.code == "07" and state in TRANSITIONS["separate"].sources

    def initial(self, records: CaseRecords) -> dict[str, Any]:
        number_text, issued_on, signer = self.defaults(records)
        number, symbol = split_decision_number(number_text, w.SYMBOLS[self.code])
        values: dict[str, Any] = {
            "number": number,
            "symbol": symbol,
            "issued_on": issued_on,
            "signer_name": signer,
            "recipients": _recipients(self, records),
        }
        if self.decision:
            values["signature"] = w.DECISION_SIGNATURE
        return values


def _recipients(spec: CaseFormSpec, records: CaseRecords) -> str:
    lines = w.DEFAULT_RECIPIENTS.get(spec.code, ())
    return "\n".join(line.format(commune=records.issuer.in_text) for line in lines)


_SPECS = (
    ("02", _("Mẫu 02 – Đánh giá nguy cơ ban đầu"), build_02, _defaults_02, "initial"),
    (
        "03",
        _("Mẫu 03 – Đánh giá nguy cơ cụ thể, xác định nhu cầu"),
        build_03,
        _defaults_03,
        "needs",
    ),
    ("04", _("Mẫu 04 – Kế hoạch hỗ trợ, can thiệp"), build_04, _defaults_04, "plan"),
    ("05", _("Mẫu 05 – Quyết định phê duyệt kế hoạch"), build_05, _defaults_05, "plan"),
    ("06", _("Mẫu 06 – Rà soát, đánh giá sau kế hoạch"), build_06, _defaults_06, "review"),
    ("07", _("Mẫu 07 – Quyết định tạm thời cách ly"), build_07, _defaults_07, "separation"),
)
CASE_FORMS: dict[str, CaseFormSpec] = {
    code: CaseFormSpec(
        code,
        label,
        build,
        defaults,
        needs,
        numbered=code != "06",  # the Mẫu 06 copy seen has no number or date line
        decision=code in ("05", "07"),
    )
    for code, label, build, defaults, needs in _SPECS
}


def case_forms_available(state: str, present: frozenset[str]) -> list[CaseFormSpec]:
    return [spec for spec in CASE_FORMS.values() if spec.available(state, present)]


def case_page_forms(state: str, page: dict[str, Any]) -> list[CaseFormSpec]:
    """The forms for the case page, from the lists it has already loaded (no query)."""
    lists = {
        "initial": "initial",
        "needs": "needs",
        "plan": "plans",
        "review": "reviews",
        "separation": "separations",
    }
    present = frozenset(kind for kind, key in lists.items() if page.get(key))
    return case_forms_available(state, present)


class ReportFormSpec:
    code = "01"
    label = _("Mẫu 01 – Báo cáo tiếp nhận thông tin trẻ em")
    numbered = True
    decision = False

    def build(self, records: ReportRecords, options: FormOptions) -> OfficialDocument:
        return build_01(records, options)

    def initial(self, records: ReportRecords) -> dict[str, Any]:
        return {
            "symbol": w.SYMBOLS["01"],
            "issued_on": _date(records.report.received_at),
            "signer_name": person(records.report.received_by),
        }


REPORT_FORM = ReportFormSpec()
