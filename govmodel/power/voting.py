"""Voting rules as simple games.

For an organ, a decision and an attendance, :func:`passes` decides whether a set of yes-voters
wins; present players vote yes or no, or abstain: an abstainer is present (counted in the capital
represented and the seats present) but casts no vote (not in the votes cast), aksjeloven §§ 5-17,
5-18 (1). :func:`weighted_form` reduces a
rule to one weighted quota over the present players when it is one (the usual case for the
general meeting), which is what the power indices and the blocking summaries use.

Arithmetic is exact: votes are integers or Fractions, thresholds Fractions, and "more than"
(strict) and "at least" differ at the boundary.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import reduce
from math import lcm

from govmodel.model import Model, Organ
from govmodel.power.games import Atom, CompositeGame, Formula
from govmodel.rules import AllOf, AnyOf, Approvers, ClassConsent, Count, Quota, Rule, Unanimity


@dataclass(frozen=True)
class Player:
    """One voter of an organ: a shareholder (general meeting) or a seat."""

    id: str
    name: str
    votes: Fraction
    capital: int
    holder: str | None  # the actor who holds the seat or the shares (None: an elected seat)
    chair: bool = False
    class_votes: Mapping[str, Fraction] = field(default_factory=dict)
    class_capital: Mapping[str, int] = field(default_factory=dict)


# players() by (model, organ) identity. The control engine is made afresh for each scan of a
# decision and each one asked again for the 372 holders of model A's general meeting (184 times
# in one evaluation, a fifth of model_structure's time). Models and organs are immutable; weak
# references to both are kept in the value and checked by identity, so a recycled id() never
# hits and the cache keeps no model alive.
_PLAYERS: dict[
    tuple[int, int], tuple[weakref.ref[Model], weakref.ref[Organ], tuple[Player, ...]]
] = {}
_PLAYERS_MAX = 64


def players(model: Model, organ: Organ | str) -> tuple[Player, ...]:
    """The players of an organ in a stable order: holders in holding order, or seats in file order.

    A general meeting with ``shareholders: true`` has one player per holder whose votes are
    shares × votes per share summed over classes (aksjeloven § 5-3), or one vote each when the
    company form is one member, one vote (samvirke); other organs have one
    player per seat with the seat's votes.
    """
    o = model.organs[organ] if isinstance(organ, str) else organ
    key = (id(model), id(o))
    hit = _PLAYERS.get(key)
    if hit is not None and hit[0]() is model and hit[1]() is o:
        return hit[2]
    result = _players(model, o)
    if len(_PLAYERS) >= _PLAYERS_MAX:
        _PLAYERS.clear()
    _PLAYERS[key] = (weakref.ref(model), weakref.ref(o), result)
    return result


def _players(model: Model, o: Organ) -> tuple[Player, ...]:
    if o.shareholders:
        votes: dict[str, Fraction | int] = {}
        capital: dict[str, int] = {}
        cv: dict[str, dict[str, Fraction | int]] = {}
        cc: dict[str, dict[str, int]] = {}
        vps_of = {c.id: c.votes_per_share for c in model.company.share_classes}
        for h in model.company.holdings:
            if h.shares <= 0:
                continue
            vps = vps_of[h.share_class]
            # whole votes per share stay ints until the end (the same exact values)
            add = vps.numerator * h.shares if vps.denominator == 1 else vps * h.shares
            if h.votes is not None:  # the agreement fixes the votes (IKS): not the share
                add = h.votes
            votes[h.holder] = votes.get(h.holder, 0) + add
            capital[h.holder] = capital.get(h.holder, 0) + h.shares
            per_class = cv.setdefault(h.holder, {})
            per_class[h.share_class] = per_class.get(h.share_class, 0) + add
            cc.setdefault(h.holder, {})[h.share_class] = (
                cc.get(h.holder, {}).get(h.share_class, 0) + h.shares
            )
        fvotes = {a: Fraction(v) for a, v in votes.items()}
        fcv = {a: {c: Fraction(v) for c, v in m.items()} for a, m in cv.items()}
        if model.form.one_member_one_vote:
            # samvirke: one member, one vote whatever the member's share (template, samvirkelova)
            fvotes = {a: Fraction(1) for a in fvotes}
        return tuple(
            Player(a, model.name_of(a), fvotes[a], capital[a], a, False, fcv[a], cc[a])
            for a in fvotes
        )
    return tuple(
        Player(s.id, _seat_name(model, s), Fraction(s.votes), 0, s.holder, s.chair) for s in o.seats
    )


def _seat_name(model: Model, seat) -> str:
    organ = model.organs[seat.organ]
    if seat.holder:
        return f"{model.name_of(seat.holder)} ({organ.name})"
    suffix = seat.id.split(".", 1)[1]
    return f"{organ.name}: {suffix}"


def present_players(
    model: Model, organ: Organ | str, absent: Iterable[str] = ()
) -> tuple[Player, ...]:
    o = model.organs[organ] if isinstance(organ, str) else organ
    gone = set(absent) | set(model.attendance.get(o.id, ()))
    return tuple(p for p in players(model, o) if p.id not in gone)


def _exact_sum(values: Iterable[Fraction]) -> Fraction:
    """Sum of Fractions, adding the integral ones as ints (same exact value, far fewer
    Fraction operations: votes are whole numbers unless a share class has fractional votes)."""
    whole = 0
    rest = Fraction(0)
    for v in values:
        if v.denominator == 1:
            whole += v.numerator
        else:
            rest += v
    return rest + whole


def _base_value(base: str, ps: Iterable[Player]) -> Fraction:
    ps = list(ps)
    if base in ("votes_cast", "total_votes"):
        return _exact_sum(p.votes for p in ps)
    if base in ("capital_represented", "total_capital"):
        return Fraction(sum(p.capital for p in ps))
    return Fraction(len(ps))  # seats, seats_present


def _weights(base: str, ps: Sequence[Player]) -> list[Fraction]:
    """Each player's weight under a quota ``base``: its votes, its capital, or one a seat."""
    if base in ("votes_cast", "total_votes"):
        return [p.votes for p in ps]
    if base in ("capital_represented", "total_capital"):
        return [Fraction(p.capital) for p in ps]
    return [Fraction(1)] * len(ps)


