"""Reference data: the default legal clocks of Decree 56/2017 (legal-framework.md §2).

Editable in the admin (docs/case-workflow.md explains how); idempotent on `code`: existing
rules keep the values an administrator set. The reverse is a no-op.
"""

from django.db import migrations

D56 = "Nghị định 56/2017/NĐ-CP"

# code, name, legal basis, note, start event, applies when, amount, unit, stop steps,
# remind before (hours), escalate after (hours)
RULES = [
    (
        "initial_assessment",
        "Đánh giá nguy cơ ban đầu (Mẫu 02)",
        f"{D56}, Điều 26",
        "Văn bản quy định thực hiện ngay; đặt 12 giờ để kịp quyết định can thiệp khẩn cấp "
        "trong 12 giờ. Có thể điều chỉnh.",
        "received",
        "always",
        12,
        "hours",
        ["initial_assess"],
        4,
        0,
    ),
    (
        "emergency_action",
        "Can thiệp khẩn cấp hoặc tạm thời cách ly",
        f"{D56}, Điều 26 khoản 3, Điều 31, Điều 32",
        "Không quá 12 giờ kể từ khi nhận được thông tin, khi trẻ có nguy cơ hoặc đang bị "
        "tổn hại nghiêm trọng đến tính mạng, sức khỏe, nhân phẩm.",
        "received",
        "emergency",
        12,
        "hours",
        ["emergency_action", "separate"],
        4,
        0,
    ),
    (
        "plan_draft",
        "Xây dựng kế hoạch hỗ trợ, can thiệp (Mẫu 04)",
        f"{D56}, Điều 28 khoản 1",
        "Trong thời hạn 05 ngày làm việc, trừ trường hợp khẩn cấp. Tính từ khi tiếp nhận "
        "thông tin (một số thủ tục cấp tỉnh tính các bước 2–4 trong thời hạn này): "
        "CHƯA KIỂM CHỨNG với văn bản gốc.",
        "received",
        "always",
        5,
        "working_days",
        ["draft_plan"],
        24,
        0,
    ),
    (
        "plan_approval",
        "Phê duyệt kế hoạch (Mẫu 05)",
        "Thủ tục hành chính phê duyệt kế hoạch hỗ trợ, can thiệp (QĐ 847/QĐ-LĐTBXH)",
        "Thủ tục có tổng thời hạn 07 ngày làm việc; 05 ngày để xây dựng kế hoạch, còn lại "
        "khoảng 02 ngày để phê duyệt. Cách chia này CHƯA KIỂM CHỨNG (UNVERIFIED).",
        "plan_drafted",
        "always",
        2,
        "working_days",
        ["approve_plan"],
        8,
        0,
    ),
    (
        "separation_expiry",
        "Hết hạn tạm thời cách ly",
        f"{D56}, Điều 32",
        "Tổng thời gian cách ly kể cả gia hạn không quá 15 ngày, trừ khi cơ quan có thẩm "
        "quyền yêu cầu tiếp tục. Nhắc trước khi hết hạn để gia hạn hoặc chấm dứt.",
        "separation_end",
        "always",
        0,
        "hours",
        ["separation_end"],
        48,
        0,
    ),
    (
        "plan_review",
        "Rà soát, đánh giá sau kế hoạch (Mẫu 06)",
        f"{D56}, Điều 30",
        "Hạn là ngày kết thúc thời gian thực hiện kế hoạch đã được phê duyệt.",
        "plan_period_end",
        "always",
        0,
        "calendar_days",
        ["review"],
        72,
        24,
    ),
]


def fill(apps, schema_editor):
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    for row in RULES:
        code, name, basis, note, start, applies, amount, unit, stops, remind, escalate = row
        DeadlineRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "legal_basis": basis,
                "note": note,
                "start_event": start,
                "applies_when": applies,
                "amount": amount,
                "unit": unit,
                "stop_steps": stops,
                "remind_before_hours": remind,
                "escalate_after_hours": escalate,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
