"""The JSON data the tool writes (``--format json`` reports, the power cache): one recursive
type, so a JSON builder's signature says what it returns.

>>> doc: JsonObject = {"model": "a", "verdicts": [{"id": "control", "exact": True}]}
>>> import json; json.dumps(doc)
'{"model": "a", "verdicts": [{"id": "control", "exact": true}]}'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

#: A value ``json.dumps`` writes as it is: sequences and mappings are read-only here (covariant),
#: so a ``list[str]`` or a ``dict[str, int]`` is one.
JsonValue: TypeAlias = (
    "None | bool | int | float | str | Sequence[JsonValue] | Mapping[str, JsonValue]"
)
#: A JSON object as a builder returns it (a dict, so callers may add keys).
JsonObject: TypeAlias = "dict[str, JsonValue]"

__all__ = ["JsonObject", "JsonValue"]
