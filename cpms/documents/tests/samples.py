"""Sample documents for the renderer tests."""

from __future__ import annotations

import datetime as dt

from cpms.documents import (
    CheckboxLine,
    Field,
    FieldRow,
    Heading,
    IssuingBody,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)

SCRIPT = "<script>alert('x')</script> & <b>đậm</b>"


def decision(extra_paragraphs: int = 0) -> OfficialDocument:
    """A commune Chairman's decision (generic Decree 30 layout, legal-forms.md §4)."""
    filler = tuple(
        Paragraph(f"Đoạn bổ sung {i}: Ủy ban nhân dân xã phối hợp với gia đình trẻ em.")
        for i in range(extra_paragraphs)
    )
    return OfficialDocument(
        issuer=IssuingBody(("Ủy ban nhân dân", "xã Bình Sơn"), parent=("Tỉnh Quảng Ngãi",)),
        symbol="QĐ-UBND",
        number=12,
        place="Quảng Ngãi",
        issued_on=dt.date(2026, 3, 5),
        kind="Quyết định",
        subject="Về việc tạm thời cách ly trẻ em khỏi cha, mẹ, người chăm sóc trẻ em",
        body=(
            Heading("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH SƠN", centered=True),
            Paragraph("Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;", italic=True),
            Heading("QUYẾT ĐỊNH:", centered=True),
            Paragraph("Tạm thời cách ly trẻ em Đặng Thị Hương, sinh năm 2015.", lead="Điều 1."),
            NumberedItem("a)", "Nơi tạm trú an toàn: nhà văn hóa thôn An Phú."),
            Paragraph(SCRIPT),
            Table(
                header=("STT", "Cơ quan", "Nhiệm vụ"),
                rows=(
                    ("1", "Công an xã", "Bảo đảm an toàn cho trẻ em"),
                    ("2", "Trạm y tế xã", "Khám sức khỏe ban đầu"),
                ),
                widths=(1, 3, 5),
            ),
            *filler,
            Paragraph("Quyết định này có hiệu lực kể từ ngày ký.", lead="Điều 3."),
        ),
        recipients=("Như Điều 3", "UBND tỉnh Quảng Ngãi (b/c)"),
        archive="VT, VHXH",
        signature=Signature(("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), name="Nguyễn Văn An"),
        end_mark=True,
    )


def letter() -> OfficialDocument:
    """An official letter (công văn): no kind, 'V/v …' under the number, 'Kính gửi:'."""
    return OfficialDocument(
        issuer=IssuingBody(("Ủy ban nhân dân", "xã Bình Sơn")),
        symbol="UBND-VHXH",
        number=7,
        place="Quảng Ngãi",
        issued_on=dt.date(2026, 2, 1),
        subject="V/v chuyển gửi trường hợp trẻ em cần hỗ trợ",
        addressees=("Công an xã Bình Sơn", "Trạm y tế xã Bình Sơn"),
        body=(Paragraph("Ủy ban nhân dân xã đề nghị phối hợp hỗ trợ trẻ em."),),
        recipients=("Như trên",),
        archive="VT",
        signature=Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), name="Trần Thị Bình"),
    )


def intake_form() -> OfficialDocument:
    """A Mẫu 01-like form: label, key–value rows, checkboxes, a blank field, signature hint."""
    return OfficialDocument(
        form_label="Mẫu số 01",
        issuer=IssuingBody(("Ủy ban nhân dân xã Bình Sơn",)),
        symbol="BC-UBND",
        place="Quảng Ngãi",
        kind="Báo cáo",
        subject="TIẾP NHẬN THÔNG TIN TRẺ EM BỊ XÂM HẠI",
        body=(
            Heading("A. Thông tin chung"),
            Heading("2. Thông tin về trẻ em"),
            FieldRow.single("Họ và tên trẻ em", "Đặng Thị Hương"),
            FieldRow((Field("Họ và tên cha", "Đặng Văn Long"), Field("Tuổi", "41"))),
            FieldRow.single("Hoàn cảnh gia đình"),
            CheckboxLine("Giới tính", ("Nam", "Nữ", "Không biết"), ("Nữ",)),
            CheckboxLine("Mức độ tổn hại", ("Cao", "Trung bình", "Thấp"), ("Trung bình",)),
        ),
        signature=Signature(("Cán bộ tiếp nhận thông tin",), hint="(Ký, ghi rõ họ tên)"),
        body_size=13,
    )
