# The processing purposes of a child's data (docs/security.md); editable in the admin.

from django.db import migrations

PURPOSES = [
    ("registry", "Quản lý, theo dõi trẻ em (sổ theo dõi, cảnh báo nguy cơ)"),
    ("case_management", "Hỗ trợ, can thiệp trường hợp trẻ bị xâm hại (Nghị định 56)"),
    ("referral", "Chuyển gửi, chia sẻ thông tin với cơ quan, tổ chức phối hợp"),
    ("statistics", "Thống kê, báo cáo (số liệu tổng hợp, không định danh)"),
    ("communication", "Truyền thông, báo chí (công bố hình ảnh, thông tin của trẻ)"),
]


def fill(apps, schema_editor):
    Purpose = apps.get_model("privacy", "ProcessingPurpose")
    for position, (code, name) in enumerate(PURPOSES):
        Purpose.objects.get_or_create(code=code, defaults={"name": name, "position": position})


class Migration(migrations.Migration):

    dependencies = [
        ("privacy", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
