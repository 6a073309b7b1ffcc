# Encrypts the caller identity, the call summary and the child's condition already stored.

from django.db import migrations

from cpms.privacy.migration_ops import encrypt_existing


class Migration(migrations.Migration):

    dependencies = [
        ("hotline", "0002_protect_fields"),
    ]

    operations = [
        migrations.RunPython(
            encrypt_existing(
                "hotline",
                {"Call": ["caller_name", "caller_phone", "summary"], "CallChild": ["condition"]},
            ),
            migrations.RunPython.noop,
        ),
    ]
