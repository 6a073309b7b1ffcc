"""Reference data: the risk factors used by the transparent screening (cpms.children.screening).

The first three come from the city's letter; the others are what a commune worker would
expect to look at. Weights feed the score (medium from 2, high from 5, see screening.py);
they are editable in the admin, as is `active`. Several factors are also read from the
child's record and family (the description says which), so a worker need not record them
twice. Idempotent (update_or_create on code); the reverse is a no-op.
"""

from django.db import migrations

LETTER = "Công văn UBND TP Quảng Ngãi 12/2023, mục 1.3"
PRACTICE = "Kinh nghiệm nghiệp vụ"

# (code, name, weight, source, description)
FACTORS = [
    (
        "parents_divorced_separated",
        "Cha mẹ ly hôn hoặc ly thân",
        1,
        LETTER,
        "Tự động ghi nhận khi hồ sơ của trẻ ghi cha mẹ ly hôn hoặc ly thân.",
    ),
    (
        "parents_far_away",
        "Cha, mẹ đi làm ăn xa",
        1,
        LETTER,
        "Tự động ghi nhận khi cha hoặc mẹ của trẻ được ghi là đi làm ăn xa.",
    ),
    (
        "relative_social_evils",
        "Người thân liên quan đến tệ nạn xã hội",
        2,
        LETTER,
        "Ma túy, cờ bạc, mại dâm, có tiền án, tiền sự. Tự động ghi nhận từ thông tin nhạy "
        "cảm về người lớn sống cùng trẻ.",
    ),
    (
        "out_of_school",
        "Trẻ bỏ học, không đi học",
        2,
        PRACTICE,
        "Tự động ghi nhận khi hồ sơ của trẻ ghi không đi học.",
    ),
    (
        "living_alone",
        "Trẻ sống một mình",
        3,
        PRACTICE,
        "Tự động ghi nhận khi hoàn cảnh sống của trẻ là sống một mình.",
    ),
    (
        "elderly_carers",
        "Trẻ sống với ông bà hoặc người cao tuổi, không có cha mẹ chăm sóc",
        1,
        PRACTICE,
        "Tự động ghi nhận khi hoàn cảnh sống của trẻ là sống với ông bà.",
    ),
    (
        "disability",
        "Trẻ khuyết tật",
        1,
        PRACTICE,
        "Tự động ghi nhận khi hồ sơ có thông tin khuyết tật hoặc trẻ thuộc nhóm d.",
    ),
    (
        "earlier_abuse",
        "Trẻ từng bị xâm hại",
        3,
        PRACTICE,
        "Cán bộ ghi nhận khi trẻ đã từng bị bạo lực, bóc lột, xâm hại tình dục hoặc bỏ mặc.",
    ),
    (
        "household_violence",
        "Người sống cùng trẻ có hành vi bạo lực",
        3,
        PRACTICE,
        "Tự động ghi nhận từ thông tin nhạy cảm về người lớn sống cùng trẻ.",
    ),
    (
        "caregiver_substance_use",
        "Người chăm sóc nghiện rượu hoặc sử dụng chất gây nghiện",
        2,
        PRACTICE,
        "Cán bộ ghi nhận.",
    ),
    (
        "poor_household",
        "Hộ nghèo hoặc hộ cận nghèo",
        1,
        PRACTICE,
        "Cán bộ ghi nhận.",
    ),
]


def fill(apps, schema_editor):
    RiskFactor = apps.get_model("children", "RiskFactor")
    for order, (code, name, weight, source, description) in enumerate(FACTORS, start=1):
        RiskFactor.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "weight": weight,
                "source": source,
                "description": description,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("children", "0002_fill_special_circumstances")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
