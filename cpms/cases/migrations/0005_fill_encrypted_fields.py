# Encrypts perpetrator details and the medical notes of the assessments already stored.

from django.db import migrations

from cpms.privacy.migration_ops import encrypt_existing


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0004_protect_fields"),
    ]

    operations = [
        migrations.RunPython(
            encrypt_existing(
                "cases",
                {
                    "AllegedPerpetrator": ["full_name", "notes"],
                    "InitialAssessment": ["harm_description"],
                    "NeedsAssessment": ["child_state"],
                    "Review": ["child_state"],
                },
            ),
            migrations.RunPython.noop,
        ),
    ]
