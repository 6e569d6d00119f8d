"""Simple games as immutable values: weighted, veto, intersection and predicate games."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

# --------------------------------------------------------------------------------------------
# quotas


def quota_for(total: int, fraction: Fraction, strict: bool) -> int:
    """The smallest integer weight ``w`` with ``w > fraction * total`` (``strict``, "more than")
    or ``w >= fraction * total`` (not strict, "at least"), computed exactly.

    >>> quota_for(100000, Fraction(1, 2), strict=True)
    50001
    >>> quota_for(100000, Fraction(2, 3), strict=False)
    66667
    """
    if isinstance(total, bool) or not isinstance(total, int):
        raise TypeError("total must be an int")
    if total < 0:
        raise ValueError("total must be non-negative")
    f = Fraction(fraction)
    if f < 0:
        raise ValueError("fraction must be non-negative")
    x = f * total
    floor = x.numerator // x.denominator
    if strict:
        return floor + 1
    return floor if floor == x else floor + 1


# --------------------------------------------------------------------------------------------
# games


def _check_weights(weights: object, what: str = "weights") -> tuple[int, ...]:
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Iterable):
        raise TypeError(f"{what} must be a sequence of non-negative ints")
    out = tuple(weights)
    for w in out:
        if isinstance(w, bool) or not isinstance(w, int):
            raise TypeError(f"{what} must be ints, got {w!r}")
        if w < 0:
            raise ValueError(f"{what} must be non-negative, got {w}")
    if not out:
        raise ValueError(f"{what} must name at least one player")
    return out


def _check_quota(quota: object) -> int:
    if isinstance(quota, bool) or not isinstance(quota, int):
        raise TypeError(f"quota must be an int, got {quota!r}")
    if quota < 1:
        raise ValueError(f"quota must be at least 1, got {quota}")
    return quota


@dataclass(frozen=True)
class WeightedGame:
    """Weighted majority game ``[quota; w_0, ..., w_{n-1}]``: a coalition wins iff the sum of
    its members' weights is at least ``quota``."""

    weights: tuple[int, ...]
    quota: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _check_weights(self.weights))
        _check_quota(self.quota)

    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def total(self) -> int:
        return sum(self.weights)

    def wins(self, coalition: int) -> bool:
        """Whether the coalition (bitmask of player indices) wins."""
        return _mask_weight(self.weights, coalition) >= self.quota

    def spec(self) -> list[object]:
        """A canonical description (the cache compares it in full)."""
        return ["weighted", list(self.weights), self.quota]


def dual_quota(game: WeightedGame) -> int:
    """The quota of the dual game ``[T - q + 1; w]`` (``T`` the total weight).

    A coalition wins the dual game iff its complement does not win the game, so player ``i`` is
    a swing for ``S`` in one exactly when it is a swing for ``N ∖ S ∖ {i}`` in the other: the
    swing counts are equal, the sizes reflect (``s ↔ n - 1 - s``) and ``s!(n-1-s)!`` is
    symmetric, so Banzhaf and Shapley–Shubik indices are identical. Decisions that need 9/10
    of the votes and those that one tenth can demand therefore share one computation.

    >>> dual_quota(WeightedGame((3, 2, 1), 5))
    2
    """
    return game.total - game.quota + 1


def canonical(game: WeightedGame) -> WeightedGame:
    """The game or its dual, whichever has the smaller quota (same indices; see
    :func:`dual_quota`)."""
    if game.quota <= game.total:
        d = dual_quota(game)
        if 1 <= d < game.quota:
            return WeightedGame(game.weights, d)
    return game


@dataclass(frozen=True)
class VetoWeightedGame:
    """Weighted game with veto players: a coalition wins iff its weight is at least ``quota``
    and it contains every player in ``vetoers`` (player indices)."""

    weights: tuple[int, ...]
    quota: int
    vetoers: frozenset[int]

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _check_weights(self.weights))
        _check_quota(self.quota)
        v = frozenset(self.vetoers)
        for i in v:
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(self.weights):
                raise ValueError(f"vetoer {i!r} is not a player index 0..{len(self.weights) - 1}")
        object.__setattr__(self, "vetoers", v)

    @property
    def n(self) -> int:
        return len(self.weights)

    def wins(self, coalition: int) -> bool:
        """Whether the coalition (bitmask of player indices) wins."""
        if any(not (coalition >> v) & 1 for v in self.vetoers):
            return False
        return _mask_weight(self.weights, coalition) >= self.quota

    def spec(self) -> list[object]:
        """A canonical description (the cache compares it in full)."""
        return ["veto", list(self.weights), self.quota, sorted(self.vetoers)]


@dataclass(frozen=True)
class IntersectionGame:
    """Several weighted games over the same players; a coalition wins iff it wins in all of
    them (e.g. aksjeloven § 5-18: two thirds of the votes cast *and* of the capital
    represented, two weight vectors when share classes differ in votes per share)."""

    games: tuple[WeightedGame, ...]

    def __post_init__(self) -> None:
        gs = tuple(self.games)
        if not gs:
            raise ValueError("an intersection game needs at least one game")
        for g in gs:
            if not isinstance(g, WeightedGame):
                raise TypeError(f"IntersectionGame takes WeightedGame components, got {g!r}")
        if len({g.n for g in gs}) != 1:
            raise ValueError("all component games must have the same players")
        object.__setattr__(self, "games", gs)

    @property
    def n(self) -> int:
        return self.games[0].n

    def wins(self, coalition: int) -> bool:
        """Whether the coalition (bitmask of player indices) wins every component game."""
        return all(g.wins(coalition) for g in self.games)

    def spec(self) -> list[object]:
        """A canonical description (the cache compares it in full)."""
        return ["intersection", [g.spec() for g in self.games]]


