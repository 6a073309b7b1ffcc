"""Mẫu 04 (the plan), Mẫu 05 (the chairman's decision approving it) and Mẫu 07 (the
chairman's decision on temporary separation). Bodies follow the generic decision layout of
legal-forms.md §4 (the official bodies were not seen); wording lives in wording.py."""

from __future__ import annotations

from cpms.documents import (
    Block,
    FieldRow,
    Heading,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Signature,
)

from . import wording as w
from .common import (
    FormOptions,
    birth_text,
    child_address,
    child_rows,
    day,
    decision_signature,
    moment,
    paragraphs,
    person,
    person_signature,
)
from .records import CaseRecords


def _items(text: str) -> tuple[Block, ...]:
    return tuple(NumberedItem("-", line) for line in paragraphs(text))


def build_04(records: CaseRecords, options: FormOptions) -> OfficialDocument:
    plan = records.plan
    assert plan is not None
    child = records.case.child
    issuer = records.issuer
    body: tuple[Block, ...] = (
        Heading(w.M04_CHILD),
        *child_rows(child),
        Heading(w.M04_OBJECTIVES),
        *_items(plan.objectives),
        Heading(w.M04_MEASURES),
        *_items(plan.measures),
        Heading(w.M04_PERIOD),
        Paragraph(w.M04_PERIOD_TEXT.format(start=day(plan.starts_on), end=day(plan.ends_on))),
    )
    return OfficialDocument(
        form_label=w.FORM_LABEL.format(code="04"),
        issuer=issuer.body,
        symbol=options.symbol or w.SYMBOLS["04"],
        number=options.number,
        place=issuer.place,
        issued_on=options.issued_on,
        kind=w.PLAN_KIND,
        subject=w.M04_SUBJECT.format(name=child.full_name, number=plan.number),
        body=body,
        recipients=options.recipients,
        archive=options.archive if options.recipients else "",
        signature=person_signature(w.PLANNER_SIGNATURE, options, person(plan.recorded_by)),
        body_size=13,
    )


def _decision(
    records: CaseRecords,
    code: str,
    subject: str,
    body: tuple[Block, ...],
    options: FormOptions,
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
        kind=w.DECISION_KIND,
        subject=subject,
        body=(
            Heading(w.DECIDER.format(commune=issuer.commune.name.upper()), centered=True),
            *(Paragraph(basis, italic=True) for basis in w.BASES),
            *body,
        ),
        recipients=options.recipients,
        archive=options.archive,
        signature=signature,
        end_mark=True,
    )


def build_05(records: CaseRecords, options: FormOptions) -> OfficialDocument:
    plan = records.plan
    assert plan is not None
    child = records.case.child
    article1 = w.M05_ART1.format(
        number=plan.number,
        name=child.full_name,
        birth=birth_text(child),
        address=child_address(child),
        start=day(plan.starts_on),
        end=day(plan.ends_on),
    )
    body: tuple[Block, ...] = (
        Paragraph(w.M05_PROPOSAL, italic=True),
        Heading(w.DECIDES, centered=True),
        Paragraph(article1, lead="Điều 1."),
        Paragraph(w.M05_ART2, lead="Điều 2."),
        *_items(plan.objectives),
        *_items(plan.measures),
        Paragraph(w.M05_ART3, lead="Điều 3."),
    )
    signature = decision_signature(options, person(plan.approved_by))
    return _decision(records, "05", f"{w.M05_SUBJECT} {child.full_name}", body, options, signature)


def build_07(records: CaseRecords, options: FormOptions) -> OfficialDocument:
    """A decision already taken, or a draft (blank fields) while the case may still be
    separated: the emergency dossier carries the draft Mẫu 07 (legal-forms.md §5.1)."""
    sep = records.separation
    child = records.case.child
    article1 = w.M07_ART1.format(
        name=child.full_name,
        birth=birth_text(child),
        address=child_address(child),
        whom=sep.separated_from if sep else "……",
    )
    period = w.M07_PERIOD.format(
        start=moment(sep.starts_at) if sep else "……", end=moment(sep.ends_at) if sep else "……"
    )
    body: list[Block] = [
        Paragraph(w.M07_BASIS, italic=True),
        Heading(w.DECIDES, centered=True),
        Paragraph(article1, lead="Điều 1."),
        FieldRow.single(w.M07_REASON, sep.reason if sep else ""),
        Paragraph(w.M07_ART2, lead="Điều 2."),
        FieldRow.single(w.M07_PLACE, sep.place if sep else ""),
        FieldRow.single(w.M07_CAREGIVER, sep.caregiver if sep else ""),
        Paragraph(period),
    ]
    if sep and sep.authority_extended:
        body.append(FieldRow.single(w.M07_AUTHORITY, sep.authority_basis))
    body.append(Paragraph(w.M07_ART3, lead="Điều 3."))
    signature = decision_signature(options, person(sep.recorded_by) if sep else "")
    return _decision(records, "07", w.M07_SUBJECT, tuple(body), options, signature)
