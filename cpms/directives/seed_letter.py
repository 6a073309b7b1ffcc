"""The seed letter (Quảng Ngãi city People's Committee, …/UBND-VX, 2023) as data for the demo:
its opening, its clauses with their full text, the documents clause 1.1 cites, and which
figures each clause's progress reports show. Texts are copied from the letter; they are
legal text, not interface strings."""

from __future__ import annotations

import datetime as dt
from typing import Final

from .choices import DocumentKind

SYMBOL: Final = "UBND-VX"
YEAR: Final = 2023
ISSUER: Final = "UBND thành phố Quảng Ngãi"
SIGNER: Final = "KT. CHỦ TỊCH – PHÓ CHỦ TỊCH Nguyễn Văn Anh"
SUBJECT: Final = (
    "V/v tăng cường công tác phòng ngừa tội phạm xâm hại tình dục trẻ em trên địa bàn thành "
    "phố Quảng Ngãi"
)
# Not in the letter (its date is blank): it answers letters of 27 and 30/11/2023, and the
# product brief dates it December 2023. Reporting is counted from here.
EFFECTIVE_FROM: Final = dt.date(2023, 12, 1)
BODY: Final = (
    "Kính gửi: Các phòng, ban, đơn vị thuộc UBND thành phố; Công an thành phố; UBND các xã, "
    "phường.\n"
    "Thực hiện Công văn số 5976/UBND-NC ngày 27/11/2023 của UBND tỉnh Quảng Ngãi về việc "
    "phòng ngừa tội phạm xâm hại tình dục trẻ em trên địa bàn tỉnh; theo nội dung Công văn số "
    "4234/SLĐTBXH-TEBĐG&PCTNXH ngày 30/11/2023 của Sở Lao động - Thương binh và Xã hội tỉnh "
    "Quảng Ngãi về việc phòng ngừa tội phạm xâm hại tình dục trẻ em trên địa bàn tỉnh; Chủ "
    "tịch UBND thành phố chỉ đạo:\n"
    "1. Các phòng, ban thuộc UBND thành phố, Công an thành phố và UBND các xã, phường theo "
    "chức năng, nhiệm vụ và địa bàn quản lý tổ chức triển khai thực hiện các nội dung sau: "
    "(các mục 1.1 – 1.7).\n"
    "Yêu cầu Thủ trưởng các phòng, ban, đơn vị thuộc UBND thành phố, Công an thành phố và Chủ "
    "tịch UBND xã, phường triển khai thực hiện./."
)

