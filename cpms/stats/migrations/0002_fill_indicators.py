"""Reference data: the indicators (legal-framework.md §4; issue 7 item 1).

Circular 13/2021/TT-BLĐTBXH indicators the framework names, and operational ones. Definitions
and breakdowns beyond the three 0101 breakdowns the framework confirms (sex, age group,
setting) are not checked against the official text: `verified` is False everywhere. Codes of
operational indicators start with "VH" (vận hành) so they never collide with a circular's.
Idempotent (update_or_create on code); the reverse is a no-op.
"""

from django.db import migrations

C13 = "Thông tư 13/2021/TT-BLĐTBXH, Phụ lục IV"
C13_I = "Thông tư 13/2021/TT-BLĐTBXH, Phụ lục I"
SYSTEM = "Hệ thống quản lý bảo vệ trẻ em (dữ liệu trường hợp)"
ALL = ["six_monthly", "yearly", "ad_hoc"]
MOA = [*ALL, "month_of_action"]

# (code, name, definition, unit, breakdowns, period, report kinds, source, legal, calculator)
INDICATORS = [
    (
        "0101",
        "Số trẻ em bị xâm hại",
        "Số trẻ em có ít nhất một trường hợp được tiếp nhận trong kỳ với hình thức xâm hại "
        "(không tính trường hợp chỉ có nguy cơ). Mỗi trẻ tính một lần, theo trường hợp đầu "
        "tiên trong kỳ: xã, phường nơi tiếp nhận xử lý; tuổi tại thời điểm tiếp nhận.",
        "Trẻ em",
        ["sex", "age_group", "setting", "abuse_type", "perpetrator_relation", "commune"],
        "six_monthly",
        MOA,
        SYSTEM,
        C13,
        "abused_children",
    ),
    (
        "TE-HCĐB",
        "Số trẻ em có hoàn cảnh đặc biệt và số được hỗ trợ, can thiệp",
        "Số trẻ em thuộc ít nhất một nhóm hoàn cảnh đặc biệt (Luật Trẻ em, Điều 10) vào một "
        "thời điểm trong kỳ; trong đó được hỗ trợ, can thiệp: có trường hợp đang mở vào một "
        "thời điểm trong kỳ. Mỗi trẻ tính một lần trong tổng số, một lần trong mỗi nhóm.",
        "Trẻ em",
        ["helped", "circumstance_group", "commune"],
        "yearly",
        ALL,
        "Sổ theo dõi trẻ em; dữ liệu trường hợp",
        C13_I,
        "circumstance_children",
    ),
    (
        "VH01",
        "Số thông tin tiếp nhận",
        "Số thông tin, thông báo về trẻ em bị xâm hại hoặc có nguy cơ (Mẫu 01) được tiếp "
        "nhận trong kỳ, theo nguồn tiếp nhận.",
        "Thông tin",
        ["channel", "setting", "commune"],
        "six_monthly",
        MOA,
        SYSTEM,
        "Nghị định 56/2017/NĐ-CP, Điều 24",
        "reports_by_channel",
    ),
    (
        "VH02",
        "Số trường hợp theo bước xử lý",
        "Số trường hợp mở vào một thời điểm trong kỳ, theo bước xử lý và cấp độ bảo vệ hiện tại.",
        "Trường hợp",
        ["protection_level", "case_step", "commune"],
        "six_monthly",
        ALL,
        SYSTEM,
        "Nghị định 56/2017/NĐ-CP, Chương III",
        "cases_by_step",
    ),
    (
        "VH03",
        "Số trẻ em theo cấp độ bảo vệ",
        "Số trẻ em có trường hợp mở vào một thời điểm trong kỳ, theo cấp độ bảo vệ của "
        "trường hợp gần nhất (Luật Trẻ em, Điều 47 – 50).",
        "Trẻ em",
        ["sex", "protection_level", "commune"],
        "six_monthly",
        ALL,
        SYSTEM,
        "Luật Trẻ em 2016, Điều 47",
        "protection_levels",
    ),
    (
        "VH04",
        "Thời hạn xử lý theo quy định",
        "Số thời hạn theo quy định (Nghị định 56/2017) đến hạn trong kỳ, không tính thời hạn "
        "đã hủy: hoàn thành đúng hạn, trễ hạn, quá hạn chưa hoàn thành, chưa đến hạn.",
        "Thời hạn",
        ["clock_status", "deadline_rule", "commune"],
        "six_monthly",
        ALL,
        SYSTEM,
        "Nghị định 56/2017/NĐ-CP, Điều 24 – 30",
        "clocks",
    ),
    (
        "VH05",
        "Thời gian từ tiếp nhận đến phê duyệt kế hoạch",
        "Số trường hợp có kế hoạch hỗ trợ, can thiệp đầu tiên được phê duyệt trong kỳ, theo "
        "số ngày (lịch) từ khi tiếp nhận thông tin đến khi phê duyệt; kèm trung vị.",
        "Trường hợp",
        ["plan_days", "commune"],
        "six_monthly",
        ALL,
        SYSTEM,
        "Nghị định 56/2017/NĐ-CP, Điều 28",
        "plan_time",
    ),
    (
        "VH06",
        "Chuyển gửi hoàn thành đúng hạn",
        "Số chuyển gửi có hạn thực hiện trong kỳ (không tính bị từ chối, bị hủy): hoàn thành "
        "đúng hạn, trễ hạn, quá hạn chưa hoàn thành, chưa đến hạn.",
        "Chuyển gửi",
        ["referral_status", "referral_kind", "commune"],
        "six_monthly",
        ALL,
        SYSTEM,
        "Luật Trẻ em 2016, Điều 51",
        "referrals_on_time",
    ),
    (
        "VH07",
        "Tập huấn cán bộ, cộng tác viên",
        "Số buổi tập huấn, lượt tham dự trong kỳ; số cán bộ, cộng tác viên cấp xã và số đã "
        "được tập huấn trong 12 tháng tính đến cuối kỳ.",
        "Buổi, người",
        [],
        "yearly",
        ALL,
        "Hệ thống quản lý bảo vệ trẻ em (chương trình, hoạt động)",
        "",
        "training_coverage",
    ),
    (
        "VH08",
        "Truyền thông phòng, chống xâm hại trẻ em",
        "Số hoạt động truyền thông, số lượt người được tiếp cận, số hoạt động giới thiệu "
        "Tổng đài 111 hoặc đường dây nóng trong kỳ.",
        "Hoạt động, người",
        [],
        "six_monthly",
        MOA,
        "Hệ thống quản lý bảo vệ trẻ em (chương trình, hoạt động)",
        "",
        "campaign_reach",
    ),
    (
        "VH09",
        "Kiểm tra và kiến nghị sau kiểm tra",
        "Số cuộc kiểm tra, kiến nghị ban hành trong kỳ; kiến nghị khắc phục xong trong kỳ; "
        "kiến nghị quá hạn chưa khắc phục vào cuối kỳ.",
        "Cuộc, kiến nghị",
        [],
        "yearly",
        ALL,
        "Hệ thống quản lý bảo vệ trẻ em (chương trình, hoạt động)",
        "",
        "inspection_recommendations",
    ),
]


def fill(apps, schema_editor):
    Indicator = apps.get_model("stats", "Indicator")
    for order, row in enumerate(INDICATORS, start=1):
        code, name, definition, unit, breakdowns, period, kinds, source, legal, calc = row
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "definition": definition,
                "unit_of_measure": unit,
                "breakdowns": breakdowns,
                "age_bounds": [0, 6, 11, 16, 18],
                "publication_period": period,
                "report_kinds": kinds,
                "data_source": source,
                "legal_source": legal,
                "verified": False,
                "calculator": calc,
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
