"""The referral letter (công văn) the commune sends an agency that does not answer in the
app: a draft in the Decree 30/2020 layout, number and date left for the clerical office.

It carries only the field groups the agency's kind is configured to see (SharedFieldGroups),
like the app does. The fixed wording is administrative text, not interface strings.
"""

from __future__ import annotations

from typing import Final

from cpms.cases.choices import FieldGroup
from cpms.cases.official_forms.common import birth_text, child_address, in_text, issuer_for
from cpms.cases.official_forms.wording import ARCHIVE, SIGNATURES
from cpms.documents import FieldRow, OfficialDocument, Paragraph, Signature

from .models import Referral
from .selectors import sharing_for

SYMBOL: Final = "UBND-VHXH"  # the commune's practice may differ (UNVERIFIED)
SUBJECT: Final = "V/v đề nghị phối hợp hỗ trợ, can thiệp đối với trẻ em"
BASES: Final = (
    "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;",
    "Căn cứ Nghị định số 56/2017/NĐ-CP ngày 09 tháng 5 năm 2017 của Chính phủ quy định chi "
    "tiết một số điều của Luật Trẻ em;",
)
CONFIDENTIAL: Final = (
    "Thông tin về trẻ em trong văn bản này là thông tin bí mật đời sống riêng tư của trẻ em "
    "(Điều 6, Điều 33 Luật Trẻ em); chỉ sử dụng cho việc hỗ trợ, can thiệp nêu trên."
)


def referral_letter(referral: Referral) -> OfficialDocument:
    case = referral.case
    child = case.child
    issuer = issuer_for(case.commune)
    groups = set(sharing_for(referral.agency.kind).field_groups)
    body: list[Paragraph | FieldRow] = [Paragraph(text, italic=True) for text in BASES]
    body.append(
        Paragraph(
            f"Ủy ban nhân dân {issuer.in_text} đề nghị {referral.agency.name} phối hợp thực "
            f"hiện {in_text(referral.get_kind_display())} đối với trẻ em có hoàn cảnh sau:"
        )
    )
    if FieldGroup.IDENTITY in groups:
        body += [
            FieldRow.single("Họ và tên trẻ em", child.full_name),
            FieldRow.single("Ngày sinh", birth_text(child)),
            FieldRow.single("Giới tính", str(child.get_sex_display())),
            FieldRow.single("Nơi cư trú", child_address(child)),
        ]
    if FieldGroup.ABUSE_DETAILS in groups:
        concerns = ", ".join(str(c) for c in case.concern_types.order_by("position"))
        body.append(FieldRow.single("Loại xâm hại", concerns))
    body += [
        FieldRow.single("Nội dung đề nghị", referral.service),
        FieldRow.single("Thời hạn thực hiện", f"{referral.due_on:%d/%m/%Y}"),
        FieldRow.single("Căn cứ chia sẻ thông tin", str(referral.get_sharing_basis_display())),
        Paragraph(CONFIDENTIAL, italic=True),
        Paragraph(
            f"Đề nghị {referral.agency.name} trả lời bằng văn bản về việc tiếp nhận và kết quả "
            f"thực hiện gửi về Ủy ban nhân dân {issuer.in_text} trước ngày "
            f"{referral.due_on:%d/%m/%Y}."
        ),
    ]
    sender = referral.sent_by
    if sender is not None:
        contact = sender.full_name or sender.username
        body.append(Paragraph(f"Người liên hệ: {contact}."))
    return OfficialDocument(
        issuer=issuer.body,
        symbol=SYMBOL,
        number=None,
        place=issuer.place,
        issued_on=None,
        subject=SUBJECT,
        addressees=(referral.agency.name,),
        body=tuple(body),
        recipients=("Như trên", "Lưu hồ sơ trường hợp"),
        archive=ARCHIVE,
        signature=Signature(SIGNATURES["tm"]),
        end_mark=True,
    )
