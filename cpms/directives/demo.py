"""Demo: the seed letter as the first directive, assigned as the letter assigns it, with the
progress reports of two half-years, some missing in the latest one (idempotent).

The letter's own agencies (the city's departments, the city police, the labour office)
ended with the district level on 30/06/2025; their successors carry the work: the province's
Department of Health follows the letter (it took over child protection), the province police
stand for the city police, and the People's Committees of the five wards and communes that
succeeded the city report on clauses 1.1–1.7.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cpms.accounts.models import Agency, AgencyKind
from cpms.accounts.services import agency_create
from cpms.geography.demo import DemoGeography
from cpms.geography.models import AdminUnit

from . import seed_letter as letter
from .choices import DirectiveStatus, DocumentKind, ReportStatus, Schedule
from .models import ClauseAssignment, Directive, DirectiveClause, ProgressReport
from .services import (
    DirectiveData,
    assignment_add,
    clause_save,
    directive_create,
    period_of,
    reference_get_or_create,
    report_save,
)

WARDS = (
    ("Phường Cẩm Thành", "UBND phường Cẩm Thành"),
    ("Phường Nghĩa Lộ", "UBND phường Nghĩa Lộ"),
    ("Phường Trương Quang Trọng", "UBND phường Trương Quang Trọng"),
    ("Xã Tịnh Khê", "UBND xã Tịnh Khê"),
    ("Xã An Phú", "UBND xã An Phú"),
)
HEALTH = "Sở Y tế tỉnh Quảng Ngãi"
POLICE = "Công an tỉnh Quảng Ngãi"
EARLIER = dt.date(2025, 7, 1)  # second half of 2025: everyone reported
LATEST = dt.date(2026, 1, 1)  # first half of 2026: some wards have not
# Who has not reported on the latest half-year, by clause (a draft counts as not reported).
LATEST_MISSING = {
    "1.2": {"UBND phường Nghĩa Lộ", "UBND phường Trương Quang Trọng", "UBND xã Tịnh Khê"},
    "1.3": {"UBND xã Tịnh Khê"},
    "1.6": {POLICE},
}
LATEST_DRAFTS = {("1.2", "UBND phường Nghĩa Lộ")}
NARRATIVES = {
    "1.1": "Đã quán triệt các văn bản chỉ đạo tại hội nghị giao ban; lồng ghép vào kế hoạch "
    "công tác trẻ em năm của địa phương.",
    "1.2": "Tổ chức tập huấn cho người làm công tác trẻ em và cộng tác viên; phát thanh tuyên "
    "truyền trên loa truyền thanh; phối hợp nhà trường tổ chức buổi ngoại khóa về kỹ năng tự "
    "bảo vệ.",
    "1.3": "Rà soát, cập nhật danh sách trẻ em có hoàn cảnh đặc biệt; Ban Điều hành bảo vệ trẻ "
    "em họp định kỳ, phân công thành viên theo dõi từng địa bàn.",
    "1.4": "Treo áp phích Tổng đài 111 tại nhà văn hóa các thôn, tổ dân phố; phát tờ rơi cho "
    "phụ huynh trong các buổi họp.",
    "1.5": "Tiếp nhận và xử lý kịp thời các thông tin, thông báo; không có trường hợp chậm "
    "tiếp nhận.",
    "1.6": "Các vụ việc được giải quyết trong thời hạn; chưa phát hiện trường hợp che giấu, "
    "không thông báo.",
    "1.7": "Phối hợp công an và trạm y tế bảo đảm an toàn cho trẻ em cần bảo vệ khẩn cấp.",
    "2": "Tổng hợp báo cáo của các xã, phường; phối hợp Công an tỉnh theo dõi các vụ việc.",
}


def _agency(name: str, kind: AgencyKind, unit: AdminUnit) -> Agency:
    existing = Agency.objects.filter(name=name, admin_unit=unit).first()
    return existing or agency_create(
        actor=None, name=name, kind=kind, admin_unit=unit, valid_from=unit.valid_from
    )


def _directive(geo: DemoGeography, lead: Agency) -> Directive:
    existing = Directive.objects.filter(
        symbol=letter.SYMBOL, issuer_name=letter.ISSUER, issued_year=letter.YEAR
    ).first()
    if existing is not None:
        return existing
    references = [
        reference_get_or_create(
            actor=None, kind=kind, symbol=symbol, issued_on=day, issuer=issuer, title=title
        )
        for kind, symbol, day, issuer, title in letter.REFERENCES
    ]
    return directive_create(
        actor=None,
        data=DirectiveData(
            kind=DocumentKind.OFFICIAL_LETTER,
            symbol=letter.SYMBOL,
            issued_year=letter.YEAR,
            issuer_agency=Agency.objects.filter(name=letter.ISSUER, admin_unit=geo.city).first(),
            issuer_name=letter.ISSUER,
            issuing_unit=geo.city,
            lead_agency=lead,
            signer=letter.SIGNER,
            subject=letter.SUBJECT,
            body=letter.BODY,
            status=DirectiveStatus.IN_FORCE,
            effective_from=letter.EFFECTIVE_FROM,
            references=references,
        ),
    )


def _clauses(directive: Directive) -> dict[str, DirectiveClause]:
    existing = {c.number: c for c in directive.clauses.all()}
    for order, (number, text, keys) in enumerate(letter.CLAUSES, start=1):
        if number not in existing:
            existing[number] = clause_save(
                actor=None,
                directive=directive,
                number=number,
                text=text,
                order=order,
                figure_keys=list(keys),
            )
    return existing


def _assign(clause: DirectiveClause, agency: Agency, *, lead: bool = False) -> ClauseAssignment:
    found = ClauseAssignment.objects.filter(clause=clause, agency=agency, active=True).first()
    return found or assignment_add(
        actor=None, clause=clause, agency=agency, is_lead=lead, schedule=Schedule.SEMIANNUAL
    )


def _report(assignment: ClauseAssignment, start: dt.date, *, draft: bool = False) -> None:
    if ProgressReport.objects.filter(assignment=assignment, period_start=start).exists():
        return
    period = period_of(assignment, start, timezone.localdate())
    if period is None or period.end >= timezone.localdate():
        return
    received = timezone.make_aware(dt.datetime.combine(period.end, dt.time(9)))
    report_save(
        actor=None,
        assignment=assignment,
        period_start=start,
        narrative=NARRATIVES[assignment.clause.number],
        submit=not draft,
        expected_version=0,
        submitted_at=received + dt.timedelta(days=5 + assignment.pk % 4),
    )


@transaction.atomic
def seed_demo_directives(geo: DemoGeography) -> int:
    """Returns the number of progress reports the demo holds."""
    health = _agency(HEALTH, AgencyKind.AREA_OFFICE, geo.province)
    police = _agency(POLICE, AgencyKind.POLICE, geo.province)
    wards = [_agency(name, AgencyKind.PEOPLES_COMMITTEE, geo.communes[c]) for c, name in WARDS]
    directive = _directive(geo, health)
    clauses = _clauses(directive)
    for number, clause in clauses.items():
        agencies = [health, police] if number == "2" else [health, police, *wards]
        for agency in agencies:
            assignment = _assign(clause, agency, lead=number == "2" and agency == health)
            _report(assignment, EARLIER)
            missing = agency.name in LATEST_MISSING.get(number, set())
            if not missing or (number, agency.name) in LATEST_DRAFTS:
                _report(assignment, LATEST, draft=missing)
    return ProgressReport.objects.filter(
        assignment__clause__directive=directive, status=ReportStatus.SUBMITTED
    ).count()
