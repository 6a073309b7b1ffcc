"""What a database holds, worked out in SQL: per-table row counts and checksums, extensions,
indexes, constraints, triggers, functions and sequences. The backup writes it into the
manifest; the restore works it out again on the new database and compares.

Row text depends on session settings (time zone, date and float formats), so both sides fix
them first. A table's checksum is the md5 of the md5s of its rows' text, in primary-key order
(rows of a table without a primary key are ordered by their own md5).
"""

from __future__ import annotations

import re
from typing import Any, TypedDict

import psycopg
from psycopg import sql

SESSION = (
    "SET TimeZone = 'UTC'",
    "SET DateStyle = 'ISO, YMD'",
    "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 1",
    "SET bytea_output = 'hex'",
    "SET search_path = pg_catalog",
)

# Objects of user schemas (not the catalogs), and not created by an extension.
TABLES = (
    "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
    " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
    " AND NOT EXISTS (SELECT 1 FROM pg_depend d"
    " WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')"
    " ORDER BY 1, 2"
)
CONSTRAINTS = (
    "SELECT n.nspname || '.' || c.conrelid::regclass::text || '.' || c.conname,"
    " pg_get_constraintdef(c.oid) FROM pg_constraint c"
    " JOIN pg_namespace n ON n.oid = c.connamespace"
    " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
    " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
)
FUNCTIONS = (
    "SELECT p.oid::regprocedure::text, md5(pg_get_functiondef(p.oid)) FROM pg_proc p"
    " JOIN pg_namespace n ON n.oid = p.pronamespace"
    " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
    " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
    " AND p.prokind IN ('f', 'p')"
    " AND NOT EXISTS (SELECT 1 FROM pg_depend d"
    " WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')"
)
# What makes a database "not empty" for a restore: any relation, or any extension but plpgsql.
CONTENTS = (
    "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
    " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
    " ), (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'),"
    " current_setting('server_version_num')::int"
)

# A restore re-parses the dumped definitions and PostgreSQL prints some of them back with the
# casts moved (`ARRAY['a'::varchar]::text[]` becomes `ARRAY[('a'::varchar)::text]`): compare
# definitions without casts, parentheses and spaces.
CAST = re.compile(
    r"::(?:character varying|timestamp with time zone|double precision|\"[^\"]+\""
    r"|[a-z_][a-z0-9_.]*)(?:\[\])?"
)
NOISE = re.compile(r"[()\s]")
DEFINITIONS = ("indexes", "constraints", "triggers")


def comparable(definition: str) -> str:
    return NOISE.sub("", CAST.sub("", definition))


class TableSum(TypedDict):
    rows: int
    checksum: str


class Inventory(TypedDict):
    tables: dict[str, TableSum]
    extensions: dict[str, str]
    indexes: dict[str, str]
    constraints: dict[str, str]
    triggers: dict[str, str]
    functions: dict[str, str]
    sequences: dict[str, Any]


def prepare_session(conn: psycopg.Connection[Any]) -> None:
    for statement in SESSION:
        conn.execute(statement)


def _pairs(conn: psycopg.Connection[Any], query: str) -> dict[str, Any]:
    return {str(key): value for key, value in conn.execute(query).fetchall()}


def tables(conn: psycopg.Connection[Any]) -> list[tuple[str, str]]:
    return [(schema, name) for schema, name in conn.execute(TABLES).fetchall()]


def primary_key(conn: psycopg.Connection[Any], schema: str, name: str) -> list[str]:
    rows = conn.execute(
        "SELECT a.attname FROM pg_index i"
        " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
        " WHERE i.indrelid = (quote_ident(%s) || '.' || quote_ident(%s))::regclass"
        " AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
        (schema, name),
    ).fetchall()
    return [str(row[0]) for row in rows]


def table_sum(conn: psycopg.Connection[Any], schema: str, name: str) -> TableSum:
    keys = primary_key(conn, schema, name)
    order = (
        sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(k)) for k in keys)
        if keys
        else sql.SQL('md5(t::text) COLLATE "C"')
    )
    query = sql.SQL(
        "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY {order})), '')"
        " FROM {table} AS t"
    ).format(order=order, table=sql.Identifier(schema, name))
    row = conn.execute(query).fetchone()
    assert row is not None
    return {"rows": int(row[0]), "checksum": str(row[1])}


def take(conn: psycopg.Connection[Any]) -> Inventory:
    """The inventory of the database `conn` is connected to (call inside one snapshot)."""
    return {
        "tables": {f"{s}.{n}": table_sum(conn, s, n) for s, n in tables(conn)},
        "extensions": _pairs(conn, "SELECT extname, extversion FROM pg_extension"),
        "indexes": _pairs(
            conn,
            "SELECT schemaname || '.' || indexname, indexdef FROM pg_indexes"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
        ),
        "constraints": _pairs(conn, CONSTRAINTS),
        "triggers": _pairs(
            conn,
            "SELECT t.tgrelid::regclass::text || '.' || t.tgname,"
            " pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text FROM pg_trigger t"
            " WHERE NOT t.tgisinternal",
        ),
        "functions": _pairs(conn, FUNCTIONS),
        "sequences": _pairs(
            conn,
            "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences",
        ),
    }


def differences(expected: Inventory, actual: Inventory) -> list[str]:
    """Every way `actual` differs from `expected`, one line each (empty: identical)."""
    lines: list[str] = []
    for section in expected:
        want: dict[str, Any] = expected[section]  # type: ignore[literal-required]
        got: dict[str, Any] = actual.get(section, {})  # type: ignore[assignment]
        if section in DEFINITIONS:
            want = {k: comparable(v) for k, v in want.items()}
            got = {k: comparable(v) for k, v in got.items()}
        for key in sorted(set(want) | set(got)):
            if key not in got:
                lines.append(f"{section}: thiếu {key}")
            elif key not in want:
                lines.append(f"{section}: thừa {key}")
            elif want[key] != got[key]:
                lines.append(f"{section}: {key} khác ({want[key]!r} ≠ {got[key]!r})")
    return lines
