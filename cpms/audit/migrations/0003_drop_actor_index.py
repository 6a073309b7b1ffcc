"""Drop the index on the actor alone: audit_actor_idx (actor, event_time) answers every lookup
by actor, and the extra index cost a write on every audit insert.

Only the index goes. Django's own AlterField would also drop and re-add the foreign key,
re-checking every audit row while holding a lock that blocks audit inserts (every page).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEX = "audit_auditlog_actor_id_20e70a27"  # Django's name for it; 0002 kept the names


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_partition_by_month"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditlog",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người thực hiện",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "audit_auditlog" ("actor_id")',
                ),
            ],
        ),
    ]
