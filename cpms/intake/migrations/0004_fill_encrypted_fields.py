# Encrypts the reporter identity, the account and the child's condition already stored.

from django.db import migrations

from cpms.privacy.migration_ops import encrypt_existing


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0003_protect_fields"),
    ]

    operations = [
        migrations.RunPython(
            encrypt_existing(
                "intake",
                {
                    "Report": ["reporter_name", "reporter_phone", "reporter_address", "description"],
                    "ReportChild": ["condition"],
                },
            ),
            migrations.RunPython.noop,
        ),
    ]
