"""Writing change values and scenarios back to YAML, for saving.

The text is deterministic (same scenario, same bytes) and reads back to the same values:
``parse_scenario_text(to_yaml(s)) == s``. Decimals are written exactly (``0.1``, never a
binary float); a turnout fraction is written as ``"n/d"``.

>>> from govmodel.changes.values import SetHolding, Fields
>>> print(changes_yaml([SetHolding("ks", shares=30000, fields=Fields.of(assumption="what-if"))]), end="")
- set_holding: {holder: ks, shares: 30000, assumption: what-if}
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import TypeAlias

import yaml

from govmodel import yamlsafe
from govmodel.changes import values as V
from govmodel.changes.scenario import Scenario


class _Decimal(str):
    """The exact decimal text of a Fraction, written as a plain YAML number."""


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: _Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


_Dumper.add_representer(_Decimal, _decimal)

_STR = "tag:yaml.org,2002:str"


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML quotes what YAML 1.1 would read as another type; the loader reads YAML 1.2, which
    # also takes e.g. 0o17, 1e5 and 0E100 as numbers: quote what it would not read as text
    if yamlsafe.plain_tag(value) != _STR:
        return dumper.represent_scalar(_STR, value, style="'")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _text)


def decimal_text(f: Fraction) -> str | None:
    """``f`` as an exact decimal (``"0.125"``), or None when it has no finite decimal."""
    d, k = f.denominator, 0
    while d % 10 == 0:
        d //= 10
        k += 1
    while d % 2 == 0 or d % 5 == 0:
        d //= 2 if d % 2 == 0 else 5
        k += 1
    if d != 1:
        return None
    k = max(k, 1)
    scaled = abs(f.numerator) * 10**k // f.denominator
    digits = str(scaled).rjust(k + 1, "0")
    sign = "-" if f < 0 else ""
    return f"{sign}{digits[:-k]}.{digits[-k:]}"


#: A value as the scenario file writes it (a decimal fraction as a YAML number).
_Plain: TypeAlias = "None | bool | int | str | _Decimal | list[_Plain] | dict[str, _Plain]"


def _fields(fields: V.Fields) -> dict[str, _Plain]:
    return {k: _plain(v) for k, v in fields.items()}


def _plain(value: V.Value) -> _Plain:
    if isinstance(value, V.Fields):
        return _fields(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Fraction) and not isinstance(value, bool):
        text = decimal_text(value)
        return _Decimal(text) if text is not None else f"{value.numerator}/{value.denominator}"
    return value


def _fraction_text(f: Fraction) -> str:
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def change_data(c: V.Change) -> dict[str, object]:
    """One change as plain data: ``{op: payload}`` as written in a scenario file."""
    payload: _Plain
    if isinstance(c, V.HoldingChange):
        payload = {"group" if c.group else "holder": c.holder}
        if c.shares is not None:
            payload["shares"] = c.shares
        payload.update(_fields(c.fields))
    elif isinstance(c, V.RemoveHolding):
        payload = c.holder
    elif isinstance(c, V.SetShareCapital):
        payload = c.shares
    elif isinstance(c, V.SetShareClasses):
        payload = _plain(c.classes)
    elif isinstance(c, V.OwnerLeaves):
        payload = c.owner
    elif isinstance(c, V.Add | V.Replace | V.Remove):
        payload = {s: _plain(items) for s, items in c.by_section() if items}
    elif isinstance(c, V.SetRule):
        payload = {"organ": c.organ, "decision": c.decision, "rule": _plain(c.rule)}
        payload.update(_fields(c.fields))
    elif isinstance(c, V.SetRelation):
        payload = {"id": c.relation}
        if c.strength is not None:
            payload["strength"] = c.strength
        payload.update(_fields(c.fields))
    elif isinstance(c, V.RevokeProxies):
        payload = "all" if c.which is None else list(c.which)
    elif isinstance(c, V.SetTurnout):
        turnout: dict[str, _Plain] = {"organ": c.organ}
        payload = turnout
        for key in ("absent", "present", "abstain"):
            if getattr(c, key) is not None:
                turnout[key] = list(getattr(c, key))
        if c.group is not None:
            turnout["group"] = c.group
        if c.fraction is not None:
            turnout["fraction"] = _fraction_text(c.fraction)
        if c.order is not None:
            turnout["order"] = c.order
        turnout.update(_fields(c.fields))
    else:  # pragma: no cover - every change type is listed above
        raise TypeError(f"not a change: {c!r}")
    return {c.op: payload}


def _dump(data: object, flow: bool | None = None) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=120,
        default_flow_style=flow,
    )


def changes_yaml(changes: Iterable[V.Change]) -> str:
    """A ``changes:`` list as YAML text (one item per change)."""
    return "".join(_dump([change_data(c)]) for c in changes)


HEADER = "# yaml-language-server: $schema=../govmodel/schema/scenario.schema.json\n"


def to_yaml(scenario: Scenario, header: str = "") -> str:
    """A scenario file: ``govmodel_scenario: 1``, name, description, base, source,
    assumption, readings and changes, in that order (``header``: comment lines put first)."""
    doc: dict[str, _Plain] = {"govmodel_scenario": 1, "name": _plain(scenario.name)}
    if scenario.description is not None:
        doc["description"] = _plain(scenario.description)
    if scenario.base is not None:
        doc["base"] = scenario.base
    if scenario.source is not None:
        doc["source"] = scenario.source
    if scenario.assumption is not None:
        doc["assumption"] = scenario.assumption
    if scenario.readings:
        doc["readings"] = dict(scenario.readings)
    text = _dump(doc, flow=False)
    text += "changes:\n" if scenario.changes else "changes: []\n"
    for c in scenario.changes:
        text += "  " + _dump([change_data(c)]).replace("\n", "\n  ").rstrip(" ")
    return header + text


__all__ = ["change_data", "changes_yaml", "decimal_text", "to_yaml"]
