"""What goes where on the page, worked out once for both renderers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from cpms.documents import formatting, layout
from cpms.documents.model import Block, NumberedItem, OfficialDocument, Paragraph, Signature


@dataclass(frozen=True)
class Composed:
    """The printed texts of a document, in page order; empty strings are not printed."""

    title: str
    form_label: str
    parent_lines: tuple[str, ...]
    issuer_lines: tuple[str, ...]
    number: str
    letter_subject: str
    national_title: str
    motto: str
    date: str
    kind: str
    subject: str
    addressees: tuple[str, ...]
    body: tuple[Block, ...]
    recipients_label: str
    recipients: tuple[str, ...]
    signature: Signature | None
    body_size: int

    @property
    def has_masthead(self) -> bool:
        return any((self.issuer_lines, self.national_title, self.number, self.date))

    @property
    def has_closing(self) -> bool:
        return bool(self.recipients or self.signature)


def compose(doc: OfficialDocument) -> Composed:
    recipients = formatting.recipient_lines(doc.recipients, doc.archive)
    return Composed(
        title=doc.title,
        form_label=doc.form_label,
        parent_lines=doc.issuer.parent if doc.issuer else (),
        issuer_lines=doc.issuer.lines if doc.issuer else (),
        number=formatting.number_line(doc.number, doc.symbol) if doc.symbol else "",
        letter_subject=doc.subject if doc.is_letter else "",
        national_title=layout.NATIONAL_TITLE if doc.national_title else "",
        motto=layout.MOTTO if doc.national_title else "",
        date=formatting.date_line(doc.place, doc.issued_on),
        kind=doc.kind,
        subject="" if doc.is_letter else doc.subject,
        addressees=formatting.addressee_lines(doc.addressees),
        body=_with_end_mark(doc.body) if doc.end_mark else doc.body,
        recipients_label=layout.RECIPIENTS_LABEL if recipients else "",
        recipients=recipients,
        signature=doc.signature,
        body_size=doc.body_size,
    )


def _with_end_mark(body: tuple[Block, ...]) -> tuple[Block, ...]:
    """Decree 30 closes the content with './.' right after its last word: '… ngày ký./.'."""
    if body and isinstance(body[-1], Paragraph | NumberedItem):
        last = body[-1]
        marked = dataclasses.replace(last, text=last.text.rstrip(".") + layout.END_MARK)
        return (*body[:-1], marked)
    return (*body, Paragraph(layout.END_MARK))
