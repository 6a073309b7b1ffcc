"""Expected answer of every API operation to every kind of token, per object.

Keys are "METHOD path" exactly as in the published OpenAPI document; a new operation fails
test_api_matrix.py until it has a row here. Tokens: none, not a token, expired, revoked,
of a switched-off client, and live ones with one scope, the other, or both. Objects (for
operations that name one): the client's own report ("own"), another client's ("other"),
one made on the web ("web") and an id that names nothing ("missing"); out-of-scope objects
answer 404, like missing ones, so existence is not leaked.
"""

from __future__ import annotations

TOKENS = ("none", "garbage", "expired", "revoked", "inactive", "create", "read", "both")
OBJECTS = ("own", "other", "web", "missing")
NO_OBJECT = ("-",)

DEAD = dict.fromkeys(("none", "garbage", "expired", "revoked", "inactive"), 401)


def row(create: int, read: int, both: int) -> dict[str, int]:
    return {**DEAD, "create": create, "read": read, "both": both}


OPS_MATRIX: dict[str, dict[str, dict[str, int]]] = {
    "POST /api/v1/reports": {"-": row(create=201, read=403, both=201)},
    "GET /api/v1/communes": {"-": row(create=200, read=403, both=200)},
    "GET /api/v1/concern-types": {"-": row(create=200, read=403, both=200)},
    "GET /api/v1/reports/{report_id}": {
        "own": row(create=403, read=200, both=200),
        "other": row(create=403, read=404, both=404),
        "web": row(create=403, read=404, both=404),
        "missing": row(create=403, read=404, both=404),
    },
}
