"""Reference data: the caregiver checklist of Law on Children Art. 63 and the review rule.

Idempotent on `code`: rows an administrator edited keep their values. The wording of the
checklist comes from secondary sources quoting Art. 63 (legal-framework.md §6): items marked
UNVERIFIED in `note` must be checked against the official text before go-live. No legal
period for reviewing a placement was found, so the review rule defaults to 6 months and says
so. The reverse is a no-op.
"""

from django.db import migrations

LAW = "Luật Trẻ em 2016, Điều 63"
UNVERIFIED = "UNVERIFIED: diễn đạt theo nguồn thứ cấp, cần đối chiếu văn bản chính thức."

# code, text, legal basis, note, applies to, order
ITEMS = [
    ("residence_vn", "Cư trú tại Việt Nam", LAW, "", "person", 1),
    (
        "health_capacity",
        "Có sức khỏe, năng lực hành vi dân sự đầy đủ",
        LAW,
        "Hồ sơ đăng ký kèm giấy khám sức khỏe trong thời gian 06 tháng.",
        "person",
        2,
    ),
    ("good_character", "Có tư cách đạo đức tốt", LAW, "", "person", 3),
    (
        "parental_rights",
        "Không bị hạn chế quyền của cha, mẹ đối với con chưa thành niên",
        LAW,
        "",
        "person",
        4,
    ),
    (
        "no_abuse_record",
        "Không bị truy cứu trách nhiệm hình sự hoặc xử phạt vi phạm hành chính về hành vi "
        "xâm hại trẻ em",
        LAW,
        UNVERIFIED,
        "person",
        5,
    ),
    (
        "living_conditions",
        "Có điều kiện về chỗ ở, kinh tế bảo đảm việc chăm sóc, nuôi dưỡng trẻ em",
        LAW,
        UNVERIFIED,
        "person",
        6,
    ),
    (
        "facility_licensed",
        "Cơ sở trợ giúp xã hội được thành lập, cấp phép hoạt động theo quy định",
        "Nghị định 103/2017/NĐ-CP; Nghị định 20/2021/NĐ-CP",
        UNVERIFIED,
        "facility",
        1,
    ),
]

RULE = {
    "code": "placement_review",
    "name": "Rà soát, đánh giá việc chăm sóc thay thế định kỳ",
    "legal_basis": "Nghị định 56/2017/NĐ-CP, Điều 43 khoản 2 (theo dõi trẻ em được chăm sóc "
    "thay thế)",
    "note": "UNVERIFIED: văn bản không quy định chu kỳ rà soát; mặc định 6 tháng, có thể "
    "điều chỉnh. Hạn rơi vào ngày nghỉ thì chuyển sang ngày làm việc tiếp theo "
    "(Bộ luật Dân sự 2015, Điều 148).",
    "amount": 6,
    "unit": "months",
    "remind_before_days": 14,
}


def fill(apps, schema_editor):
    Item = apps.get_model("care", "EligibilityItem")
    for code, text, basis, note, applies_to, order in ITEMS:
        Item.objects.get_or_create(
            code=code,
            defaults={
                "text": text,
                "legal_basis": basis,
                "note": note,
                "applies_to": applies_to,
                "order": order,
            },
        )
    Rule = apps.get_model("care", "ReviewRule")
    Rule.objects.get_or_create(code=RULE["code"], defaults=RULE)


class Migration(migrations.Migration):
    dependencies = [("care", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
