"""Reference data: what each agency kind sees of a referred case (issue 5).

The police see what an investigation needs, a school what support needs, a health facility
what care needs; every other kind only the child's identity. 30 days after the referral ends
is a product choice, not law. Editable in the admin; idempotent (get_or_create on the kind:
an edited row is kept); the reverse is a no-op.
"""

from django.db import migrations

DAYS = 30
ROWS = {
    "police": ["identity", "abuse_details", "perpetrators", "justice_track"],
    "school": ["identity", "support_needs"],
    "health": ["identity", "health_needs"],
    "": ["identity"],
}


def fill(apps, schema_editor):
    model = apps.get_model("referrals", "SharedFieldGroups")
    for kind, groups in ROWS.items():
        model.objects.get_or_create(
            agency_kind=kind, defaults={"field_groups": groups, "days_after_end": DAYS}
        )


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