def _meets(value: Fraction, fraction: Fraction, whole: Fraction, strict: bool) -> bool:
    target = fraction * whole
    return value > target if strict else value >= target


def passes(
    rule: Rule,
    all_players: tuple[Player, ...],
    yes: frozenset[str],
    present: frozenset[str] | None = None,
    abstaining: frozenset[str] = frozenset(),
) -> bool:
    """Does the set ``yes`` (player ids, all present) pass ``rule``?

    ``present`` defaults to every player. Yes-voters who are absent are ignored.
    ``abstaining`` players are present but cast no vote: they count in the capital represented
    (and seats present), not in the votes cast (aksjeloven §§ 5-17, 5-18 (1)).
    """
    if present is None:
        present = frozenset(p.id for p in all_players)
    abstaining = abstaining & present
    yes = (yes & present) - abstaining
    pres = _present_players(all_players, present)
    found: list[list[Player]] = []

    def ayes() -> list[Player]:
        # the yes-voters in order, listed only when a sum over them is not already known
        if not found:
            found.append([p for p in pres if p.id in yes])
        return found[0]

    if abstaining:
        return _passes(
            rule, all_players, pres, ayes, yes, present, present - abstaining, abstaining
        )
    return _passes(rule, all_players, pres, ayes, yes, present)


# The present players of an organ by (players tuple, present ids): the control engine asks
# about the same meeting (e.g. model A's general meeting of 372 holders) thousands of times.
# The tuple is kept in the value and checked by identity, so a recycled id() never hits.
_PRESENT: dict[tuple, tuple[tuple[Player, ...], list[Player]]] = {}


def _present_players(everyone: tuple[Player, ...], present: frozenset[str]) -> list[Player]:
    if not isinstance(everyone, tuple):
        return [p for p in everyone if p.id in present]
    key = (id(everyone), present)
    hit = _PRESENT.get(key)
    if hit is not None and hit[0] is everyone:
        return hit[1]
    pres = [p for p in everyone if p.id in present]
    if len(_PRESENT) >= _SUMS_MAX:
        _PRESENT.clear()
    _PRESENT[key] = (everyone, pres)
    return pres


# Sums of votes/capital/seats over a set of players, by (players tuple, base, ids): the control
# engine asks the same totals (e.g. the votes present at a general meeting of 372 holders) many
# times. The tuple is kept in the value and checked by identity, so a recycled id() never hits.
_SUMS: dict[tuple, tuple[tuple[Player, ...], Fraction]] = {}
_SUMS_MAX = 4096


