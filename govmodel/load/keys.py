"""The model format's vocabulary: its version, and the keys each section allows.

The JSON Schemas in govmodel/schema/ and docs/model-format.md list the same keys
(tests/test_schema.py checks that they agree).
"""

from __future__ import annotations

import re

FORMAT_VERSION = 1
# ids: lower-case ASCII letters, digits and "_", starting with a letter; matched whole (fullmatch),
# so a trailing newline cannot slip through as "$" would let it
ID_RE = re.compile(r"[a-z][a-z0-9_]*")
PROV_KEYS = {"source", "assumption", "document"}
FOR_EACH = ("fylke", "fylkeskommune", "kommune")
MAX_SEATS = 10_000  # per seat entry; a larger count is a typo (and would exhaust memory)


TOP_KEYS = {
    "govmodel",
    "id",
    "name",
    "description",
    "source",
    "assumption",
    "variant_of",
    "population",
    "company",
    "actors",
    "groups",
    "organs",
    "relations",
    "documents",
    "activity",
    "attendance",
}
ACTOR_KEYS = {
    "id",
    "name",
    "kind",
    "contracting_authority",
    "reading",
    "fylke",
    "for_each",
    "description",
    "owners",
    "form",
} | PROV_KEYS
OWNER_KEYS = {"holder", "shares", "description"} | PROV_KEYS
GROUP_KEYS = {
    "id",
    "name",
    "generate",
    "members",
    "select",
    "contracting_authority",
    "for_each",
    "description",
} | PROV_KEYS
COMPANY_KEYS = {
    "id",
    "name",
    "form",
    "share_capital",
    "share_classes",
    "holdings",
    "description",
} | PROV_KEYS
CLASS_KEYS = {"id", "name", "votes_per_share"} | PROV_KEYS
HOLDING_KEYS = {
    "holder",
    "votes",
    "group",
    "shares",
    "class",
    "allocate",
    "exclude",
    "description",
} | PROV_KEYS
ORGAN_KEYS = {
    "id",
    "name",
    "kind",
    "part_of",
    "shareholders",
    "seats",
    "decisions",
    "for_each",
    "fylke",
    "description",
    "omit",
    "role",
} | PROV_KEYS
SEAT_KEYS = {
    "id",
    "holder",
    "count",
    "votes",
    "chair",
    "members_of",
    "for_each",
    "description",
} | PROV_KEYS
DECISION_KEYS = {"id", "name", "rule", "strategic", "cites", "description", "omit"} | PROV_KEYS
CITE_KEYS = {"source", "rule", "text"}
RELATION_KEYS = {
    "id",
    "type",
    "from",
    "to",
    "decision",
    "to_decision",
    "seats",
    "strength",
    "revocable",
    "basis",
    "scope",
    "link",
    "term",
    "recall",
    "instruction",
    "for_each",
    "description",
    "omit",
} | PROV_KEYS
DOCUMENT_KEYS = {"id", "name", "kind", "adopted_by", "clauses", "description"} | PROV_KEYS
ACTIVITY_KEYS = {"measure", "years", "description"} | PROV_KEYS
YEAR_KEYS = {"year", "total", "with_controlling"} | PROV_KEYS
ATTEND_KEYS = {"organ", "absent", "present", "abstain", "group", "fraction", "order"} | PROV_KEYS


def is_id(value: object) -> bool:
    """Whether ``value`` is a valid id (the whole text; ``"k0301\\n"`` is not one).

    >>> is_id("k0301"), is_id("k0301\\n"), is_id("K0301")
    (True, False, False)
    """
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None
