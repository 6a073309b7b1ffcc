"""Every fixed text printed on the generated Mẫu 01–07, in one place.

These are legal texts, not interface strings: they are constants, never translated (like
cpms/documents/layout.py). Source: ../shared/docs/legal-forms.md. Mẫu 01 is complete there;
Mẫu 06 is partial; the bodies of Mẫu 02, 03, 04, 05 and 07 were not seen ("title only"), so
their wording below follows the generic Decree 30 layout (legal-forms.md §4) and prints what
the step records hold. UNVERIFIED texts are marked; correct them here once the official
appendix of Nghị định 56/2017/NĐ-CP (Công báo 363–364/2017) has been checked.
"""

from __future__ import annotations

from typing import Final

COMMITTEE: Final = "ỦY BAN NHÂN DÂN"
CHAIRMAN: Final = "CHỦ TỊCH"
FORM_LABEL: Final = "Mẫu số {code}"
REPORT_KIND: Final = "Báo cáo"
DECISION_KIND: Final = "Quyết định"
PLAN_KIND: Final = "Kế hoạch"
SIGN_HINT: Final = "(Ký, ghi rõ họ tên)"
DECISION_SIGN_HINT: Final = "(Ký, đóng dấu, ghi rõ họ tên)"
LEVELS: Final = ("Cao", "Trung bình", "Thấp")
YES_NO: Final = ("Có", "Không")
ARCHIVE: Final = "VT"

# Document symbols (Decree 30: kind abbreviation - body abbreviation). The communes' own
# practice may differ: the user can change the symbol when generating.
SYMBOLS: Final = {
    "01": "BC-UBND",
    "02": "BC-UBND",  # UNVERIFIED: Mẫu 02 body not seen
    "03": "BC-UBND",  # UNVERIFIED
    "04": "KH-UBND",  # UNVERIFIED
    "05": "QĐ-UBND",
    "06": "",  # the copy seen has no number line
    "07": "QĐ-UBND",
}

# Signature blocks: (authority and position lines).
SIGNATURES: Final = {
    "chair": ("CHỦ TỊCH",),
    "tm": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    "kt": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
}
DECISION_SIGNATURE: Final = "tm"
RECEIVER_SIGNATURE: Final = ("Cán bộ tiếp nhận thông tin",)  # Mẫu 01 (complete)
REPORTER_SIGNATURE: Final = ("NGƯỜI BÁO CÁO",)  # Mẫu 02, 03, 06: UNVERIFIED
PLANNER_SIGNATURE: Final = ("NGƯỜI LẬP KẾ HOẠCH",)  # Mẫu 04: UNVERIFIED

DEFAULT_RECIPIENTS: Final = {
    "02": ("Chủ tịch Ủy ban nhân dân {commune} (để báo cáo)",),
    "03": ("Chủ tịch Ủy ban nhân dân {commune} (để báo cáo)",),
    "04": ("Chủ tịch Ủy ban nhân dân {commune} (để phê duyệt)",),
    "05": ("Như Điều 3",),
    "07": ("Như Điều 3", "Cha, mẹ, người chăm sóc trẻ em"),
}