def _cached_sum(
    everyone, base: str, ids: frozenset[str] | None, subset: Callable[[], Sequence[Player]]
) -> Fraction:
    """The total of ``base`` over ``subset()`` (the players ``ids``; None: everyone)."""
    if not isinstance(everyone, tuple):
        return _base_value(base, subset())
    key = (id(everyone), base, ids)
    hit = _SUMS.get(key)
    if hit is not None and hit[0] is everyone:
        return hit[1]
    value = _base_value(base, subset())
    if len(_SUMS) >= _SUMS_MAX:
        _SUMS.clear()
    _SUMS[key] = (everyone, value)
    return value


def _passes(
    rule: Rule, everyone, pres, ayes, yes, present=None, voting=None, abstaining=frozenset()
) -> bool:
    if isinstance(rule, Quota):
        if rule.base == "votes_cast" and abstaining:
            whole = _cached_sum(
                everyone, rule.base, voting, lambda: [p for p in pres if p.id not in abstaining]
            )
        elif rule.base in ("votes_cast", "capital_represented", "seats_present"):
            whole = _cached_sum(everyone, rule.base, present, lambda: pres)
        else:
            whole = _cached_sum(everyone, rule.base, None, lambda: everyone)
        if whole == 0:
            return False
        ayes_value = _cached_sum(everyone, rule.base, frozenset(yes), ayes)
        return _meets(ayes_value, rule.fraction, whole, rule.strict)
    if isinstance(rule, ClassConsent):

        def cls_val(ps):
            if rule.base in ("votes_cast", "total_votes"):
                return sum(
                    (p.class_votes.get(rule.share_class, Fraction(0)) for p in ps), Fraction(0)
                )
            return Fraction(sum(p.class_capital.get(rule.share_class, 0) for p in ps))

        whole_set = pres if rule.base in ("votes_cast", "capital_represented") else everyone
        if rule.base == "votes_cast" and abstaining:
            whole_set = [p for p in pres if p.id not in abstaining]
        whole = cls_val(whole_set)
        if whole == 0:
            return True  # nobody of the class is there to consent or refuse
        return _meets(cls_val(ayes()), rule.fraction, whole, rule.strict)
    if isinstance(rule, Count):
        n = len(ayes())
        return n > rule.n if rule.strict else n >= rule.n
    if isinstance(rule, Unanimity):
        group = pres if rule.scope == "present" else everyone
        return bool(group) and all(p.id in yes for p in group)
    if isinstance(rule, Approvers):
        for pid in rule.ids:
            if pid == "chair":
                chairs = [p for p in everyone if p.chair]
                if chairs and not any(p.id in yes for p in chairs):
                    return False
                continue
            matching = [p for p in everyone if p.id == pid or p.holder == pid]
            if not matching or not any(p.id in yes for p in matching):
                return False
        return True
    if isinstance(rule, AllOf):
        return all(
            _passes(r, everyone, pres, ayes, yes, present, voting, abstaining) for r in rule.rules
        )
    if isinstance(rule, AnyOf):
        return any(
            _passes(r, everyone, pres, ayes, yes, present, voting, abstaining) for r in rule.rules
        )
    raise TypeError(f"unknown rule {rule!r}")


@dataclass(frozen=True)
class WeightedForm:
    """A rule reduced to integer weights and one quota over the present players, plus vetoes."""

    player_ids: tuple[str, ...]
    weights: tuple[int, ...]
    quota: int
    vetoers: tuple[int, ...] = ()  # indices of players that must vote yes
    scale: int = 1  # weights = votes × scale

    @property
    def total(self) -> int:
        return sum(self.weights)


def _int_weights(values: list[Fraction]) -> tuple[list[int], int]:
    den = reduce(lcm, (v.denominator for v in values), 1)
    if den == 1:  # whole votes (the usual case): no Fraction arithmetic per player
        return [v.numerator for v in values], 1
    return [int(v * den) for v in values], den