@dataclass(frozen=True)
class Atom:
    """One threshold condition of a composite rule: the coalition's total of ``weights`` (one
    non-negative int per player) is at least ``quota``. A head count is an atom whose weights
    are all 1."""

    weights: tuple[int, ...]
    quota: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _check_weights(self.weights))
        if isinstance(self.quota, bool) or not isinstance(self.quota, int):
            raise TypeError(f"quota must be an int, got {self.quota!r}")


# A formula over atoms: ("atom", i) | ("all", (f, ...)) | ("any", (f, ...)) | ("true",) | ("false",)
Formula = tuple


def _check_formula(f: object, natoms: int) -> None:
    if not isinstance(f, tuple) or not f:
        raise TypeError(f"not a formula: {f!r}")
    if f[0] == "atom":
        if len(f) != 2 or not isinstance(f[1], int) or not 0 <= f[1] < natoms:
            raise ValueError(f"atom index out of range: {f!r}")
    elif f[0] in ("all", "any"):
        if len(f) != 2 or not isinstance(f[1], tuple) or not f[1]:
            raise ValueError(f"{f[0]} needs a non-empty tuple of formulas")
        for c in f[1]:
            _check_formula(c, natoms)
    elif f[0] not in ("true", "false") or len(f) != 1:
        raise ValueError(f"not a formula: {f!r}")


def eval_formula(f: Formula, atom_true: Callable[[int], bool]) -> bool:
    """The truth of a formula given the truth of each atom."""
    kind = f[0]
    if kind == "atom":
        return atom_true(f[1])
    if kind == "all":
        return all(eval_formula(c, atom_true) for c in f[1])
    if kind == "any":
        return any(eval_formula(c, atom_true) for c in f[1])
    return kind == "true"


@dataclass(frozen=True)
class CompositeGame:
    """A rule combining threshold conditions with ``all``/``any``, plus required players.

    A coalition wins iff it contains every player in ``vetoers`` and ``formula`` is true, where
    atom ``k`` is true iff the coalition's total of ``atoms[k].weights`` is at least
    ``atoms[k].quota``. Every atom is monotone, so the game is.

    >>> # EU Council, simplified to 4 members: 3 of 4 holding 65 % of 100 people, or >= 3 members
    >>> pop = (40, 30, 20, 10)
    >>> g = CompositeGame(4, (Atom((1,) * 4, 3), Atom(pop, 65)),
    ...                   ("all", (("atom", 0), ("atom", 1))))
    >>> g.wins(0b0111), g.wins(0b1110)
    (True, False)
    """

    n: int
    atoms: tuple[Atom, ...]
    formula: Formula
    vetoers: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise ValueError(f"n must be a positive int, got {self.n!r}")
        atoms = tuple(self.atoms)
        for a in atoms:
            if not isinstance(a, Atom):
                raise TypeError(f"atoms must be Atom values, got {a!r}")
            if len(a.weights) != self.n:
                raise ValueError("every atom needs one weight per player")
        object.__setattr__(self, "atoms", atoms)
        _check_formula(self.formula, len(atoms))
        v = frozenset(self.vetoers)
        for i in v:
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < self.n:
                raise ValueError(f"vetoer {i!r} is not a player index 0..{self.n - 1}")
        object.__setattr__(self, "vetoers", v)

    def wins(self, coalition: int) -> bool:
        """Whether the coalition (bitmask of player indices) wins."""
        if any(not (coalition >> v) & 1 for v in self.vetoers):
            return False
        sums: dict[int, int] = {}

        def atom(k: int) -> bool:
            if k not in sums:
                sums[k] = _mask_weight(self.atoms[k].weights, coalition)
            return sums[k] >= self.atoms[k].quota

        return eval_formula(self.formula, atom)

    def spec(self) -> list[object]:
        """A canonical description (the cache compares it in full)."""
        return [
            "composite",
            self.n,
            [[list(a.weights), a.quota] for a in self.atoms],
            _formula_json(self.formula),
            sorted(self.vetoers),
        ]


def _formula_json(f: Formula) -> list[object]:
    if f[0] in ("all", "any"):
        return [f[0], [_formula_json(c) for c in f[1]]]
    return list(f)


@dataclass(frozen=True)
class PredicateGame:
    """Any simple game on ``n`` players given by ``wins(bitmask) -> bool`` (bit ``i`` set means
    player ``i`` is in the coalition). Must be monotone with the empty coalition losing."""

    n: int
    wins: Callable[[int], bool]

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise ValueError(f"n must be a positive int, got {self.n!r}")
        if not callable(self.wins):
            raise TypeError("wins must be callable")


Game = WeightedGame | VetoWeightedGame | IntersectionGame | CompositeGame | PredicateGame


def _mask_weight(weights: Sequence[int], mask: int) -> int:
    total = 0
    i = 0
    while mask:
        if mask & 1:
            total += weights[i]
        mask >>= 1
        i += 1
    return total
