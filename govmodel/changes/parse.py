"""Reading change values from a located YAML tree: a scenario file or a variant's ``changes:``.

Every problem is collected and raised together as a :class:`~govmodel.errors.ModelError`, each
located at the scenario's line and column (unknown operations and keys with a did-you-mean);
whether an id names something in the model is checked when the change is applied (the model is
not known here).

>>> from govmodel.yamlsafe import load_yaml_text
>>> parse_changes(load_yaml_text("- owner_leaves: ks", "s.yaml"))
(OwnerLeaves(owner='ks'),)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from govmodel.changes import values as V
from govmodel.errors import Loc, ModelError, Problem, did_you_mean, expected_one_of
from govmodel.yamlsafe import YamlValue, YList, YMap

if TYPE_CHECKING:
    pass

MAX_FRACTION_DIGITS = 40


# -- plain values -------------------------------------------------------------------------------


def unknown_keys(node: YMap, allowed: frozenset[str] | set[str], what: str) -> list[Problem]:
    """A located problem, with a did-you-mean, for each key of ``node`` not in ``allowed``."""
    return [
        Problem(
            node.key_at(k),
            f"unknown key {k!r} in {what}{did_you_mean(str(k), allowed)}; {expected_one_of(allowed)}",
        )
        for k in node
        if k not in allowed
    ]


def freeze_node(node: object, raw: str | None = None, loc: Loc | None = None) -> V.Value:
    """A located YAML node as a :data:`Value`; decimals read exactly from their source text
    (ModelError, located, for infinity and not-a-number, which no model field takes)."""
    if isinstance(node, YMap):
        keys = list(node)
        return V.Fields(
            tuple((str(k), freeze_node(node[k], node.raw.get(k), node.at(k))) for k in keys),
            tuple(node.at(k) for k in keys),
        )
    if isinstance(node, YList):
        return tuple(
            freeze_node(v, r, node.at(i))
            for i, (v, r) in enumerate(zip(node, node.raw, strict=False))
        )
    if isinstance(node, float):
        if not math.isfinite(node):
            where = loc or Loc("<changes>")
            raise ModelError([Problem(where, f"{raw or node!r} is not a finite number")])
        return Fraction(raw.strip() if raw is not None else repr(node))
    return V.freeze(node)  # a scalar: text, a whole number, a boolean or null


class _Reader:
    """Collects problems while reading one list of changes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def err(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(loc, message))

    def mapping(self, node: YamlValue, loc: Loc, usage: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.err(loc, usage)
        return None

    def ident(self, node: YMap, key: str, what: str) -> str | None:
        val = node.get(key)
        if isinstance(val, bool) or not isinstance(val, str | int) or val == "":
            self.err(node.at(key) if key in node else node.loc, f"{what} needs {key}: an id")
            return None
        return str(val)

    def ids(
        self,
        node: YamlValue,
        loc: Loc,
        what: str,
        parts: list[tuple[str, Loc]] | None = None,
        key: str = "",
    ) -> tuple[str, ...] | None:
        """A list of ids; the location of each is added to ``parts`` as ``key/i``."""
        if not isinstance(node, YList) or not all(
            isinstance(x, str | int) and not isinstance(x, bool) for x in node
        ):
            self.err(loc, f"{what} needs a list of ids like [ks, kommuner]")
            return None
        if parts is not None:
            parts.extend((f"{key}/{i}", node.at(i)) for i in range(len(node)))
        return tuple(str(x) for x in node)

    def whole(self, node: YMap, key: str, what: str) -> int | None:
        val = node.get(key)
        if val is None and key not in node:
            return None
        if isinstance(val, bool) or not isinstance(val, int) or val < 0:
            self.err(node.at(key), f"{what}: {key} must be a whole number ≥ 0; got {val!r}")
            return None
        return val

    def fields(self, node: YMap, skip: tuple[str, ...]) -> V.Fields:
        kept = [k for k in node if k not in skip]
        return V.Fields(
            tuple((str(k), freeze_node(node[k], node.raw.get(k), node.at(k))) for k in kept),
            tuple(node.at(k) for k in kept),
        )

    def entries(self, node: YamlValue, loc: Loc, what: str) -> tuple[V.Fields, ...]:
        if not isinstance(node, YList):
            self.err(loc, f"{what} needs a list (lines starting with '- ')")
            return ()
        out = []
        for i, e in enumerate(node):
            if not isinstance(e, YMap):
                self.err(node.at(i), f"{what}: each entry is a mapping with an id")
                continue
            out.append(self.fields(e, ()))
        return tuple(out)


def fraction(
    value: object, raw: str | None, loc: Loc, problems: list[Problem], what: str
) -> Fraction | None:
    """A fraction written as ``"1/2"``, ``0.5`` or ``"50%"`` (read exactly), within 0–1."""
    text = str(raw if raw is not None else value).strip().strip("'\"")
    if isinstance(value, bool) or value is None or len(text) > MAX_FRACTION_DIGITS:
        problems.append(
            Problem(loc, f'{what} must be a fraction such as "1/2", 0.5 or "50%"; got {value!r}')
        )
        return None
    try:
        frac = Fraction(text[:-1].strip()) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        problems.append(
            Problem(
                loc, f'{what} {text!r} is not an exact fraction; expected e.g. "1/2", 0.5 or "50%"'
            )
        )
        return None
    if not 0 <= frac <= 1:
        problems.append(Problem(loc, f"{what} {text} is outside 0–1"))
        return None
    return frac


# -- the operations -----------------------------------------------------------------------------

_HOLDING_USAGE = "{op} needs {{holder: ID, shares: N}} or {{group: ID, shares: N, allocate: RULE}}"


def _holding(
    r: _Reader, val: YamlValue, loc: Loc, cls: type[V.SetHolding] | type[V.AddHolding]
) -> V.Change | None:
    m = r.mapping(val, loc, _HOLDING_USAGE.format(op=cls.op))
    if m is None:
        return None
    if ("holder" in m) == ("group" in m):
        r.err(m.loc, _HOLDING_USAGE.format(op=cls.op) + " (one of holder or group)")
        return None
    key = "holder" if "holder" in m else "group"
    who = r.ident(m, key, cls.op)
    shares = r.whole(m, "shares", cls.op)
    if who is None or (shares is None and "shares" in m):
        return None
    return cls(who, shares, key == "group", r.fields(m, (key, "shares")), loc=loc)


def _set_holding(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    return _holding(r, val, loc, V.SetHolding)


def _add_holding(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    return _holding(r, val, loc, V.AddHolding)


def _remove_holding(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    if isinstance(val, bool) or not isinstance(val, str | int):
        r.err(loc, "remove_holding needs the holder's id")
        return None
    return V.RemoveHolding(str(val), loc=loc)


def _share_capital(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    if isinstance(val, bool) or not isinstance(val, int) or val <= 0:
        r.err(loc, f"share_capital must be a whole number of shares > 0; got {val!r}")
        return None
    return V.SetShareCapital(val, loc=loc)


def _share_classes(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    if not isinstance(val, YList) or not val:
        r.err(loc, "share_classes needs a list of classes like {id: a, votes_per_share: 1}")
        return None
    return V.SetShareClasses(r.entries(val, loc, "share_classes"), loc=loc)


def _owner_leaves(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    if isinstance(val, bool) or not isinstance(val, str | int):
        r.err(loc, "owner_leaves needs the owner's id")
        return None
    return V.OwnerLeaves(str(val), loc=loc)


def _sections(
    r: _Reader, val: YamlValue, loc: Loc, op: str
) -> dict[str, tuple[YamlValue, Loc]] | None:
    m = r.mapping(
        val, loc, f"{op} needs a mapping of sections ({', '.join(V.LIST_SECTIONS)}) to lists"
    )
    if m is None:
        return None
    out: dict[str, tuple[YamlValue, Loc]] = {}
    for section in m:
        if section not in V.LIST_SECTIONS:
            r.err(
                m.key_at(section),
                f"{op}: unknown section {section!r}{did_you_mean(str(section), V.LIST_SECTIONS)}; "
                f"{expected_one_of(V.LIST_SECTIONS)}",
            )
            continue
        out[section] = (m[section], m.at(section))
    return out


def _entries(
    cls: type[V.Entries],
) -> Callable[[_Reader, YamlValue, Loc], V.Change | None]:
    def read(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
        secs = _sections(r, val, loc, cls.op)
        if secs is None:
            return None
        got = {s: r.entries(v, at, f"{cls.op}: {s}") for s, (v, at) in secs.items()}
        # the keys are V.LIST_SECTIONS (_sections checked them)
        return cls(**got, loc=loc, parts=())

    return read


def _remove(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    secs = _sections(r, val, loc, "remove")
    if secs is None:
        return None
    out: dict[str, tuple[str, ...]] = {}
    parts: list[tuple[str, Loc]] = []
    for s, (v, at) in secs.items():
        ids = r.ids(v, at, f"remove: {s}", parts, s)
        if ids is not None:
            out[s] = ids
    return V.Remove(**out, loc=loc, parts=tuple(parts))


def _set_rule(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    m = r.mapping(val, loc, "set_rule needs {organ: ID, decision: ID, rule: RULE}")
    if m is None:
        return None
    if not {"organ", "decision", "rule"} <= set(m):
        r.err(m.loc, "set_rule needs organ, decision and rule")
        return None
    organ, decision = r.ident(m, "organ", "set_rule"), r.ident(m, "decision", "set_rule")
    if organ is None or decision is None:
        return None
    rule = freeze_node(m["rule"], m.raw.get("rule"), m.at("rule"))
    parts = tuple((k, m.at(k)) for k in ("organ", "decision", "rule"))
    fields = r.fields(m, ("organ", "decision", "rule"))
    return V.SetRule(organ, decision, rule, fields, loc=loc, parts=parts)


def _set_relation(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    m = r.mapping(val, loc, "set_relation needs the relation's id and the fields to change")
    if m is None:
        return None
    rid = r.ident(m, "id", "set_relation")
    if rid is None:
        return None
    strength = m.get("strength")
    if "strength" in m and strength not in V.STRENGTHS:
        r.err(
            m.at("strength"),
            f"strength {strength!r}{did_you_mean(str(strength), V.STRENGTHS)}; {expected_one_of(V.STRENGTHS)}",
        )
        return None
    parts = tuple((k, m.at(k)) for k in ("id", "strength") if k in m)
    # one of V.STRENGTHS (text) or absent: checked above
    return V.SetRelation(
        rid, m.get_str("strength"), r.fields(m, ("id", "strength")), loc=loc, parts=parts
    )


def _revoke_proxies(r: _Reader, val: YamlValue, loc: Loc) -> V.Change | None:
    if val == "all":
        return V.RevokeProxies(None, loc=loc)
    ids = r.ids(val, loc, "revoke_proxies takes 'all' or a list of relation ids or proxy givers;")
    return None if ids is None else V.RevokeProxies(ids, loc=loc)


_TURNOUT_USAGE = (
    "turnout needs {organ: ID, absent: [...]} / {organ: ID, present: [...]} / "
    "{organ: ID, group: ID, fraction: F} / {organ: ID, abstain: [...]}"
)


def _turnout_entry(r: _Reader, e: YamlValue, loc: Loc) -> V.Change | None:
    m = r.mapping(e, loc, _TURNOUT_USAGE)
    if m is None:
        return None
    organ = r.ident(m, "organ", "turnout")
    if organ is None:
        return None
    parts: list[tuple[str, Loc]] = [(k, m.at(k)) for k in m]
    absent = present = None
    if "absent" in m:
        absent = r.ids(m["absent"], m.at("absent"), "turnout: absent", parts, "absent")
    if "present" in m:
        present = r.ids(m["present"], m.at("present"), "turnout: present", parts, "present")
    abstain = None
    if "abstain" in m:
        abstain = r.ids(m["abstain"], m.at("abstain"), "turnout: abstain", parts, "abstain")
    group = r.ident(m, "group", "turnout") if "group" in m else None
    frac = None
    if "fraction" in m:
        frac = fraction(
            m["fraction"], m.raw.get("fraction"), m.at("fraction"), r.problems, "turnout fraction"
        )
        if group is None and "group" not in m:
            r.err(m.at("fraction"), "a turnout fraction needs 'group:' naming a group")
    order = m.get("order")
    if "order" in m and order not in V.ORDERS:
        r.err(
            m.at("order"),
            f"order {order!r}{did_you_mean(str(order), V.ORDERS)}; {expected_one_of(V.ORDERS)}",
        )
    if not ({"absent", "present", "fraction", "abstain"} & set(m)):
        r.err(m.loc, _TURNOUT_USAGE)
    skip = ("organ", "absent", "present", "abstain", "group", "fraction", "order")
    fields = r.fields(m, skip)
    return V.SetTurnout(
        organ,
        absent,
        present,
        group,
        frac,
        m.get_str("order"),  # one of V.ORDERS or absent, else reported above
        fields,
        abstain,
        loc=m.loc,
        parts=tuple(parts),
    )


def _turnout(r: _Reader, val: YamlValue, loc: Loc) -> list[V.Change]:
    if isinstance(val, YList):
        return [c for i, e in enumerate(val) if (c := _turnout_entry(r, e, val.at(i))) is not None]
    c = _turnout_entry(r, val, loc)
    return [] if c is None else [c]


_PARSERS: dict[str, Callable[[_Reader, YamlValue, Loc], V.Change | list[V.Change] | None]] = {
    "set_holding": _set_holding,
    "add_holding": _add_holding,
    "remove_holding": _remove_holding,
    "share_capital": _share_capital,
    "share_classes": _share_classes,
    "owner_leaves": _owner_leaves,
    "add": _entries(V.Add),
    "replace": _entries(V.Replace),
    "remove": _remove,
    "set_rule": _set_rule,
    "set_relation": _set_relation,
    "revoke_proxies": _revoke_proxies,
    "turnout": _turnout,
}
assert tuple(_PARSERS) == V.OPS and set(_PARSERS) == set(V.BY_OP)


def parse_changes(node: object, loc: Loc | None = None) -> tuple[V.Change, ...]:
    """The change values of a ``changes:`` list (raises ModelError listing every problem)."""
    if node is None:
        return ()
    where: Loc = loc or getattr(node, "loc", None) or Loc("<changes>")
    if not isinstance(node, YList):
        raise ModelError(
            [Problem(where, "changes must be a list of operations (lines starting with '- ')")]
        )
    r = _Reader()
    out: list[V.Change] = []
    for i, ch in enumerate(node):
        cloc = node.at(i)
        if not isinstance(ch, YMap) or len(ch) != 1:
            r.err(
                cloc,
                f"each change is a mapping with exactly one operation; {expected_one_of(V.OPS)}",
            )
            continue
        (op,) = ch.keys()
        if op not in _PARSERS:
            r.err(
                ch.key_at(op),
                f"unknown change {op!r}{did_you_mean(str(op), V.OPS)}; {expected_one_of(V.OPS)}",
            )
            continue
        try:
            got = _PARSERS[op](r, ch[op], ch.at(op))
        except ModelError as exc:  # a value no change takes (e.g. .inf), located
            r.problems.extend(exc.problems)
            continue
        if isinstance(got, list):
            out.extend(got)
        elif got is not None:
            out.append(got)
    if r.problems:
        raise ModelError(r.problems)
    return tuple(out)
