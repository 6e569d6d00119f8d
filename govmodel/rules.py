"""Voting rules as immutable values.

A rule decides whether the yes-voters among those present pass a decision. The kinds mirror the
model format (see docs/model-format.md): weighted quotas over votes or capital, head counts,
unanimity, required approvers (vetoes), consent of a share class, and conjunctions/disjunctions.
Thresholds are :class:`fractions.Fraction`; ``strict`` distinguishes "more than" from "at least".
Evaluation lives in :mod:`govmodel.power.voting`; this module only holds and describes rules.
"""

from __future__ import annotations

from fractions import Fraction

from govmodel.frozen import frozen_dataclass

BASES = (
    "votes_cast",
    "capital_represented",
    "total_votes",
    "total_capital",
    "seats_present",
    "seats",
)

BASE_TEXT = {
    "votes_cast": ("av avgitte stemmer", "of the votes cast"),
    "capital_represented": ("av representert kapital", "of the capital represented"),
    "total_votes": ("av alle stemmer", "of all votes"),
    "total_capital": ("av aksjekapitalen", "of the share capital"),
    "seats_present": ("av møtende medlemmer", "of the members present"),
    "seats": ("av alle medlemmer", "of all members"),
}


def frac_text(f: Fraction) -> str:
    """``2/3``, ``1/2``, ``1``: exact, as written in model files."""
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


@frozen_dataclass
class Rule:
    """Base of all rule kinds."""

    def describe(self, lang: str = "en") -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def children(self) -> tuple[Rule, ...]:
        return ()


@frozen_dataclass
class Quota(Rule):
    """Yes-weight must be more than (``strict``) or at least ``fraction`` × the base."""

    base: str
    fraction: Fraction
    strict: bool

    def describe(self, lang: str = "en") -> str:
        nb, en = BASE_TEXT[self.base]
        if lang == "nb":
            return f"{'mer enn' if self.strict else 'minst'} {frac_text(self.fraction)} {nb}"
        return f"{'more than' if self.strict else 'at least'} {frac_text(self.fraction)} {en}"


@frozen_dataclass
class Count(Rule):
    """The number of yes-voting players must be more than / at least ``n``."""

    n: int
    strict: bool

    def describe(self, lang: str = "en") -> str:
        if lang == "nb":
            return f"{'flere enn' if self.strict else 'minst'} {self.n} stemmer for"
        return f"{'more than' if self.strict else 'at least'} {self.n} voting yes"


@frozen_dataclass
class Unanimity(Rule):
    """Every present player (``scope='present'``) or every player (``'all'``) votes yes."""

    scope: str

    def describe(self, lang: str = "en") -> str:
        if lang == "nb":
            return (
                "enstemmighet blant de møtende"
                if self.scope == "present"
                else "tilslutning fra alle"
            )
        return (
            "unanimity of those present" if self.scope == "present" else "consent of every member"
        )


@frozen_dataclass
class Approvers(Rule):
    """Each named player must vote yes (a veto each). ``chair`` names the organ's chair."""

    ids: tuple[str, ...]

    def describe(self, lang: str = "en") -> str:
        who = ", ".join(self.ids)
        return f"samtykke fra {who}" if lang == "nb" else f"approval of {who}"


@frozen_dataclass
class ClassConsent(Rule):
    """A quota counted over the holders of one share class only."""

    share_class: str
    base: str
    fraction: Fraction
    strict: bool

    def describe(self, lang: str = "en") -> str:
        inner = Quota(self.base, self.fraction, self.strict).describe(lang)
        return (
            f"{inner} i aksjeklasse {self.share_class}"
            if lang == "nb"
            else f"{inner} in share class {self.share_class}"
        )


@frozen_dataclass
class Joined(Rule):
    """Rules joined by a conjunction, said in words as ``(a) og (b)`` / ``(a) and (b)``: the
    common part of :class:`AllOf` and :class:`AnyOf`."""

    rules: tuple[Rule, ...]
    WORDS = ("", "")  # the conjunction (nb, en)

    def describe(self, lang: str = "en") -> str:
        sep = f" {self.WORDS[0] if lang == 'nb' else self.WORDS[1]} "
        return sep.join(_paren(r, lang) for r in self.rules)

    def children(self) -> tuple[Rule, ...]:
        return self.rules


@frozen_dataclass
class AllOf(Joined):
    """Every one of ``rules`` must pass."""

    WORDS = ("og", "and")


@frozen_dataclass
class AnyOf(Joined):
    """One of ``rules`` is enough."""

    WORDS = ("eller", "or")


def _paren(rule: Rule, lang: str) -> str:
    text = rule.describe(lang)
    return f"({text})" if isinstance(rule, Joined) else text


def walk(rule: Rule):
    """Every rule node, depth first."""
    yield rule
    for child in rule.children():
        yield from walk(child)
