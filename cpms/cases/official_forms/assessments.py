"""Mẫu 02 (initial assessment), 03 (specific assessment and needs) and 06 (review): reports
of the commune child-protection worker, built from the typed step records."""

from __future__ import annotations

from cpms.documents import (
    Block,
    CheckboxLine,
    FieldRow,
    Heading,
    OfficialDocument,
    Signature,
)

from ..choices import ProtectionLevel, ReviewProposal
from . import wording as w
from .common import (
    FormOptions,
    child_rows,
    day,
    labelled_text,
    level_line,
    moment,
    person,
    person_signature,
    rated_table,
    yes_no,
)
from .records import CaseRecords

HARM = ("harm_severity", "abuser_access", "care_obstacles")
CAPACITY = ("self_protection", "recovery")  # inferred items (risk.py)
_LEVELS = dict(zip(ProtectionLevel.values, w.M03_LEVELS, strict=True))
_PROPOSALS = dict(zip(ReviewProposal.values, w.M06_PROPOSALS, strict=True))


def _report(
    records: CaseRecords,
    code: str,
    subject: str,
    options: FormOptions,
    body: tuple[Block, ...],
    signature: Signature,
) -> OfficialDocument:
    issuer = records.issuer
    return OfficialDocument(
        form_label=w.FORM_LABEL.format(code=code),
        issuer=issuer.body,
        symbol=options.symbol or w.SYMBOLS[code],
        number=options.number,
        place=issuer.place,
        issued_on=options.issued_on,
        kind=w.REPORT_KIND,
        subject=subject.upper(),
        body=body,
        recipients=options.recipients,
        archive=options.archive if options.recipients else "",
        signature=signature,
        body_size=13,
    )


def build_02(records: CaseRecords, options: FormOptions) -> OfficialDocument:
    record = records.initial
    assert record is not None
    ratings = record.ratings
    body: tuple[Block, ...] = (
        *child_rows(records.case.child),
        FieldRow.single(w.M02_AT, moment(record.assessed_at)),
        rated_table(w.HARM_TABLE, ratings, HARM),
        rated_table(w.CAPACITY_TABLE, ratings, CAPACITY),
        level_line(w.OVERALL_RISK, record.overall_risk),
        *labelled_text(w.M02_HARM, record.harm_description),
        yes_no(w.M02_EMERGENCY, record.emergency_needed),
        *labelled_text(w.M02_SAFETY, record.safety_measures),
        *labelled_text(w.CONCLUSION, record.conclusion),
    )
    signature = person_signature(w.REPORTER_SIGNATURE, options, person(record.recorded_by))
    return _report(records, "02", w.M02_SUBJECT, options, body, signature)


def build_03(records: CaseRecords, options: FormOptions) -> OfficialDocument:
    record = records.needs
    assert record is not None
    ratings = record.ratings
    body: tuple[Block, ...] = (
        *child_rows(records.case.child),
        FieldRow.single(w.M03_ON, day(record.assessed_on)),
        *labelled_text(w.M03_CHILD_STATE, record.child_state),
        *labelled_text(w.M03_FAMILY, record.family_capacity),
        rated_table(w.HARM_TABLE, ratings, HARM),
        rated_table(w.CAPACITY_TABLE, ratings, CAPACITY),
        level_line(w.OVERALL_RISK, record.overall_risk),
        CheckboxLine(w.M03_LEVEL, w.M03_LEVELS, (_LEVELS[record.protection_level],)),
        *labelled_text(w.M03_NEEDS, record.needs),
        Heading(w.M03_MEETING),
        FieldRow.single(w.M03_MEETING_DATE, day(record.meeting_date)),
        FieldRow.single(w.M03_CHAIR, record.meeting_chair),
        *labelled_text(w.M03_PARTICIPANTS, record.meeting_participants),
        *labelled_text(w.M03_MINUTES, record.meeting_minutes),
    )
    signature = person_signature(w.REPORTER_SIGNATURE, options, person(record.recorded_by))
    return _report(records, "03", w.M03_SUBJECT, options, body, signature)


def build_06(records: CaseRecords, options: FormOptions) -> OfficialDocument:
    """The copy seen has no masthead, number or date line: a bare form (legal-forms.md)."""
    record = records.review
    assert record is not None
    ratings = record.ratings
    body: tuple[Block, ...] = (
        FieldRow.single(w.CHILD_NAME, records.case.child.full_name),
        FieldRow.single(w.M06_OFFICER, record.officer_name),
        FieldRow.single(w.M06_ON, day(record.reviewed_on)),
        Heading(w.M06_SECTION1),
        Heading(w.M06_HARM),
        rated_table(w.HARM_TABLE, ratings, HARM),
        Heading(w.M06_CAPACITY),
        rated_table(w.CAPACITY_TABLE, ratings, CAPACITY),
        Heading(w.M06_SECTION2),
        *labelled_text(w.M06_CHILD_STATE, record.child_state),
        *labelled_text(w.M06_SAFETY, record.environment_safety),
        Heading(w.M06_SECTION3),
        CheckboxLine(w.M06_PROPOSAL, w.M06_PROPOSALS, (_PROPOSALS[record.proposal],)),
        *labelled_text(w.CONCLUSION, record.conclusion),
    )
    return OfficialDocument(
        form_label=w.FORM_LABEL.format(code="06"),
        national_title=False,
        kind=w.M06_TITLE,
        body=body,
        recipients=options.recipients,
        archive=options.archive if options.recipients else "",
        signature=person_signature(w.REPORTER_SIGNATURE, options, record.officer_name),
        body_size=13,
    )
