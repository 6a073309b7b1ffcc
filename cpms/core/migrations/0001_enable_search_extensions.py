from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        # unaccent() is only STABLE; an IMMUTABLE wrapper lets search keys be indexed.
        migrations.RunSQL(
            sql="""
            CREATE OR REPLACE FUNCTION cpms_unaccent(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
            """,
            reverse_sql="DROP FUNCTION IF EXISTS cpms_unaccent(text);",
        ),
    ]