# (number, text, figure keys or groups)
CLAUSES: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    (
        "1.1",
        "Tiếp tục triển khai thực hiện hiệu quả Nghị quyết số 121/2020/QH14 của Quốc hội khóa "
        "XIV về việc tiếp tục tăng cường hiệu lực, hiệu quả thực hiện chính sách, pháp luật về "
        "phòng, chống xâm hại trẻ em; Chỉ thị số 18/CT-TTg ngày 16/5/2017 của Thủ tướng Chính "
        "phủ về tăng cường giải pháp phòng, chống bạo lực, xâm hại trẻ em; Chỉ thị số 08/CT-TTg "
        "ngày 04/2/2020 của Thủ tướng Chính phủ về đẩy mạnh công tác phòng chống bạo lực gia "
        "đình; Chỉ thị số 11/CT-UBND ngày 07/6/2019 của Chủ tịch UBND tỉnh Quảng Ngãi về tăng "
        "cường chỉ đạo thực hiện các giải pháp phòng, chống bạo lực, xâm hại trẻ em trên địa "
        "bàn tỉnh Quảng Ngãi; Quyết định số 191/QĐ-UBND ngày 13/02/2020 của UBND tỉnh Quảng "
        "Ngãi ban hành kế hoạch hành động phòng, chống bạo lực, xâm hại trẻ em trên địa bàn "
        "tỉnh, giai đoạn 2020-2025; Kế hoạch số 81/KH-UBND ngày 29/6/2020 của UBND tỉnh Quảng "
        "Ngãi về việc triển khai thực hiện Chỉ thị số 23/CT-TTg ngày 26/5/2020 của Thủ tướng "
        "Chính phủ; Kế hoạch số 70/KH-UBND ngày 19/4/2021 của UBND tỉnh Quảng Ngãi về việc "
        "triển khai thực hiện Nghị quyết số 121/2020/QH14 của Quốc hội khóa XIV); Quy chế phối "
        "hợp số 3654/QCPH-LĐTBXH-GDĐT-YT-CA ngày 23/10/2023 của Sở Lao động - Thương binh và "
        "Xã hội, Sở Giáo dục - Đào tạo, Sở Y tế và Công an tỉnh về phòng, chống bạo lực, xâm "
        "hại tình dục trẻ em; Công văn số 5976/UBND-NC ngày 27/11/2023 về việc phòng ngừa tội "
        "phạm xâm hại tình dục trẻ em trên địa bàn tỉnh Quảng Ngãi; Kế hoạch số 31/KH-UBND ngày "
        "03/3/2020 của UBND thành phố Quảng Ngãi về việc phòng, chống bạo lực, xâm hại trẻ em "
        "trên địa bàn thành phố Quảng Ngãi giai đoạn 2020 – 2025; Kế hoạch số 52/KH-UBND ngày "
        "26/3/2021 về việc phòng, chống tội phạm xâm hại trẻ em và phòng, chống tội phạm, vi "
        "phạm pháp luật liên quan đến người dưới 18 tuổi giai đoạn 2021 – 2025.",
        ("reports_received", "cases_opened", "cases_closed"),
    ),
    (
        "1.2",
        "Nâng cao năng lực cho đội ngũ làm công tác trẻ em các cấp, cộng tác viên làm công tác "
        "trẻ em tại thôn, tổ dân phố. Tăng cường tuyên truyền, nâng cao nhận thức, kiến thức và "
        "kỹ năng bảo vệ, chăm sóc trẻ em cho các tổ chức, gia đình, nhà trường, cha mẹ, người "
        "chăm sóc trẻ và bản thân trẻ em. Thường xuyên thanh tra, kiểm tra về trách nhiệm thực "
        "hiện quyền trẻ em, chính sách, pháp luật về phòng, chống xâm hại trẻ em, đề nghị tiến "
        "hành kiểm tra hàng năm.",
        ("training", "campaigns", "inspections"),
    ),
    (
        "1.3",
        "Triển khai đồng bộ các biện pháp bảo vệ trẻ em theo ba cấp độ (phòng ngừa, hỗ trợ và "
        "can thiệp); ưu tiên bố trí nguồn lực để bảo đảm việc can thiệp, hỗ trợ cho trẻ em khi "
        "bị bạo lực, xâm hại; nâng cao hiệu quả việc phối hợp liên ngành về bảo vệ trẻ em; củng "
        "cố, kiện toàn và nâng cao hiệu quả hoạt động của Ban Điều hành bảo vệ trẻ em cấp xã, "
        "phường; nắm chắc tình hình về trẻ em, trẻ em có hoàn cảnh đặc biệt trên địa bàn; kịp "
        "thời phát hiện các trường hợp trẻ em có nguy cơ bị bạo lực, xâm hại, nhất là trẻ em "
        "sống trong gia đình có cha mẹ ly hôn, ly thân, cha mẹ đi làm ăn xa hoặc có người liên "
        "quan đến tệ nạn xã hội để hỗ trợ, giúp đỡ.",
        ("special_circumstances", "board_meetings"),
    ),
    (
        "1.4",
        "Đẩy mạnh công tác tuyên truyền về Tổng đài quốc gia bảo vệ trẻ em (111), đường dây "
        "nóng của Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi (02553.712.567) để trẻ "
        "em, cá nhân, cơ quan, tổ chức biết, liên hệ khi có nhu cầu tìm kiếm thông tin và tố "
        "giác nguy cơ, hành vi xâm hại trẻ em; hướng dẫn cha, mẹ, người chăm sóc trẻ em, cơ sở "
        "giáo dục, nhà trường và trẻ em về kiến thức, kỹ năng bảo vệ trẻ em, phòng, chống bạo "
        "lực, xâm hại trẻ em, đặc biệt là phòng ngừa tình trạng cha, mẹ, người thân, người "
        "chăm sóc trẻ em xâm hại, bạo lực đến tính mạng, sức khỏe, tinh thần, nhân phẩm của "
        "trẻ em.",
        ("campaigns",),
    ),
    (
        "1.5",
        "Kịp thời phát hiện, thông báo, tố giác hành vi bạo lực, xâm hại trẻ em; thực hiện có "
        "hiệu quả việc tiếp nhận, xử lý thông tin, thông báo, tố giác nguy cơ, hành vi bạo lực, "
        "xâm hại trẻ em và can thiệp, hỗ trợ trẻ em khi bị bạo lực, xâm hại.",
        ("reports_received", "cases_opened", "emergency_actions"),
    ),
    (
        "1.6",
        "Giải quyết kịp thời các vụ việc bạo lực, xâm hại trẻ em ở địa phương; xử lý nghiêm các "
        "cơ quan, tổ chức, cá nhân che giấu, không thông báo, tố giác hành vi bạo lực, xâm hại "
        "trẻ em hoặc thiếu trách nhiệm trong việc xử lý các vụ việc bạo lực, xâm hại trẻ em.",
        ("cases_opened", "cases_closed", "overdue_clocks"),
    ),
    (
        "1.7",
        "Tiếp nhận thông tin, can thiệp, hỗ trợ và tiếp nhận trẻ em cần trợ giúp, bảo vệ khẩn "
        "cấp, đảm bảo sự an toàn cho trẻ và thực hiện các dịch vụ xã hội cơ bản khác, chuyển "
        "gửi, tìm gia đình chăm sóc thay thế đối với trẻ em bị bạo lực, xâm hại.",
        ("reports_received", "emergency_actions", "overdue_clocks"),
    ),
    (
        "2",
        "Giao phòng Lao động - Thương binh và Xã hội thành phố có trách nhiệm theo dõi, chủ động "
        "phối hợp với Công an thành phố trong việc triển khai, báo cáo kết quả thực hiện công "
        "tác phòng ngừa tội phạm xâm hại tình dục trẻ em trên địa bàn thành phố Quảng Ngãi đảm "
        "bảo kịp thời, đúng quy định.",
        ("cases", "emergency_actions"),
    ),
)