# Mẫu 01 (complete; labels from legal-forms.md §2, a few "restored" there).
M01_SUBJECT: Final = "Tiếp nhận thông tin trẻ em {category}"
M01_ABUSED: Final = "bị xâm hại"
M01_AT_RISK: Final = "có nguy cơ bị bạo lực, bóc lột, bỏ rơi"
M01_GENERAL: Final = "A. Thông tin chung"
M01_SOURCE: Final = "1. Nguồn nhận thông tin"
M01_VIA: Final = "Thông qua"
M01_VIA_OPTIONS: Final = ("điện thoại", "gặp trực tiếp", "người khác báo")
M01_CHANNEL: Final = "Kênh tiếp nhận"
M01_TIME: Final = "Thời gian (mấy giờ)"
M01_DAY: Final = "Ngày"
M01_CONTENT: Final = "Nội dung thông tin"  # not on the printed form: what the caller said
M01_CHILD: Final = "2. Thông tin về trẻ em"
M01_NAME: Final = "Họ và tên trẻ em"
M01_BIRTH: Final = "Ngày tháng năm sinh"
M01_AGE: Final = "hoặc ước lượng tuổi"
M01_SEX: Final = "Giới tính"
M01_SEX_OPTIONS: Final = ("Nam", "Nữ", "Không biết")
M01_PLACE: Final = "Địa điểm xảy ra vụ việc"
M01_CONDITION: Final = "Tình trạng hiện tại của trẻ em"
M01_CONSEQUENCES: Final = (
    "Phỏng đoán hậu quả có thể sẽ xảy ra cho trẻ em nếu không có được hỗ trợ, can thiệp?"
)
M01_FATHER: Final = "Họ và tên cha"
M01_MOTHER: Final = "Họ và tên mẹ"
M01_AGE_SHORT: Final = "Tuổi"
M01_JOB: Final = "Nghề nghiệp"
M01_FAMILY: Final = "Hoàn cảnh gia đình"
M01_CAREGIVER: Final = "Hiện ai là người chăm sóc trẻ em (nếu biết)"
M01_ACTIONS: Final = (
    "Những hành động hỗ trợ, can thiệp đã thực hiện với trẻ em trước khi nhận được thông tin"
)
M01_INFORMANT: Final = "3. Thông tin về người cung cấp thông tin (nếu đồng ý cung cấp)"
M01_INFORMANT_NAME: Final = "Họ và tên"
M01_INFORMANT_PHONE: Final = "Số điện thoại"
M01_INFORMANT_ADDRESS: Final = "Địa chỉ"
M01_NOTES: Final = "Ghi thêm"
M01_ANONYMOUS: Final = "Người cung cấp thông tin không đồng ý cung cấp danh tính."

# Child identification on the case forms (UNVERIFIED for 02–05, 07).
CHILD_NAME: Final = "Họ và tên trẻ em"
CHILD_BIRTH: Final = "Ngày sinh"
CHILD_SEX: Final = "Giới tính"
CHILD_ADDRESS: Final = "Nơi cư trú"

# Rated tables (Mẫu 06 1(a) wording; the same scale is assumed for 02 and 03).
RATING_HEADER: Final = "Mức độ (Cao, Trung bình, Thấp)"
HARM_TABLE: Final = "Đánh giá mức độ tổn hại của trẻ em"
CAPACITY_TABLE: Final = "Đánh giá khả năng tự bảo vệ, phục hồi của trẻ em"
TOTAL: Final = "Tổng số"
OVERALL_RISK: Final = "Mức độ nguy cơ chung"

# Mẫu 02 (title only).
M02_SUBJECT: Final = "Đánh giá nguy cơ ban đầu, mức độ tổn hại của trẻ em"
M02_AT: Final = "Thời gian đánh giá"
M02_HARM: Final = "Mức độ tổn hại của trẻ em"
M02_EMERGENCY: Final = "Cần áp dụng biện pháp can thiệp khẩn cấp"
M02_SAFETY: Final = "Biện pháp bảo đảm an toàn tạm thời cho trẻ em đã thực hiện"
CONCLUSION: Final = "Kết luận"

# Mẫu 03 (title only).
M03_SUBJECT: Final = "Thu thập thông tin, đánh giá nguy cơ cụ thể tình hình trẻ em"
M03_ON: Final = "Ngày đánh giá"
M03_CHILD_STATE: Final = "Tình trạng thể chất, tâm lý, tình cảm của trẻ em"
M03_FAMILY: Final = "Hoàn cảnh gia đình và khả năng bảo vệ trẻ em của gia đình"
M03_LEVEL: Final = "Cấp độ bảo vệ"
M03_LEVELS: Final = ("Phòng ngừa", "Hỗ trợ", "Can thiệp")
M03_NEEDS: Final = "Nhu cầu cần hỗ trợ, can thiệp"
M03_MEETING: Final = "Cuộc họp xác định nhu cầu cần hỗ trợ, can thiệp"
M03_MEETING_DATE: Final = "Ngày họp"
M03_CHAIR: Final = "Người chủ trì"
M03_PARTICIPANTS: Final = "Thành phần tham dự"
M03_MINUTES: Final = "Tóm tắt biên bản"

# Mẫu 04 (title only).
M04_SUBJECT: Final = "Hỗ trợ, can thiệp đối với trẻ em {name} (lần {number})"
M04_CHILD: Final = "I. Thông tin về trẻ em"
M04_OBJECTIVES: Final = "II. Mục tiêu"
M04_MEASURES: Final = "III. Các biện pháp hỗ trợ, can thiệp, người thực hiện, thời gian"
M04_PERIOD: Final = "IV. Thời gian thực hiện"
M04_PERIOD_TEXT: Final = "Từ ngày {start} đến ngày {end}."

