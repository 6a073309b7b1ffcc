"""A database-wide version of everything a user's grants are computed from.

cpms/accounts/scope.py caches each user's grants under this version; any statement that
changes memberships, agencies, administrative units or their successions replaces it (a
statement trigger, so writes through the admin, bulk updates and raw SQL count as well as the
services). A random value, not a counter: a rolled-back transaction or a restored backup can
never bring back a version some cache still holds with other grants.

Units are the exception to "any statement": creating one changes nobody's grants (a new unit
lies under its parent's path, which already covers it, and unit_create gives it its path just
after the insert), so only a rename, a move or a deletion counts; imports of thousands of
units leave the caches alone.
"""

from django.db import migrations

TABLES = (
    "accounts_membership",
    "accounts_agency",
    "geography_adminunitsuccession",
)
UNITS = "geography_adminunit"

FORWARD = [
    "CREATE TABLE accounts_grants_version ("
    " id smallint PRIMARY KEY CHECK (id = 1), version uuid NOT NULL)",
    "INSERT INTO accounts_grants_version (id, version) VALUES (1, gen_random_uuid())",
    "CREATE FUNCTION accounts_grants_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN UPDATE accounts_grants_version SET version = gen_random_uuid() WHERE id = 1;"
    " RETURN NULL; END $$",
    *(
        f"CREATE TRIGGER grants_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
        f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION accounts_grants_version_bump()"
        for table in TABLES
    ),
    f"CREATE TRIGGER grants_version_bump AFTER DELETE OR TRUNCATE ON {UNITS}"
    " FOR EACH STATEMENT EXECUTE FUNCTION accounts_grants_version_bump()",
    # a unit inserted with its path already set (not through unit_create) might not lie
    # under its parent's path
    f"CREATE TRIGGER grants_version_bump_insert AFTER INSERT ON {UNITS} FOR EACH ROW"
    " WHEN (NEW.path <> '') EXECUTE FUNCTION accounts_grants_version_bump()",
    f"CREATE TRIGGER grants_version_bump_update AFTER UPDATE ON {UNITS} FOR EACH ROW"
    " WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.parent_id IS DISTINCT FROM NEW.parent_id"
    " OR (OLD.path <> '' AND OLD.path IS DISTINCT FROM NEW.path))"
    " EXECUTE FUNCTION accounts_grants_version_bump()",
]
BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS grants_version_bump ON {table}" for table in TABLES),
    *(
        f"DROP TRIGGER IF EXISTS {name} ON {UNITS}"
        for name in (
            "grants_version_bump",
            "grants_version_bump_insert",
            "grants_version_bump_update",
        )
    ),
    "DROP FUNCTION IF EXISTS accounts_grants_version_bump()",
    "DROP TABLE IF EXISTS accounts_grants_version",
]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_add_passkey"),
        ("geography", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