def _quota_int(fraction: Fraction, whole: Fraction, strict: bool, scale: int) -> int:
    """Smallest integer weight w (in scaled units) with w > / >= fraction × whole."""
    target = fraction * whole * scale
    if strict:
        return target.numerator // target.denominator + 1
    return -((-target.numerator) // target.denominator)


def weighted_form(rule: Rule, ps: tuple[Player, ...], complete: bool = True) -> WeightedForm | None:
    """Reduce ``rule`` over the present players ``ps`` to one weighted quota, or None.

    ``complete`` says that ``ps`` are all the organ's players (full attendance), so quotas over
    total votes or capital are quotas over the present too. Handles quotas over votes or capital (and conjunctions of quotas whose weights are
    proportional, such as § 5-18's two tests with one share class), head counts, and required
    approvers as vetoes. Returns None for rules that are not of that form.
    """
    ids = tuple(p.id for p in ps)
    quotas: list[
        tuple[list[Fraction], Fraction, Fraction, bool]
    ] = []  # (values, whole, fraction, strict)
    vetoes: set[int] = set()
    everyone_votes = None

    def collect(r: Rule) -> bool:
        nonlocal everyone_votes
        if isinstance(r, Quota):
            vals = _weights(r.base, ps)
            if r.base in ("total_votes", "total_capital", "seats") and not complete:
                return False  # depends on absent players too: not a game over the present alone
            quotas.append((vals, _exact_sum(vals), r.fraction, r.strict))
            return True
        if isinstance(r, Unanimity):
            if r.scope == "all" and not complete:
                return False
            # everyone present (or, at full attendance, everyone) must vote yes: one quota
            # equal to the whole, in head counts so zero-vote players still count
            quotas.append(([Fraction(1)] * len(ps), Fraction(1), Fraction(len(ps)), False))
            return True
        if isinstance(r, Count):
            quotas.append(([Fraction(1)] * len(ps), Fraction(1), Fraction(r.n), r.strict))
            return True
        if isinstance(r, Approvers):
            for pid in r.ids:
                idx = [
                    i
                    for i, p in enumerate(ps)
                    if p.id == pid or p.holder == pid or (pid == "chair" and p.chair)
                ]
                if len(idx) != 1:
                    return pid == "chair" and not idx
                vetoes.add(idx[0])
            return True
        if isinstance(r, AllOf):
            return all(collect(c) for c in r.rules)
        return False

    if not collect(rule) or not quotas:
        return None
    base_vals = quotas[0][0]
    for vals, *_ in quotas[1:]:
        if not _proportional(base_vals, vals):
            return None
    weights, scale = _int_weights(base_vals)
    best = 0
    for vals, whole, fraction, strict in quotas:
        # rescale each quota into the first quota's units (weights are proportional)
        ratio = _ratio(base_vals, vals)
        q = _quota_int(fraction, whole / ratio if ratio else whole, strict, scale)
        best = max(best, q)
    return WeightedForm(ids, tuple(weights), max(best, 1), tuple(sorted(vetoes)), scale)


def _proportional(a: list[Fraction], b: list[Fraction]) -> bool:
    ratio = _ratio(a, b)
    if ratio == 1:  # the same weights (two quotas over one base): compare, do not multiply
        return a == b
    return ratio is not None and all(x * ratio == y for x, y in zip(a, b, strict=True))


def _ratio(a: list[Fraction], b: list[Fraction]) -> Fraction | None:
    for x, y in zip(a, b, strict=True):
        if x:
            return y / x
        if y:
            return None
    return Fraction(1)


def absolute_quota(rule: Quota, ps: tuple[Player, ...]) -> Fraction:
    """The yes-weight a quota rule needs, in votes/shares/seats, over the present players."""
    if rule.base in ("votes_cast", "total_votes"):
        whole = _exact_sum(p.votes for p in ps)
    elif rule.base in ("capital_represented", "total_capital"):
        whole = Fraction(sum(p.capital for p in ps))
    else:
        whole = Fraction(len(ps))
    return rule.fraction * whole


def composite_form(
    rule: Rule, ps: tuple[Player, ...], everyone: tuple[Player, ...] | None = None
) -> CompositeGame | None:
    """The rule as a :class:`~govmodel.power.games.CompositeGame` over the present players
    ``ps`` (``everyone``: all the organ's players, for quotas over total votes or capital and
    for "approval of all"), or None when the rule has a part that is not a threshold.

    Each part becomes an atom with exactly the arithmetic of :func:`passes`: a quota of votes,
    capital or seats is an integer quota on integer-scaled weights (``more than`` and ``at
    least`` differ at the boundary); a head count and unanimity are head-count atoms; a required
    approver is an atom "at least one of the matching players" and, when it is a single present
    player required by the whole rule, a veto. Players named nowhere get weight 0.

    >>> from fractions import Fraction as F
    >>> from govmodel.rules import AllOf, AnyOf, Count, Quota
    >>> ps = tuple(Player(f"p{i}", f"P{i}", F(v), v, None) for i, v in enumerate((5, 3, 1)))
    >>> g = composite_form(AnyOf((AllOf((Count(2, False), Quota("votes_cast", F(2, 3), False))),
    ...                           Count(3, False))), ps)
    >>> g.wins(0b011), g.wins(0b110), g.wins(0b111)
    (True, False, True)
    """
    if not ps:
        return None
    everyone = ps if everyone is None else everyone
    present_ids = {p.id for p in ps}
    atoms: list[Atom] = []

    def atom(weights: list[int], quota: int) -> Formula:
        atoms.append(Atom(tuple(weights), quota))
        return ("atom", len(atoms) - 1)

    def scaled(
        values: list[Fraction], fraction: Fraction, whole: Fraction, strict: bool
    ) -> Formula:
        ws, scale = _int_weights(values)
        return atom(ws, _quota_int(fraction, whole, strict, scale))

    def build(r: Rule) -> Formula | None:
        if isinstance(r, Quota):
            group = (
                ps if r.base in ("votes_cast", "capital_represented", "seats_present") else everyone
            )
            whole = _base_value(r.base, group)
            if whole == 0:
                return ("false",)
            return scaled(_weights(r.base, ps), r.fraction, whole, r.strict)
        if isinstance(r, ClassConsent):
            votes = r.base in ("votes_cast", "total_votes")

            def val(p: Player) -> Fraction:
                if votes:
                    return p.class_votes.get(r.share_class, Fraction(0))
                return Fraction(p.class_capital.get(r.share_class, 0))

            group = ps if r.base in ("votes_cast", "capital_represented") else everyone
            whole = sum((val(p) for p in group), Fraction(0))
            if whole == 0:
                return ("true",)
            return scaled([val(p) for p in ps], r.fraction, whole, r.strict)
        if isinstance(r, Count):
            return atom([1] * len(ps), r.n + 1 if r.strict else r.n)
        if isinstance(r, Unanimity):
            if r.scope != "present" and any(p.id not in present_ids for p in everyone):
                return ("false",)
            return atom([1] * len(ps), len(ps))
        if isinstance(r, Approvers):
            parts: list[Formula] = []
            for pid in r.ids:
                if pid == "chair":
                    if not any(p.chair for p in everyone):
                        continue
                    marks = [1 if p.chair else 0 for p in ps]
                else:
                    if not any(p.id == pid or p.holder == pid for p in everyone):
                        return ("false",)
                    marks = [1 if p.id == pid or p.holder == pid else 0 for p in ps]
                parts.append(atom(marks, 1) if any(marks) else ("false",))
            return ("all", tuple(parts)) if parts else ("true",)
        if isinstance(r, (AllOf, AnyOf)):
            kids = [build(c) for c in r.rules]
            if any(k is None for k in kids):
                return None
            return ("all" if isinstance(r, AllOf) else "any", tuple(kids))
        return None

    formula = build(rule)
    if formula is None:
        return None
    formula, vetoers = _lift_vetoes(formula, atoms)
    return CompositeGame(len(ps), tuple(atoms), formula, frozenset(vetoers))


def _lift_vetoes(f: Formula, atoms: list[Atom]) -> tuple[Formula, set[int]]:
    """Single-player "at least 1" atoms required by the whole formula become vetoes."""
    vetoers: set[int] = set()

    def single(a: Atom) -> int | None:
        nz = [i for i, w in enumerate(a.weights) if w]
        return nz[0] if len(nz) == 1 and a.quota >= 1 and a.quota <= a.weights[nz[0]] else None

    def walk(g: Formula) -> Formula:
        if g[0] == "atom":
            who = single(atoms[g[1]])
            if who is not None:
                vetoers.add(who)
                return ("true",)
            return g
        if g[0] == "all":
            return ("all", tuple(walk(c) for c in g[1]))
        return g

    return walk(f), vetoers
