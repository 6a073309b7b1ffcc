"""Mẫu 01, "Báo cáo tiếp nhận thông tin trẻ em", from a report (intake) as it was recorded.

The informant's identity is printed only when the viewer may see it (each print is audited
as a reveal by the caller)."""

from __future__ import annotations

from dataclasses import dataclass

from cpms.documents import (
    Block,
    CheckboxLine,
    Field,
    FieldRow,
    Heading,
    OfficialDocument,
    Paragraph,
)
from cpms.intake.choices import Channel, ChildSex
from cpms.intake.models import ConcernType, Report, ReportChild

from . import wording as w
from .common import (
    FormOptions,
    Issuer,
    day,
    issuer_for,
    labelled_text,
    local,
    person,
    person_signature,
)

_IN_PERSON = {Channel.WALK_IN}
_BY_PHONE = {Channel.PHONE, Channel.HOTLINE_111, Channel.PROVINCIAL_HOTLINE}
_SEX = dict(zip(ChildSex.values, w.M01_SEX_OPTIONS, strict=True))


@dataclass(frozen=True)
class ReportRecords:
    report: Report
    issuer: Issuer
    children: tuple[ReportChild, ...]
    concerns: tuple[ConcernType, ...]
    show_identity: bool


def report_records(report: Report, *, show_identity: bool) -> ReportRecords:
    return ReportRecords(
        report=report,
        issuer=issuer_for(report.commune),
        children=tuple(report.children.order_by("created_at", "pk")),
        concerns=tuple(report.concern_types.all()),
        show_identity=show_identity,
    )


def _category(concerns: tuple[ConcernType, ...]) -> str:
    parts = []
    if any(c.is_abuse for c in concerns):
        parts.append(w.M01_ABUSED)
    if any(not c.is_abuse for c in concerns):
        parts.append(w.M01_AT_RISK)
    return "/ ".join(parts) or "……"


def _via(channel: str) -> str:
    if channel in _BY_PHONE:
        return w.M01_VIA_OPTIONS[0]
    if channel in _IN_PERSON:
        return w.M01_VIA_OPTIONS[1]
    return w.M01_VIA_OPTIONS[2]


def _child(row: ReportChild, place: str, index: int, count: int) -> tuple[Block, ...]:
    heading = w.M01_CHILD if count == 1 else f"{w.M01_CHILD} ({index}/{count})"
    age = "" if row.age_estimate is None else str(row.age_estimate)
    return (
        Heading(heading),
        FieldRow.single(w.M01_NAME, row.full_name),
        FieldRow((Field(w.M01_BIRTH, day(row.birth_date)), Field(w.M01_AGE, age))),
        CheckboxLine(w.M01_SEX, w.M01_SEX_OPTIONS, (_SEX[row.sex],)),
        FieldRow.single(w.M01_PLACE, place),
        *labelled_text(w.M01_CONDITION, row.condition),
        *labelled_text(w.M01_CONSEQUENCES, row.likely_consequences),
        FieldRow((Field(w.M01_FATHER), Field(w.M01_AGE_SHORT), Field(w.M01_JOB))),
        FieldRow((Field(w.M01_MOTHER), Field(w.M01_AGE_SHORT), Field(w.M01_JOB))),
        *labelled_text(w.M01_FAMILY, row.family_situation),
        FieldRow.single(w.M01_CAREGIVER, row.caregiver),
    )


def _informant(records: ReportRecords) -> tuple[Block, ...]:
    report = records.report
    if report.reporter_anonymous:
        return (Heading(w.M01_INFORMANT), Paragraph(w.M01_ANONYMOUS))
    shown = records.show_identity
    return (
        Heading(w.M01_INFORMANT),
        FieldRow.single(w.M01_INFORMANT_NAME, report.reporter_name if shown else ""),
        FieldRow.single(w.M01_INFORMANT_PHONE, report.reporter_phone if shown else ""),
        FieldRow.single(w.M01_INFORMANT_ADDRESS, report.reporter_address if shown else ""),
        FieldRow.single(w.M01_NOTES, str(report.get_reporter_relation_display())),
    )


def build_01(records: ReportRecords, options: FormOptions) -> OfficialDocument:
    report, issuer = records.report, records.issuer
    at = local(report.received_at)
    assert at is not None
    count = len(records.children)
    children = [
        block
        for index, row in enumerate(records.children, start=1)
        for block in _child(row, report.place, index, count)
    ]
    body: tuple[Block, ...] = (
        Heading(w.M01_GENERAL),
        Heading(w.M01_SOURCE),
        CheckboxLine(w.M01_VIA, w.M01_VIA_OPTIONS, (_via(report.channel),)),
        FieldRow.single(w.M01_CHANNEL, str(report.get_channel_display())),
        FieldRow((Field(w.M01_TIME, f"{at:%H} giờ {at:%M}"), Field(w.M01_DAY, day(at.date())))),
        *labelled_text(w.M01_CONTENT, report.description),
        *children,
        *labelled_text(w.M01_ACTIONS, report.actions_taken),
        *_informant(records),
    )
    return OfficialDocument(
        form_label=w.FORM_LABEL.format(code="01"),
        issuer=issuer.body,
        symbol=options.symbol or w.SYMBOLS["01"],
        number=options.number,
        place=issuer.place,
        issued_on=options.issued_on,
        kind=w.REPORT_KIND,
        subject=w.M01_SUBJECT.format(category=_category(records.concerns)).upper(),
        body=body,
        recipients=options.recipients,
        archive=options.archive if options.recipients else "",
        signature=person_signature(w.RECEIVER_SIGNATURE, options, person(report.received_by)),
        body_size=13,
    )