# Decisions (Mẫu 05, 07; title only: generic layout of legal-forms.md §4).
DECIDER: Final = "CHỦ TỊCH ỦY BAN NHÂN DÂN {commune}"
BASES: Final = (
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;",
    "Căn cứ Nghị định số 56/2017/NĐ-CP ngày 09 tháng 5 năm 2017 của Chính phủ quy định chi "
    "tiết một số điều của Luật Trẻ em;",
)
DECIDES: Final = "QUYẾT ĐỊNH:"
M05_SUBJECT: Final = "Về việc phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em"
M05_PROPOSAL: Final = "Xét đề nghị của người làm công tác bảo vệ trẻ em cấp xã,"
M05_ART1: Final = (
    "Phê duyệt kế hoạch hỗ trợ, can thiệp (lần {number}) đối với trẻ em {name}, sinh ngày "
    "{birth}, cư trú tại {address}, thời gian thực hiện từ ngày {start} đến ngày {end} "
    "(kế hoạch kèm theo)."
)
M05_ART2: Final = "Mục tiêu và các biện pháp hỗ trợ, can thiệp:"
M05_ART3: Final = (
    "Quyết định này có hiệu lực kể từ ngày ký. Người làm công tác bảo vệ trẻ em cấp xã, các "
    "cơ quan, tổ chức, cá nhân có tên trong kế hoạch và gia đình trẻ em chịu trách nhiệm thi "
    "hành Quyết định này."
)
M07_SUBJECT: Final = "Về việc tạm thời cách ly trẻ em khỏi cha, mẹ, người chăm sóc trẻ em"
M07_BASIS: Final = "Căn cứ kết quả đánh giá nguy cơ ban đầu, mức độ tổn hại của trẻ em;"
M07_ART1: Final = (
    "Tạm thời cách ly trẻ em {name}, sinh ngày {birth}, cư trú tại {address}, khỏi {whom}."
)
M07_REASON: Final = "Lý do"
M07_ART2: Final = "Nơi tạm trú an toàn và chăm sóc thay thế:"
M07_PLACE: Final = "Nơi tạm trú an toàn"
M07_CAREGIVER: Final = "Người chăm sóc thay thế"
M07_PERIOD: Final = "Thời gian tạm thời cách ly: từ {start} đến {end}."
M07_AUTHORITY: Final = "Theo yêu cầu của cơ quan có thẩm quyền"
M07_ART3: Final = (
    "Quyết định này có hiệu lực kể từ ngày ký. Người làm công tác bảo vệ trẻ em cấp xã, Công an "
    "xã, cha, mẹ, người chăm sóc trẻ em và các cơ quan, tổ chức, cá nhân có liên quan chịu trách "
    "nhiệm thi hành Quyết định này."
)

# Mẫu 06 (partial: identification lines and table 1(a) seen).
M06_TITLE: Final = (
    "Rà soát, đánh giá tình trạng của trẻ em sau khi thực hiện kế hoạch hỗ trợ, can thiệp"
)
M06_OFFICER: Final = "Họ và tên cán bộ thực hiện"
M06_ON: Final = "Ngày, tháng, năm thực hiện"
M06_SECTION1: Final = "1. Đánh giá nguy cơ tại giai đoạn kết thúc"
M06_HARM: Final = "a) Đánh giá mức độ tổn hại của trẻ em"
M06_CAPACITY: Final = "b) Đánh giá khả năng tự bảo vệ, phục hồi của trẻ em"
# Not seen on the copy (UNVERIFIED): the rest of the form.
M06_SECTION2: Final = "2. Tình trạng của trẻ em và mức độ an toàn của môi trường sống"
M06_CHILD_STATE: Final = "Tình trạng của trẻ em"
M06_SAFETY: Final = "Mức độ an toàn của môi trường sống"
M06_SECTION3: Final = "3. Đề xuất"
M06_PROPOSAL: Final = "Đề xuất"
M06_PROPOSALS: Final = ("Kết thúc kế hoạch", "Xây dựng kế hoạch mới")
