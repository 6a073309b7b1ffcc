"""Reference data: the provisions the accountability register cites (legal-framework.md §1.6,
§4 and the clause 1.6 row of §11).

Idempotent on `code`: rows an administrator edited keep their values. `verified` follows the
confidence recorded in legal-framework.md: provisions marked medium or UNVERIFIED there stay
unverified, and say so in `note`, until someone checks them against the official text. The
reverse is a no-op.
"""

from django.db import migrations

UNVERIFIED = "UNVERIFIED: số điều và nội dung theo nguồn thứ cấp, cần đối chiếu văn bản chính thức."

# code, title, summary, note, verified, applies to kinds, order
REFERENCES = [
    (
        "law_children_2016_art6",
        "Luật Trẻ em 2016, Điều 6 (các hành vi bị nghiêm cấm)",
        "Nghiêm cấm không cung cấp thông tin, che giấu, ngăn cản việc cung cấp thông tin về "
        "trẻ em bị xâm hại, trẻ em có nguy cơ bị bóc lột, bị bạo lực cho gia đình, cơ sở "
        "giáo dục, cơ quan, cá nhân có thẩm quyền.",
        "",
        True,
        ["concealment", "failure_to_report", "obstruction"],
        1,
    ),
    (
        "decree_56_2017_art25",
        "Nghị định 56/2017/NĐ-CP, Điều 25 khoản 1 (thông báo, tố giác)",
        "Cơ quan, tổ chức, cơ sở giáo dục, gia đình, cá nhân phát hiện hoặc có thông tin về "
        "trẻ em bị xâm hại hoặc có nguy cơ bị xâm hại có trách nhiệm thông báo ngay cho Tổng "
        "đài điện thoại quốc gia bảo vệ trẻ em, cơ quan lao động - thương binh và xã hội, công "
        "an các cấp hoặc Ủy ban nhân dân cấp xã nơi xảy ra vụ việc.",
        "",
        True,
        ["failure_to_report"],
        2,
    ),
    (
        "decree_56_2017_art26_30",
        "Nghị định 56/2017/NĐ-CP, Điều 26–30 (trình tự, thời hạn hỗ trợ, can thiệp)",
        "Trình tự và thời hạn xử lý một trường hợp: đánh giá nguy cơ ban đầu, can thiệp khẩn "
        "cấp trong 12 giờ, xây dựng kế hoạch hỗ trợ, can thiệp trong 05 ngày làm việc, phê "
        "duyệt, thực hiện và rà soát kế hoạch. Thời hạn cụ thể của từng bước là bảng quy định "
        "thời hạn của hệ thống.",
        "Một số thời hạn (cách chia 05 + 02 ngày làm việc) CHƯA KIỂM CHỨNG với văn bản gốc: "
        "xem ghi chú của từng quy định thời hạn.",
        False,
        ["late_handling"],
        3,
    ),
    (
        "decree_130_2021_art28",
        "Nghị định 130/2021/NĐ-CP, Điều 28 (vi phạm quy định về bảo vệ trẻ em)",
        "Phạt tiền từ 5.000.000 đến 10.000.000 đồng đối với hành vi không thông báo, không "
        "cung cấp thông tin, che giấu thông tin hoặc cản trở việc cung cấp thông tin về trẻ em "
        "có nguy cơ bị bóc lột, bạo lực, xâm hại; mức 10.000.000 đến 15.000.000 đồng đối với "
        "một nhóm hành vi khác (trong đó có không cung cấp, che giấu thông tin về trẻ em bị "
        "xâm hại).",
        "Khung 10–15 triệu đồng mới xem được một phần nội dung: cần đối chiếu văn bản chính "
        "thức.",
        True,
        ["concealment", "failure_to_report", "obstruction"],
        4,
    ),
    (
        "penal_code_art389",
        "Bộ luật Hình sự 2015, Điều 389 (tội che giấu tội phạm)",
        "Che giấu tội phạm (ví dụ tội xâm hại tình dục trẻ em) mà không có hứa hẹn trước có "
        "thể bị truy cứu trách nhiệm hình sự: chuyển cơ quan công an xem xét.",
        UNVERIFIED,
        False,
        ["concealment"],
        5,
    ),
    (
        "penal_code_art390",
        "Bộ luật Hình sự 2015, Điều 390 (tội không tố giác tội phạm)",
        "Biết rõ tội phạm đang được chuẩn bị, đang được thực hiện hoặc đã được thực hiện mà "
        "không tố giác có thể bị truy cứu trách nhiệm hình sự: chuyển cơ quan công an xem xét.",
        UNVERIFIED,
        False,
        ["failure_to_report"],
        6,
    ),
]


def fill(apps, schema_editor):
    LegalReference = apps.get_model("accountability", "LegalReference")
    for code, title, summary, note, verified, kinds, order in REFERENCES:
        LegalReference.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "summary": summary,
                "note": note,
                "verified": verified,
                "applies_to_kinds": kinds,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accountability", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
