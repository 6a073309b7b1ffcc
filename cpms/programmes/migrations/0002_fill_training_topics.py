from __future__ import annotations

from django.db import migrations

TOPICS = [
    ("law_children", "Luật Trẻ em và văn bản hướng dẫn"),
    ("recognise_report_abuse", "Nhận diện và báo cáo xâm hại trẻ em"),
    ("support_intervention", "Quy trình hỗ trợ, can thiệp (Nghị định 56/2017)"),
    ("counselling", "Kỹ năng tư vấn, tham vấn trẻ em"),
    ("online_abuse", "Phòng, chống xâm hại trẻ em trên môi trường mạng"),
    ("life_skills", "Kỹ năng sống và tự bảo vệ cho trẻ em"),
    ("drowning_injury", "Phòng, chống đuối nước, tai nạn thương tích"),
]


def fill(apps, schema_editor):
    topic = apps.get_model("programmes", "TrainingTopic")
    for order, (code, name) in enumerate(TOPICS, start=1):
        topic.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
