"""The audit log becomes a table partitioned by month (native PostgreSQL partitioning).

At tens of millions of rows a single table makes every insert maintain ever larger indexes
and every "who saw this child in March" scan them whole; monthly partitions keep both to the
size of a month, and old months can later be detached to cheaper storage without a DELETE
(which the append-only trigger refuses anyway).

Django's model is unchanged: the database's primary key becomes (id, event_time), as
PostgreSQL requires the partition key in it; ids still come from one identity sequence, so
they stay unique. The indexes, the foreign key and the append-only trigger are re-created on
the partitioned table under their own names (later migrations and pgtrigger find them).
`audit_ensure_partitions(first_month, last_month)` creates the months' partitions; the worker runs
it daily (cpms/audit/tasks.py) and a DEFAULT partition catches anything outside them.
"""

from django.db import migrations

ENSURE_PARTITIONS = r"""
CREATE OR REPLACE FUNCTION audit_ensure_partitions(first_month date, last_month date)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    zone constant text := 'Asia/Ho_Chi_Minh';
    month date := date_trunc('month', first_month)::date;
    low timestamptz;
    high timestamptz;
    name text;
    guards text;
    created integer := 0;
BEGIN
    WHILE month <= last_month LOOP
        name := format('audit_auditlog_y%sm%s', to_char(month, 'YYYY'), to_char(month, 'MM'));
        low := month::timestamp AT TIME ZONE zone;
        high := (month + interval '1 month')::timestamp AT TIME ZONE zone;
        IF to_regclass(name) IS NULL THEN
            IF EXISTS (SELECT 1 FROM audit_auditlog_default WHERE event_time >= low AND event_time < high) THEN
                -- Rows that fell into the default partition move into their month's: the
                -- only deletion ever made here, so the append-only guard is told to let it be.
                SELECT '{' || string_agg(tgname, ',') || '}' INTO guards FROM pg_trigger
                WHERE tgrelid = 'audit_auditlog'::regclass AND NOT tgisinternal;
                PERFORM set_config('pgtrigger.ignore', guards, true);
                CREATE TEMP TABLE _audit_moving ON COMMIT DROP AS
                    SELECT * FROM audit_auditlog_default WHERE event_time >= low AND event_time < high;
                DELETE FROM audit_auditlog_default WHERE event_time >= low AND event_time < high;
                PERFORM set_config('pgtrigger.ignore', '{}', true);
                EXECUTE format('CREATE TABLE %I PARTITION OF audit_auditlog FOR VALUES FROM (%L) TO (%L)',
                               name, low, high);
                INSERT INTO audit_auditlog SELECT * FROM _audit_moving;
                DROP TABLE _audit_moving;
            ELSE
                EXECUTE format('CREATE TABLE %I PARTITION OF audit_auditlog FOR VALUES FROM (%L) TO (%L)',
                               name, low, high);
            END IF;
            created := created + 1;
        END IF;
        month := (month + interval '1 month')::date;
    END LOOP;
    RETURN created;
END;
$$;
"""

PARTITION = r"""
DO $$
DECLARE
    item record;
BEGIN
    ALTER TABLE audit_auditlog RENAME TO audit_auditlog_unpartitioned;
    FOR item IN
        SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'audit_auditlog_unpartitioned'::regclass
    LOOP
        EXECUTE format('ALTER INDEX %I RENAME TO %I', item.name, item.name || '_unpart');
    END LOOP;
    CREATE TABLE audit_auditlog (
        LIKE audit_auditlog_unpartitioned
        INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS INCLUDING STORAGE
    ) PARTITION BY RANGE (event_time);
    ALTER TABLE audit_auditlog ADD CONSTRAINT audit_auditlog_pkey PRIMARY KEY (id, event_time);
    -- The same indexes (names and definitions) as before, but the single-column key.
    FOR item IN
        SELECT replace(replace(pg_get_indexdef(i.indexrelid), 'audit_auditlog_unpartitioned',
                               'audit_auditlog'), '_unpart', '') AS definition
        FROM pg_index i
        WHERE i.indrelid = 'audit_auditlog_unpartitioned'::regclass AND NOT i.indisprimary
    LOOP
        EXECUTE item.definition;
    END LOOP;
    FOR item IN
        SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = 'audit_auditlog_unpartitioned'::regclass AND contype = 'f'
    LOOP
        EXECUTE format('ALTER TABLE audit_auditlog_unpartitioned DROP CONSTRAINT %I', item.conname);
        EXECUTE format('ALTER TABLE audit_auditlog ADD CONSTRAINT %I %s', item.conname, item.definition);
    END LOOP;
    FOR item IN
        SELECT t.tgname, pg_get_triggerdef(t.oid) AS definition,
               obj_description(t.oid, 'pg_trigger') AS note
        FROM pg_trigger t
        WHERE t.tgrelid = 'audit_auditlog_unpartitioned'::regclass AND NOT t.tgisinternal
    LOOP
        EXECUTE format('DROP TRIGGER %I ON audit_auditlog_unpartitioned', item.tgname);
        EXECUTE replace(item.definition, 'audit_auditlog_unpartitioned', 'audit_auditlog');
        IF item.note IS NOT NULL THEN
            EXECUTE format('COMMENT ON TRIGGER %I ON audit_auditlog IS %L', item.tgname, item.note);
        END IF;
    END LOOP;
    CREATE TABLE audit_auditlog_default PARTITION OF audit_auditlog DEFAULT;
    PERFORM audit_ensure_partitions(
        COALESCE((SELECT min(event_time) AT TIME ZONE 'Asia/Ho_Chi_Minh'
                  FROM audit_auditlog_unpartitioned), now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
        ((now() AT TIME ZONE 'Asia/Ho_Chi_Minh') + interval '12 months')::date);
    INSERT INTO audit_auditlog SELECT * FROM audit_auditlog_unpartitioned;
    PERFORM setval(pg_get_serial_sequence('audit_auditlog', 'id'),
                   COALESCE((SELECT max(id) FROM audit_auditlog_unpartitioned), 0) + 1, false);
    DROP TABLE audit_auditlog_unpartitioned;
END;
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunSQL(ENSURE_PARTITIONS, reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL(PARTITION),
    ]