PROVINCE_PC: Final = "UBND tỉnh Quảng Ngãi"
PM: Final = "Thủ tướng Chính phủ"
CITY_PC: Final = "UBND thành phố Quảng Ngãi"

# (kind, number and symbol, date, issuer, title) of every document clause 1.1 cites.
REFERENCES: Final[tuple[tuple[DocumentKind, str, dt.date | None, str, str], ...]] = (
    (
        DocumentKind.RESOLUTION,
        "121/2020/QH14",
        None,  # the letter gives no date
        "Quốc hội khóa XIV",
        "Về việc tiếp tục tăng cường hiệu lực, hiệu quả thực hiện chính sách, pháp luật về "
        "phòng, chống xâm hại trẻ em",
    ),
    (
        DocumentKind.DIRECTIVE,
        "18/CT-TTg",
        dt.date(2017, 5, 16),
        PM,
        "Về tăng cường giải pháp phòng, chống bạo lực, xâm hại trẻ em",
    ),
    (
        DocumentKind.DIRECTIVE,
        "08/CT-TTg",
        dt.date(2020, 2, 4),
        PM,
        "Về đẩy mạnh công tác phòng chống bạo lực gia đình",
    ),
    (
        DocumentKind.DIRECTIVE,
        "11/CT-UBND",
        dt.date(2019, 6, 7),
        "Chủ tịch UBND tỉnh Quảng Ngãi",
        "Về tăng cường chỉ đạo thực hiện các giải pháp phòng, chống bạo lực, xâm hại trẻ em "
        "trên địa bàn tỉnh Quảng Ngãi",
    ),
    (
        DocumentKind.DECISION,
        "191/QĐ-UBND",
        dt.date(2020, 2, 13),
        PROVINCE_PC,
        "Ban hành kế hoạch hành động phòng, chống bạo lực, xâm hại trẻ em trên địa bàn tỉnh, "
        "giai đoạn 2020-2025",
    ),
    (
        DocumentKind.PLAN,
        "81/KH-UBND",
        dt.date(2020, 6, 29),
        PROVINCE_PC,
        "Về việc triển khai thực hiện Chỉ thị số 23/CT-TTg ngày 26/5/2020 của Thủ tướng Chính phủ",
    ),
    (
        DocumentKind.DIRECTIVE,
        "23/CT-TTg",
        dt.date(2020, 5, 26),
        PM,
        "Chỉ thị được triển khai bằng Kế hoạch số 81/KH-UBND ngày 29/6/2020 của UBND tỉnh "
        "Quảng Ngãi (trích yếu không ghi trong văn bản dẫn chiếu)",
    ),
    (
        DocumentKind.PLAN,
        "70/KH-UBND",
        dt.date(2021, 4, 19),
        PROVINCE_PC,
        "Về việc triển khai thực hiện Nghị quyết số 121/2020/QH14 của Quốc hội khóa XIV",
    ),
    (
        DocumentKind.COORDINATION_RULES,
        "3654/QCPH-LĐTBXH-GDĐT-YT-CA",
        dt.date(2023, 10, 23),
        "Sở Lao động - Thương binh và Xã hội, Sở Giáo dục - Đào tạo, Sở Y tế và Công an tỉnh "
        "Quảng Ngãi",
        "Về phòng, chống bạo lực, xâm hại tình dục trẻ em",
    ),
    (
        DocumentKind.OFFICIAL_LETTER,
        "5976/UBND-NC",
        dt.date(2023, 11, 27),
        PROVINCE_PC,
        "Về việc phòng ngừa tội phạm xâm hại tình dục trẻ em trên địa bàn tỉnh Quảng Ngãi",
    ),
    (
        DocumentKind.OFFICIAL_LETTER,
        "4234/SLĐTBXH-TEBĐG&PCTNXH",
        dt.date(2023, 11, 30),
        "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi",
        "Về việc phòng ngừa tội phạm xâm hại tình dục trẻ em trên địa bàn tỉnh",
    ),
    (
        DocumentKind.PLAN,
        "31/KH-UBND",
        dt.date(2020, 3, 3),
        CITY_PC,
        "Về việc phòng, chống bạo lực, xâm hại trẻ em trên địa bàn thành phố Quảng Ngãi giai "
        "đoạn 2020 – 2025",
    ),
    (
        DocumentKind.PLAN,
        "52/KH-UBND",
        dt.date(2021, 3, 26),
        CITY_PC,  # inferred: the letter names no issuer; it follows the city's own plan
        "Về việc phòng, chống tội phạm xâm hại trẻ em và phòng, chống tội phạm, vi phạm pháp "
        "luật liên quan đến người dưới 18 tuổi giai đoạn 2021 – 2025",
    ),
)
