"""Reading the YAML form of a voting rule into :mod:`govmodel.rules` values, exactly.

Used by the model loader (decisions, cited rules, scenario rule changes) and by the law data
(statutory rules), so it depends on neither: law data and models both sit above it. Thresholds are
read from their source text with :func:`govmodel.yamlsafe.exact_number` (bounded digits and
exponent), and a threshold that makes every coalition winning (``at_least: 0``) is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Protocol

from govmodel.errors import Loc, Problem, did_you_mean, expected_one_of
from govmodel.rules import (
    BASES,
    AllOf,
    AnyOf,
    Approvers,
    ClassConsent,
    Count,
    Quota,
    Rule,
    Unanimity,
)
from govmodel.yamlsafe import YList, YMap, exact_number, kind_of, unknown_keys


class StatuteRule(Protocol):
    """What a ``law:`` reference resolves to: a statutory rule (``govmodel.law.LawRule``)."""

    @property
    def rule(self) -> Rule: ...


PROV_KEYS = {"source", "assumption", "document"}  # the provenance keys any mapping may carry


def parse_fraction(
    value: object, raw: str | None, loc: Loc, problems: list[Problem], what: str
) -> Fraction | None:
    """Read a threshold exactly: ``"2/3"``, ``1``, ``0.1`` (from its source text), ``"33.4%"``."""
    text = raw if raw is not None else value
    if isinstance(value, bool) or value is None:
        problems.append(
            Problem(loc, f'{what} must be a fraction such as "2/3", 0.1 or "33.4%"; got {value!r}')
        )
        return None
    text = str(text).strip().strip("'\"")
    try:
        frac = exact_number(text[:-1]) / 100 if text.endswith("%") else exact_number(text)
    except ValueError as exc:
        if "digits" in str(exc) or "exponent" in str(exc):
            problems.append(Problem(loc, f"{what} {text[:30]!r}: {exc}; write a plain fraction"))
            return None
        problems.append(
            Problem(
                loc,
                f'{what} {text!r} is not an exact fraction; expected e.g. "2/3", 0.1 or "33.4%"',
            )
        )
        return None
    except ZeroDivisionError:
        problems.append(
            Problem(
                loc,
                f'{what} {text!r} is not an exact fraction; expected e.g. "2/3", 0.1 or "33.4%"',
            )
        )
        return None
    if not (0 <= frac <= 1):
        problems.append(
            Problem(loc, f"{what} {text} is outside 0–1; thresholds are fractions of a whole")
        )
        return None
    return frac


class RuleParser:
    """Turns the YAML form of a rule into :mod:`govmodel.rules` values (see docs/model-format.md)."""

    KINDS = ("quota", "count", "unanimity", "approvers", "class_consent", "all", "any", "law")

    def __init__(
        self,
        problems: list[Problem],
        law_rules: Mapping[str, StatuteRule],
        law_resolver: Callable[[str], StatuteRule | None] | None = None,
    ) -> None:
        self.problems = problems
        self.law_rules = law_rules
        self.law_resolver = law_resolver
        self.law_refs: list[str] = []

    def parse(self, node: object, loc: Loc) -> Rule | None:
        if not isinstance(node, YMap) or not node:
            self.problems.append(
                Problem(
                    loc,
                    f"a rule must be a mapping with one of the keys {', '.join(self.KINDS)}; got {kind_of(node)}",
                )
            )
            return None
        keys = [k for k in node if k not in PROV_KEYS and k != "note"]
        if len(keys) != 1 or keys[0] not in self.KINDS:
            bad = [k for k in keys if k not in self.KINDS]
            hint = did_you_mean(bad[0], self.KINDS) if bad else ""
            where = node.key_at(bad[0]) if bad else node.loc
            self.problems.append(
                Problem(
                    where,
                    f"a rule needs exactly one of {', '.join(self.KINDS)}; got {', '.join(map(str, keys)) or 'none'}{hint}",
                )
            )
            return None
        kind = keys[0]
        val, vloc = node[kind], node.at(kind)
        if kind == "law":
            ref = str(val)
            target = self.law_resolver(ref) if self.law_resolver else self.law_rules.get(ref)
            if target is None:
                options = list(self.law_rules) if self.law_rules else []
                self.problems.append(
                    Problem(
                        vloc,
                        f"unknown law rule {ref!r}{did_you_mean(ref, options)}; expected e.g. aksjeloven/5-18",
                    )
                )
                return None
            self.law_refs.append(ref)
            return target.rule
        if kind in ("quota", "class_consent"):
            if not isinstance(val, YMap):
                self.problems.append(
                    Problem(
                        vloc, f'{kind} needs a mapping like {{base: votes_cast, more_than: "1/2"}}'
                    )
                )
                return None
            allowed = {"base", "more_than", "at_least"} | (
                {"class"} if kind == "class_consent" else set()
            )
            unknown_keys(val, allowed, self.problems, kind)
            base = str(val.get("base", ""))
            if base not in BASES:
                self.problems.append(
                    Problem(
                        val.at("base") if "base" in val else val.loc,
                        f"quota base {base!r} is not known{did_you_mean(base, BASES)}; {expected_one_of(BASES)}",
                    )
                )
                return None
            thr = self._threshold(val)
            if thr is None:
                return None
            frac, strict = thr
            if kind == "quota":
                return Quota(base, frac, strict)
            if "class" not in val:
                self.problems.append(
                    Problem(val.loc, "class_consent needs 'class:' naming a share class")
                )
                return None
            return ClassConsent(str(val["class"]), base, frac, strict)
        if kind == "count":
            if not isinstance(val, YMap):
                self.problems.append(Problem(vloc, "count needs a mapping like {at_least: 3}"))
                return None
            unknown_keys(val, {"more_than", "at_least"}, self.problems, "count")
            both = [k for k in ("more_than", "at_least") if k in val]
            if len(both) != 1:
                self.problems.append(
                    Problem(val.loc, "count needs exactly one of more_than / at_least")
                )
                return None
            n = val[both[0]]
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                self.problems.append(
                    Problem(
                        val.at(both[0]), f"count {both[0]} must be a whole number ≥ 0; got {n!r}"
                    )
                )
                return None
            if n == 0 and both[0] == "at_least":
                self.problems.append(
                    Problem(
                        val.at("at_least"),
                        "count at_least 0 lets a coalition of nobody pass, so every coalition "
                        "wins; write at_least 1 or more",
                    )
                )
                return None
            return Count(n, both[0] == "more_than")
        if kind == "unanimity":
            if val not in ("present", "all"):
                self.problems.append(
                    Problem(vloc, f"unanimity must be 'present' or 'all'; got {val!r}")
                )
                return None
            return Unanimity(str(val))
        if kind == "approvers":
            if not isinstance(val, YList) or not val:
                self.problems.append(
                    Problem(vloc, "approvers needs a list of player ids (or 'chair')")
                )
                return None
            return Approvers(tuple(str(v) for v in val))
        # all / any
        if not isinstance(val, YList) or not val:
            self.problems.append(Problem(vloc, f"{kind} needs a non-empty list of rules"))
            return None
        parsed = [self.parse(item, val.at(i)) for i, item in enumerate(val)]
        parts = tuple(p for p in parsed if p is not None)
        if len(parts) < len(parsed):  # a part was refused (and reported)
            return None
        return AllOf(parts) if kind == "all" else AnyOf(parts)

    def _threshold(self, val: YMap) -> tuple[Fraction, bool] | None:
        both = [k for k in ("more_than", "at_least") if k in val]
        if len(both) != 1:
            self.problems.append(
                Problem(
                    val.loc,
                    "a quota needs exactly one of 'more_than' or 'at_least' (they differ at the boundary)",
                )
            )
            return None
        key = both[0]
        frac = parse_fraction(
            val[key], val.raw.get(key), val.at(key), self.problems, f"threshold {key}"
        )
        if frac is None:
            return None
        if frac == 0 and key == "at_least":
            # "at least 0" is met by a coalition of nobody: every coalition would win, and the
            # analysis would have to pick a meaning (a quota of 0 or 1); refuse it here instead
            self.problems.append(
                Problem(
                    val.at(key),
                    "threshold at_least 0 lets a coalition of nobody pass, so every coalition "
                    'wins; write more_than: 0 (any yes vote) or a positive fraction such as "1/2"',
                )
            )
            return None
        return (frac, key == "more_than")
