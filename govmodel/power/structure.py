"""Winning and blocking structure of each decision, summarised as users think of it.

Instead of enumerating 2^372 coalitions, players are grouped into *units*: the generated groups
(kommuner, fylkeskommuner) and every other actor that holds shares or seats (KS, a private
owner, the state ...). Every unit is considered; none is dropped.

* Up to :data:`SCAN_UNITS` units, the minimal winning and minimal blocking sets of units are
  complete: every union of units is checked with the control engine, both directly (own votes
  only, as the concept study's §5.4.4 reasons) and through chains (appointments, instructions,
  proxies, recommendations).
* With more units (a company with hundreds of hand-listed owners) listing every minimal set is
  neither feasible nor readable. Then the lists hold every minimal set of at most
  ``summary.listed_up_to`` units — complete up to that size — found exactly from the rule's
  weighted form (unit weight = the votes of its members present), and ``summary`` says so and
  adds the fewest units that pass and that block with their own votes (largest first; exact:
  no smaller set exists). Chains give nothing beyond own votes when no link the control engine
  follows reaches a vote in the organ or the decision
  (:func:`govmodel.power.decisiongames.chain_links`). Otherwise, when a
  coalition commands just what its units command alone (a holding company or a role one unit
  controls, a proxy) and no recommendation weighs on the decision, the chain lists are as exact
  and as complete as the own-votes lists (:mod:`govmodel.power.unitgame`); else they are checked
  with the control engine for single units only, and ``summary`` says that.

Within a group, the weighted form of the rule gives the share of the votes present any set of
members needs to force or to block, and the fewest largest members that do so.

"The authorities" are one set everywhere: the model's contracting authorities
(``Model.contracting_authorities``), or the set the caller passes, exactly as the criteria use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from govmodel.analysis.control import (
    MINORITY_RIGHT,
    ControlAnalysis,
    graded,
    law_kind,
)
from govmodel.analysis.routes import pass_route
from govmodel.model import Model
from govmodel.power.decisiongames import Game, UnitGames, chain_free
from govmodel.power.unitgame import UnitGame
from govmodel.power.voting import (
    WeightedForm,
    present_players,
    weighted_form,
)

SCAN_UNITS = 10  # up to this many units, every union of units is checked
LIST_BUDGET = 60_000  # summarised mode: sets of units checked arithmetically per decision


@dataclass(frozen=True)
class StructureSummary:
    """What a decision's structure lists when it has too many units to list every minimal set.

    ``listed_up_to``: the minimal winning and blocking lists hold every minimal set of at most
    this many units (and none larger). ``fewest_to_pass`` / ``fewest_to_block``: a smallest
    set of units that passes / blocks with its own votes (None: no set does).
    ``chains_singletons_only``: the chain lists were checked for single units only.
    ``fewest_through_chains``: the same two sets through chains, when chains can change them
    and they were found exactly (None: own votes say it all, or not sought)."""

    units: int
    listed_up_to: int
    fewest_to_pass: tuple[str, ...] | None
    fewest_to_block: tuple[str, ...] | None
    chains_singletons_only: bool
    fewest_known: bool = True  # False: the rule is not one quota; the fewest sets were not sought
    fewest_through_chains: tuple[tuple[str, ...] | None, tuple[str, ...] | None] | None = None

    def describe(self, lang: str = "en") -> str:
        """One sentence saying exactly what was summarised.

        >>> StructureSummary(301, 2, ("a",) * 79, ("b",) * 79, False).describe("en")
        '301 units: every minimal winning and blocking set of at most 2 units is listed; fewest units that pass with their own votes: 79, that block: 79.'
        >>> StructureSummary(12, 3, ("a",) * 5, ("b",) * 3, False, True, (("c",), None)).describe("nb")
        '12 enheter: alle minimale vinnende og blokkerende sett med høyst 3 enheter er listet; færrest enheter som vedtar med egne stemmer: 5, som blokkerer: 3; gjennom kjeder: 1 og ingen.'
        """
        w = _WORDING["nb" if lang == "nb" else "en"]
        k = self.listed_up_to
        s = w.listed.format(units=self.units, k=k, unit=w.unit if k == 1 else w.units)
        if self.fewest_known:
            p, b = (
                str(len(x)) if x else w.none for x in (self.fewest_to_pass, self.fewest_to_block)
            )
            s += w.fewest.format(p=p, b=b)
        if self.fewest_through_chains is not None:
            p, b = (str(len(x)) if x else w.none for x in self.fewest_through_chains)
            s += w.fewest_chains.format(p=p, b=b)
        if self.chains_singletons_only:
            s += w.singletons
        return s + "."


@dataclass(frozen=True)
class _Wording:
    """The sentence of :meth:`StructureSummary.describe` in one language."""

    listed: str
    unit: str
    units: str
    fewest: str
    fewest_chains: str
    singletons: str
    none: str


_WORDING = {
    "nb": _Wording(
        "{units} enheter: alle minimale vinnende og blokkerende sett med høyst {k} {unit} er listet",
        "enhet",
        "enheter",
        "; færrest enheter som vedtar med egne stemmer: {p}, som blokkerer: {b}",
        "; gjennom kjeder: {p} og {b}",
        "; gjennom kjeder er bare enkeltenheter kontrollert",
        "ingen",
    ),
    "en": _Wording(
        "{units} units: every minimal winning and blocking set of at most {k} {unit} is listed",
        "unit",
        "units",
        "; fewest units that pass with their own votes: {p}, that block: {b}",
        "; through chains: {p} and {b}",
        "; through chains, single units only were checked",
        "none",
    ),
}


@dataclass(frozen=True)
class GroupThreshold:
    """How much of a group is needed, alone, to force or block (direct votes)."""

    group: str
    members_present: int
    weight_present: int
    force_fewest_largest: tuple[str, ...] | None  # None: the whole group cannot
    block_fewest_largest: tuple[str, ...] | None


@dataclass(frozen=True)
class DecisionStructure:
    organ: str
    decision: str
    name: str
    rule: str
    source: str
    units: tuple[str, ...]
    minimal_winning: tuple[tuple[str, ...], ...]
    minimal_blocking: tuple[tuple[str, ...], ...]
    minimal_winning_direct: tuple[tuple[str, ...], ...]
    minimal_blocking_direct: tuple[tuple[str, ...], ...]
    weighted: WeightedForm | None
    force_share: Fraction | None  # share of the votes present a yes-side needs (direct)
    block_share: Fraction | None  # share of the votes present that blocks (direct)
    groups: tuple[GroupThreshold, ...]
    authorities_can_force: str | None  # strictest link level, or None
    authorities_can_block: str | None
    summary: StructureSummary | None = None  # None: the lists are complete
    # how the authorities pass it: "direct" (own votes), "chain" (through links) or None; the
    # criteria's classification (govmodel.analysis.routes.pass_route), so both sections agree
    authorities_pass_route: str | None = None

    @property
    def key(self) -> str:
        return f"{self.organ}.{self.decision}"


def units(model: Model) -> tuple[str, ...]:
    """The generated groups plus every other actor holding shares or a fixed seat."""
    out: list[str] = [g.id for g in model.groups.values() if g.generate]
    in_groups = {a for g in out for a in model.groups[g].members}
    for h in model.company.holders():
        if h not in in_groups and h not in out:
            out.append(h)
    if not model.has_company:  # a council: its members are the fixed seat holders
        for o in model.organs.values():
            for s in o.seats:
                if s.holder and s.holder not in in_groups and s.holder not in out:
                    out.append(s.holder)
    return tuple(out)


def _minimal(sets: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    found: list[tuple[str, ...]] = []
    for s in sorted(sets, key=lambda x: (len(x), x)):
        if not any(set(f) <= set(s) for f in found):
            found.append(s)
    return tuple(found)


def _scan(
    model: Model,
    organ: str,
    decision: str,
    us: tuple[str, ...],
    chains: bool,
    cache: dict | None = None,
) -> tuple[tuple, tuple]:
    """The minimal winning and blocking sets among all sets of units ``us``, smallest first."""
    every = (combo for k in range(1, len(us) + 1) for combo in combinations(us, k))
    return _scan_sets(model, organ, decision, every, chains, {} if cache is None else cache)


def decision_structure(
    model: Model,
    organ: str,
    decision: str,
    cache: dict | None = None,
    authorities: Iterable[str] | None = None,
    scan_units: int = SCAN_UNITS,
) -> DecisionStructure:
    """The structure of one decision (see the module docstring). ``cache`` shares the
    per-coalition analyses between decisions of one model; ``authorities`` (default: the
    model's contracting authorities) is the set whose joint power is reported; with more than
    ``scan_units`` units the lists are summarised.

    >>> from govmodel.load import load_model
    >>> m = load_model("models/ownership_a.yaml")
    >>> ds = decision_structure(m, "generalforsamling", "articles")
    >>> ds.minimal_blocking_direct, ds.summary is None
    ((('kommuner',), ('ks',)), True)
    """
    cache = {} if cache is None else cache
    d = model.decision(organ, decision)
    us = units(model)
    ps = present_players(model, organ)
    complete = not model.attendance.get(organ)
    wf = weighted_form(d.rule, ps, complete=complete)
    summary = None
    if len(us) <= scan_units:
        mw, mb = _scan(model, organ, decision, us, chains=True, cache=cache)
        mwd, mbd = _scan(model, organ, decision, us, chains=False, cache=cache)
    else:
        mw, mb, mwd, mbd, summary = _summarise(model, organ, decision, us, wf, cache)
    force_share = block_share = None
    thresholds: list[GroupThreshold] = []
    if wf is not None and wf.total:
        force_share = Fraction(wf.quota, wf.total)
        block_share = Fraction(wf.total - wf.quota + 1, wf.total)
        weight = dict(zip(wf.player_ids, wf.weights, strict=True))
        for g in us:
            if g not in model.groups:
                continue
            members = [m for m in model.groups[g].members if m in weight]
            if not members:
                continue
            members.sort(key=lambda m: (-weight[m], m))
            total = sum(weight[m] for m in members)
            thresholds.append(
                GroupThreshold(
                    g,
                    len(members),
                    total,
                    _fewest(members, weight, wf.quota) if not wf.vetoers else None,
                    _fewest(members, weight, wf.total - wf.quota + 1),
                )
            )
    auth = tuple(authorities) if authorities is not None else model.contracting_authorities()
    if auth:
        key = (auth, True)
        if key not in cache:
            cache[key] = ControlAnalysis(model, auth)
        gc = graded(cache[key], organ, decision)
        can_force = gc.force.level if gc.force.possible else None
        can_block = gc.block.level if gc.block.possible else None
        route = pass_route(cache[key], organ, decision)
    else:
        can_force = can_block = route = None
    return DecisionStructure(
        organ,
        decision,
        d.name,
        d.rule.describe("en"),
        d.provenance.label(),
        us,
        mw,
        mb,
        mwd,
        mbd,
        wf,
        force_share,
        block_share,
        tuple(thresholds),
        can_force,
        can_block,
        summary,
        route,
    )


def _summarise(model, organ, decision, us, wf, cache):
    """Minimal sets of at most L units (complete up to L), exactly from the decision's games
    over the units (:class:`~govmodel.power.decisiongames.UnitGames`); the fewest units that pass and block with their
    own votes (a weighted rule and no recommendation); through chains the same lists when
    exact, else single units through the control engine, and the summary says so."""
    n_units = len(us)
    d = model.decision(organ, decision)
    # a minority right is exercised by the minority; nobody blocks it (as the engine says)
    no_block = law_kind(d) == MINORITY_RIGHT
    games = UnitGames(model, us, lambda c: _analysis(model, c, True, cache))
    own, chain = games.decision(organ, decision)
    fewest_pass = fewest_block = None
    fewest_known = False
    prune_chain = False
    if own is None:  # no exact threshold form: single units through the control engine
        mwd, mbd = _scan_sets(model, organ, decision, [(u,) for u in us], False, cache)
        listed = 1
    else:
        # one quota without vetoes: the search can prune, so pairs of hundreds of units are
        # cheap (through chains only when the game is additive, see unitgame)
        prune = isinstance(own, UnitGame) and wf is not None and not wf.vetoers
        prune_chain = prune and chain is not None and chain.laminar
        cheap = prune and (chain is None or chain is own or prune_chain)
        budget = LIST_BUDGET if cheap else LIST_BUDGET // 30
        listed = 1
        while listed < min(n_units, 3) and _sets_up_to(n_units, listed + 1) <= budget:
            listed += 1
        order = _heaviest_first(us, own)
        mwd = _minimal_sets(order, listed, own.wins, prune)
        mbd = () if no_block else _minimal_sets(order, listed, own.blocks, prune)
        if isinstance(own, UnitGame) and wf is not None:
            fewest_known = True
            veto_units = [u for u in order if own.commands[u] & own.vetoers]
            fewest_pass = _fewest_set(order, own.wins, first=veto_units)
            if not no_block:
                fewest_block = next(((u,) for u in veto_units), None) or _fewest_set(
                    order, own.blocks, []
                )
    if chain is not None and chain is own:
        mw, mb = mwd, mbd
    elif chain is not None:
        order = _heaviest_first(us, chain)
        mw = _minimal_sets(order, listed, chain.wins, prune_chain, chain.redundant)
        mb = (
            ()
            if no_block
            else _minimal_sets(order, listed, chain.blocks, prune_chain, chain.redundant)
        )
    elif chain_free(model, organ, decision):
        mw, mb = mwd, mbd  # no threshold form, and nothing beyond own votes
    else:
        mw, mb = _scan_sets(model, organ, decision, [(u,) for u in us], True, cache)
    singles_only = chain is None and not chain_free(model, organ, decision)
    through = None
    if fewest_known and chain is not own and isinstance(chain, UnitGame) and prune_chain:
        # additive over the units no other commands more than (unitgame): the heaviest of
        # them are the fewest, as for own votes
        tops = chain.tops(_heaviest_first(us, chain))
        through = (
            _fewest_set(tops, chain.wins, []),
            None if no_block else _fewest_set(tops, chain.blocks, []),
        )
    summary = StructureSummary(
        n_units, listed, fewest_pass, fewest_block, singles_only, fewest_known, through
    )
    return mw, mb, mwd, mbd, summary


def _heaviest_first(us: tuple[str, ...], game: Game) -> list[str]:
    return sorted(us, key=lambda u: (-game.weight(u), us.index(u)))


def _analysis(model: Model, combo: tuple[str, ...], chains: bool, cache: dict) -> ControlAnalysis:
    """The control engine's analysis of ``combo`` (one per coalition in ``cache``)."""
    an = cache.get((combo, chains))
    if an is None:
        an = cache[(combo, chains)] = ControlAnalysis(model, combo, chains=chains)
    return an


def _sets_up_to(n: int, k: int) -> int:
    from math import comb

    return sum(comb(n, j) for j in range(1, k + 1))


def _minimal_sets(
    order, k, test, prune: bool = False, redundant=None
) -> tuple[tuple[str, ...], ...]:
    """Every minimal set of at most ``k`` units passing ``test`` (monotone), heaviest first.

    ``prune``: ``test`` depends only on the total weight of the set and ``order`` is heaviest
    first, so once a set fails, replacing its last unit by a lighter one fails too.
    ``redundant(s)``: ``s`` is never minimal (a unit adds nothing); such sets are skipped, and
    among the others the weight is additive (so pruning stays exact)."""
    found: set[frozenset[str]] = set()
    out: list[tuple[str, ...]] = []

    def extend(prefix: tuple[str, ...], start: int, size: int) -> None:
        for j in range(start, len(order)):
            combo = (*prefix, order[j])
            if redundant is not None and redundant(combo):
                continue
            if len(combo) < size:
                extend(combo, j + 1, size)
                continue
            if found and any(
                frozenset(sub) in found for r in range(1, size) for sub in combinations(combo, r)
            ):
                continue
            if test(combo):
                found.add(frozenset(combo))
                out.append(combo)
            elif prune:
                return

    for size in range(1, k + 1):
        extend((), 0, size)
    return tuple(sorted(out, key=lambda x: (len(x), x)))


def _fewest_set(order, test, first) -> tuple[str, ...] | None:
    """Largest units first (after the required ones) until ``test`` holds: for a weighted rule
    no smaller set can pass, because any set of that many units weighs at most as much."""
    chosen = list(first)
    if test(tuple(chosen)) and chosen:
        return tuple(chosen)
    for u in order:
        if u in chosen:
            continue
        chosen.append(u)
        if test(tuple(chosen)):
            return tuple(chosen)
    return None


def _scan_sets(
    model: Model,
    organ: str,
    decision: str,
    sets: Iterable[tuple[str, ...]],
    chains: bool,
    cache: dict,
) -> tuple[tuple, tuple]:
    """The minimal winning and blocking sets among ``sets`` (each analysed once per cache)."""
    winning: list[tuple[str, ...]] = []
    blocking: list[tuple[str, ...]] = []
    for combo in sets:
        an = _analysis(model, combo, chains, cache)
        if an.force(organ, decision).possible:
            winning.append(combo)
        if an.block(organ, decision).possible:
            blocking.append(combo)
    return _minimal(winning), _minimal(blocking)


def _fewest(members: list[str], weight: dict[str, int], need: int) -> tuple[str, ...] | None:
    acc = 0
    out: list[str] = []
    for m in members:
        if acc >= need:
            break
        acc += weight[m]
        out.append(m)
    return tuple(out) if acc >= need else None


def model_structure(
    model: Model,
    organs: tuple[str, ...] | None = None,
    authorities: Iterable[str] | None = None,
) -> list[DecisionStructure]:
    """Structure of every decision of the general meeting and the councils around it."""
    chosen = organs or tuple(o.id for o in model.organs.values() if o.deciding)
    cache: dict = {}
    return [
        decision_structure(model, oid, d.id, cache, authorities)
        for oid in chosen
        for d in model.organs[oid].decisions
    ]
