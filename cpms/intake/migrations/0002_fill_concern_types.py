"""Reference data: concern types of a report (legal-framework.md §3).

The abuse types of the Law on Children Art. 4, the five sexual-abuse sub-types (NQ 06/2019)
and "at risk" (a support-level case, not an abuse case). Editable in the admin; idempotent
(update_or_create on code); the reverse is a no-op.
"""

from django.db import migrations

LAW = "Luật Trẻ em 2016, Điều 4"
NQ06 = "Luật Trẻ em 2016, Điều 4; Nghị định 56/2017; Nghị quyết 06/2019/NQ-HĐTP"

# (code, name, parent code, is_abuse, legal basis)
TYPES = [
    ("violence", "Bạo lực", None, True, LAW),
    ("exploitation", "Bóc lột", None, True, LAW),
    ("sexual_abuse", "Xâm hại tình dục", None, True, NQ06),
    ("rape", "Hiếp dâm", "sexual_abuse", True, NQ06),
    ("forced_sex", "Cưỡng dâm", "sexual_abuse", True, NQ06),
    ("intercourse", "Giao cấu", "sexual_abuse", True, NQ06),
    ("molestation", "Dâm ô", "sexual_abuse", True, NQ06),
    (
        "prostitution_pornography",
        "Sử dụng vào mục đích mại dâm, khiêu dâm",
        "sexual_abuse",
        True,
        NQ06,
    ),
    ("trafficking", "Mua bán", None, True, LAW),
    ("abandonment", "Bỏ rơi", None, True, LAW),
    ("neglect", "Bỏ mặc", None, True, LAW),
    ("other_harm", "Các hình thức gây tổn hại khác", None, True, LAW),
    (
        "at_risk",
        "Có nguy cơ bị bạo lực, bóc lột, bỏ rơi",
        None,
        False,
        "Luật Trẻ em 2016, Điều 49, 52; Nghị định 56/2017, Chương III",
    ),
]


def fill(apps, schema_editor):
    ConcernType = apps.get_model("intake", "ConcernType")
    for position, (code, name, parent_code, is_abuse, basis) in enumerate(TYPES, start=1):
        parent = ConcernType.objects.get(code=parent_code) if parent_code else None
        ConcernType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "parent": parent,
                "is_abuse": is_abuse,
                "legal_basis": basis,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
