"""Reference data: the 14 groups of children in special circumstances and their sub-groups.

Top groups: Law on Children 2016 (Luật Trẻ em, Law 102/2016/QH13), Art. 10; the codes are the
law's own letters ("dd" for đ). Sub-groups: Decree 56/2017/NĐ-CP, Chapter II, Section 1.

How sure each sub-group list is (see docs/legal-framework.md §1.4):
- a (Art. 3), four sub-groups: verified (project legal notes, "high").
- l, five cases of sexual abuse: the cases are verified (project legal notes, "high"); the
  article number is NOT, so legal_basis names the chapter and section only.
- b (Art. 4), two sub-groups, and c (Art. 5), first four cases: taken from secondary
  sources (a thuvienphapluat Q&A and a luatminhkhue article quoting Art. 5), NOT from the
  official gazette text. Art. 5 lists further cases (a parent missing and the other in a
  social assistance facility or in prison, etc.) that are NOT seeded here: a worker records
  the top group "c" for those. Check against the official text before relying on them.
- The other groups get no sub-groups here (not verified). The groups are editable in the
  admin, so an officer can add the rest once checked.

Idempotent (update_or_create on code); the reverse is a no-op: the rows may be referenced.
"""

import datetime as dt

from django.db import migrations

LAW = "Luật Trẻ em 2016, Điều 10"
LAW_FROM = dt.date(2017, 6, 1)  # the Law on Children took effect on 1 June 2017
DECREE_FROM = dt.date(2017, 7, 1)  # Decree 56/2017 took effect on 1 July 2017
DECREE_SECTION = "Nghị định 56/2017/NĐ-CP, Chương II, Mục 1"

GROUPS = [
    ("a", "Trẻ em mồ côi cả cha và mẹ"),
    ("b", "Trẻ em bị bỏ rơi"),
    ("c", "Trẻ em không nơi nương tựa"),
    ("d", "Trẻ em khuyết tật"),
    ("dd", "Trẻ em nhiễm HIV/AIDS"),
    ("e", "Trẻ em vi phạm pháp luật"),
    ("g", "Trẻ em nghiện ma túy"),
    ("h", "Trẻ em phải bỏ học kiếm sống chưa hoàn thành phổ cập giáo dục trung học cơ sở"),
    ("i", "Trẻ em bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực"),
    ("k", "Trẻ em bị bóc lột"),
    ("l", "Trẻ em bị xâm hại tình dục"),
    ("m", "Trẻ em bị mua bán"),
    (
        "n",
        "Trẻ em mắc bệnh hiểm nghèo hoặc bệnh phải điều trị dài ngày thuộc hộ nghèo "
        "hoặc hộ cận nghèo",
    ),
    (
        "o",
        "Trẻ em di cư, trẻ em lánh nạn, tị nạn chưa xác định được cha mẹ "
        "hoặc không có người chăm sóc",
    ),
]

# parent code -> (legal basis, [sub-group names in the decree's order])
SUBGROUPS = {
    "a": (
        "Nghị định 56/2017/NĐ-CP, Điều 3",  # verified
        [
            "Trẻ em mồ côi cả cha và mẹ không có người chăm sóc",
            "Trẻ em mồ côi cả cha và mẹ đang được chăm sóc tại cơ sở cung cấp dịch vụ "
            "bảo vệ trẻ em, cơ sở trợ giúp xã hội",
            "Trẻ em mồ côi cả cha và mẹ đang sống cùng người thân thích",
            "Trẻ em mồ côi cả cha và mẹ được chăm sóc thay thế bởi cá nhân, gia đình không "
            "phải là người thân thích, trừ trường hợp được nhận làm con nuôi",
        ],
    ),
    "b": (
        "Nghị định 56/2017/NĐ-CP, Điều 4",  # UNVERIFIED: secondary source only
        [
            "Trẻ em bị bỏ rơi chưa được chăm sóc thay thế",
            "Trẻ em bị bỏ rơi đang được chăm sóc thay thế",
        ],
    ),
    "c": (
        "Nghị định 56/2017/NĐ-CP, Điều 5",  # UNVERIFIED wording; list INCOMPLETE
        [
            "Trẻ em mồ côi cha hoặc mẹ và người còn lại mất tích theo quy định của pháp luật",
            "Trẻ em mồ côi cha hoặc mẹ và người còn lại đang hưởng chế độ chăm sóc, nuôi "
            "dưỡng tại cơ sở trợ giúp xã hội hoặc không còn khả năng chăm sóc, nuôi dưỡng",
            "Trẻ em mồ côi cha hoặc mẹ và người còn lại đang chấp hành án phạt tù tại trại "
            "giam hoặc đang chấp hành quyết định đưa vào cơ sở giáo dục bắt buộc, cơ sở cai "
            "nghiện bắt buộc",
            "Trẻ em có cả cha và mẹ mất tích theo quy định của pháp luật",
        ],
    ),
    "l": (
        DECREE_SECTION,  # the five cases are verified; the article number is not
        [
            "Trẻ em bị hiếp dâm",
            "Trẻ em bị cưỡng dâm",
            "Trẻ em bị giao cấu",
            "Trẻ em bị dâm ô",
            "Trẻ em bị sử dụng vào mục đích mại dâm, khiêu dâm dưới mọi hình thức",
        ],
    ),
}


def fill(apps, schema_editor):
    Group = apps.get_model("children", "SpecialCircumstanceGroup")
    tops = {}
    for order, (code, name) in enumerate(GROUPS, start=1):
        tops[code], _ = Group.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "parent": None,
                "legal_basis": LAW,
                "order": order,
                "valid_from": LAW_FROM,
            },
        )
    for parent_code, (legal_basis, names) in SUBGROUPS.items():
        parent = tops[parent_code]
        for index, name in enumerate(names, start=1):
            Group.objects.update_or_create(
                code=f"{parent_code}.{index}",
                defaults={
                    "name": name,
                    "parent": parent,
                    "legal_basis": legal_basis,
                    # after the 14 groups, kept together under their group: a.1 = 101
                    "order": parent.order * 100 + index,
                    "valid_from": DECREE_FROM,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("children", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
