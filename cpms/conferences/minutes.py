"""The minutes of a conference as an official document (BIÊN BẢN HỌP LIÊN NGÀNH, Decree 30
layout through cpms.documents). The printed headings are document text, not UI strings."""

from __future__ import annotations

from typing import Final

from django.utils import timezone

from cpms.cases.official_forms.common import child_rows, day, issuer_for, moment, paragraphs
from cpms.documents import Block, FieldRow, Heading, OfficialDocument, Paragraph, Signature, Table

from .models import CaseConference, ConferenceDecision, ConferenceParticipant

KIND: Final = "Biên bản họp liên ngành"
SYMBOL: Final = "BB-UBND"
SUBJECT: Final = "Về việc hỗ trợ, can thiệp đối với trẻ em {name}"
TIME: Final = "Thời gian"
PLACE: Final = "Địa điểm"
CHAIR: Final = "Chủ trì"
H_PARTICIPANTS: Final = "I. Thành phần tham dự"
H_CHILD: Final = "II. Thông tin về trẻ em"
H_MINUTES: Final = "III. Nội dung cuộc họp"
H_DECISIONS: Final = "IV. Kết luận, phân công thực hiện"
PARTICIPANT_HEADER: Final = ("STT", "Họ và tên", "Chức vụ, vai trò", "Cơ quan")
DECISION_HEADER: Final = ("STT", "Nội dung", "Người thực hiện", "Hạn")
NO_DECISIONS: Final = "Cuộc họp không đưa ra quyết định phân công."
SIGNATURE: Final = ("CHỦ TRÌ CUỘC HỌP",)
SIGN_HINT: Final = "(Ký, ghi rõ họ tên)"


def build_minutes(
    conference: CaseConference,
    participants: list[ConferenceParticipant],
    decisions: list[ConferenceDecision],
) -> OfficialDocument:
    case = conference.case
    child = case.child
    issuer = issuer_for(case.commune)
    body: tuple[Block, ...] = (
        FieldRow.single(TIME, moment(conference.held_at)),
        FieldRow.single(PLACE, conference.place),
        FieldRow.single(CHAIR, conference.chair_label),
        Heading(H_PARTICIPANTS),
        Table(
            header=PARTICIPANT_HEADER,
            rows=tuple(
                (str(i), p.name, p.position, p.agency.name if p.agency else "")
                for i, p in enumerate(participants, 1)
            ),
            widths=(1, 4, 3, 4),
        ),
        Heading(H_CHILD),
        *child_rows(child),
        Heading(H_MINUTES),
        *(Paragraph(line) for line in paragraphs(conference.minutes)),
        Heading(H_DECISIONS),
        *_decisions(decisions),
    )
    return OfficialDocument(
        issuer=issuer.body,
        symbol=SYMBOL,
        place=issuer.place,
        issued_on=timezone.localtime(conference.held_at).date(),
        kind=KIND,
        subject=SUBJECT.format(name=child.full_name),
        body=body,
        signature=Signature(SIGNATURE, name=conference.chair_label, hint=SIGN_HINT),
        body_size=13,
    )


def _decisions(decisions: list[ConferenceDecision]) -> tuple[Block, ...]:
    if not decisions:
        return (Paragraph(NO_DECISIONS),)
    rows = tuple(
        (str(i), d.text, d.owner.full_name or d.owner.username, day(d.due_on))
        for i, d in enumerate(decisions, 1)
    )
    return (Table(header=DECISION_HEADER, rows=rows, widths=(1, 6, 3, 2)),)
