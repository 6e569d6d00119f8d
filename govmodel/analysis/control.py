"""Control through chains: what a coalition of actors can force and block.

A coalition commands a player of an organ when it holds the seat or shares itself, or reaches
it along the model's relations:

- ``elects`` / ``appoints``: whoever can force the electing decision fills the seats (or the role);
- ``instructs``: whoever can force the instructing decision directs the target's votes;
- ``proxy``: the proxy holder casts the giver's votes (revocable by the giver at any time,
  aksjeloven § 5-2), while the giver keeps control by revoking;
- ``recommends`` on a decision: ``binding`` lets the recommender force it, ``adopt_or_return``
  gives the recommender a veto (the organ may only adopt the recommendation or send it back),
  ``advisory`` transfers no control.

Every link is classed ``firm`` (company law, articles), ``contractual`` (shareholders' agreement
or other agreement) or ``revocable`` (proxy). A result is computed at the strictest level that
suffices: forcing with firm links only is reported as firm; if contractual links are needed the
result is contractual, and so on. Each result carries the chains it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from govmodel.model import Model, Relation, Seat
from govmodel.power.voting import Player, passes, players

LEVELS = ("firm", "contractual", "revocable")
LEVEL = {name: i for i, name in enumerate(LEVELS)}


@dataclass(frozen=True)
class Step:
    """One link of a chain: the relation used, its type and strength class."""

    relation: str
    type: str
    link: str
    source: str
    target: str
    provenance: str

    def text(self) -> str:
        return f"{self.source} —{self.type}[{self.link}]→ {self.target}"


@dataclass(frozen=True)
class Chain:
    """How a coalition reaches a player: the member it starts from and the links used."""

    member: str | None  # coalition member at the root (None when it goes through a decision)
    steps: tuple[Step, ...] = ()
    via: tuple[str, ...] = ()  # decisions ("organ.decision") forced on the way

    @property
    def level(self) -> int:
        return max((LEVEL.get(s.link, 0) for s in self.steps), default=0)

    @property
    def link(self) -> str:
        return LEVELS[self.level]

    def text(self) -> str:
        parts = [self.member] if self.member else []
        parts += [s.text() for s in self.steps]
        return " ; ".join(p for p in parts if p)


@dataclass(frozen=True)
class Outcome:
    """Whether the coalition can force (or block) one decision, and on what that rests."""

    organ: str
    decision: str
    kind: str  # "force" or "block"
    possible: bool
    level: str | None  # strictest link class that suffices (None when not possible)
    controlled: tuple[tuple[str, Chain], ...] = ()  # players commanded, with chains
    recommendations: tuple[
        tuple[str, str, Outcome | None], ...
    ] = ()  # (relation, strength, outcome)
    reason: str = ""
    rests_on: tuple[Step, ...] = field(default=())

    @property
    def key(self) -> str:
        return f"{self.organ}.{self.decision}"


class ControlAnalysis:
    """Control of one coalition over one model (memoised; build one per coalition).

    ``coalition`` holds actor ids; group ids are expanded to their members. With
    ``chains=False`` only the coalition's own shares and seats count (the direct reading, as
    the study's §5.4.4 reasons about share blocks); recommendations still constrain decisions.
    """

    def __init__(self, model: Model, coalition: Iterable[str], chains: bool = True) -> None:
        self.model = model
        self.chains = chains
        members: set[str] = set()
        for x in coalition:
            if x in model.groups:
                members.update(model.groups[x].members)
            elif x in model.actors:
                members.add(x)
            else:
                raise KeyError(x)
        self.coalition = frozenset(members)
        self._memo: dict[tuple, object] = {}
        self._busy: set[tuple] = set()
        self._cuts = 0  # cycles cut so far: a result computed without a cut is exact
        self._players: dict[str, tuple[Player, ...]] = {}
        # index relations by target once
        self._by_target: dict[str, list[Relation]] = {}
        self._recs: dict[tuple[str, str], list[Relation]] = {}
        self._proxies: dict[str, list[Relation]] = {}
        for r in model.relations:
            if not chains and r.type != "recommends":
                continue  # direct analysis: only the coalition's own votes and seats
            self._by_target.setdefault(r.target, []).append(r)
            if r.type == "proxy":
                self._proxies.setdefault(r.source, []).append(r)
            if r.type == "recommends" and r.to_decision:
                self._recs.setdefault((r.target, r.to_decision), []).append(r)

    # -- players and actors -------------------------------------------------------------------

    def organ_players(self, organ: str) -> tuple[Player, ...]:
        if organ not in self._players:
            self._players[organ] = players(self.model, organ)
        return self._players[organ]

    def _step(self, r: Relation) -> Step:
        return Step(r.id, r.type, r.link, r.source, r.target, r.provenance.label())

    def actor(self, actor: str, level: int) -> Chain | None:
        """A chain by which the coalition directs ``actor``'s votes, within ``level``."""
        key = ("actor", actor, level)
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        if key in self._busy:
            self._cuts += 1
            return None  # a cycle gives no control
        self._busy.add(key)
        best: Chain | None = Chain(actor) if actor in self.coalition else None
        if best is None:
            for r in self._by_target.get(actor, ()):
                if r.type not in ("instructs", "elects", "appoints") or r.decision is None:
                    continue
                if LEVEL.get(r.link, 0) > level:
                    continue
                out = self.force(r.source, r.decision, level)
                if out.possible:
                    chain = Chain(
                        None,
                        self._chain_steps(out) + (self._step(r),),
                        (f"{r.source}.{r.decision}",),
                    )
                    best = _better(best, chain)
        self._busy.discard(key)
        self._memo[key] = best
        return best

    def vote(self, holder: str, level: int, organ: str | None = None) -> Chain | None:
        """A chain by which the coalition casts ``holder``'s votes in ``organ``: directly, or via
        a proxy that applies there (by default proxies apply at the general meeting)."""
        best = self.actor(holder, level)
        o = self.model.organs.get(organ) if organ else None
        for r in self._proxies.get(holder, ()):
            if o is not None and not r.applies_in(o.id, o.shareholders):
                continue
            if LEVEL.get(r.link, 0) <= level:
                # the proxy holder casts the votes; an organ as proxy acts through its decision
                if r.target in self.model.organs:
                    decs = self.model.organs[r.target].decisions
                    if not decs:
                        continue
                    out = self.force(r.target, decs[0].id, level)
                    sub = Chain(None, self._chain_steps(out)) if out.possible else None
                else:
                    sub = self.actor(r.target, level)
                if sub is not None:
                    best = _better(best, Chain(sub.member, sub.steps + (self._step(r),), sub.via))
        return best

    def seat(self, seat: Seat, level: int) -> Chain | None:
        """A chain by which the coalition fills (and so commands) ``seat``."""
        if seat.holder:
            return self.vote(seat.holder, level, seat.organ)
        best: Chain | None = None
        for r in self._by_target.get(seat.organ, ()):
            if r.type not in ("elects", "appoints") or r.decision is None:
                continue
            if r.seats and seat.group not in r.seats:
                continue
            if LEVEL.get(r.link, 0) > level:
                continue
            out = self.force(r.source, r.decision, level)
            if out.possible:
                best = _better(
                    best,
                    Chain(
                        None,
                        self._chain_steps(out) + (self._step(r),),
                        (f"{r.source}.{r.decision}",),
                    ),
                )
        return best

    def commanded(self, organ: str, level: int) -> tuple[tuple[str, Chain], ...]:
        key = ("commanded", organ, level)
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        cuts = self._cuts
        o = self.model.organs[organ]
        out: list[tuple[str, Chain]] = []
        if o.shareholders:
            for p in self.organ_players(organ):
                ch = self.vote(p.id, level, organ)
                if ch is not None:
                    out.append((p.id, ch))
        else:
            for s in o.seats:
                ch = self.seat(s, level)
                if ch is not None:
                    out.append((s.id, ch))
        result = tuple(out)
        if self._cuts == cuts:  # memoise only what no cycle cut short
            self._memo[key] = result
        return result

    @staticmethod
    def _chain_steps(out: Outcome) -> tuple[Step, ...]:
        return out.rests_on

    # -- decisions ----------------------------------------------------------------------------

    def present(self, organ: str) -> frozenset[str]:
        key = ("present", organ)
        if key not in self._memo:
            absent = self.model.attendance.get(organ, frozenset())
            self._memo[key] = frozenset(
                p.id for p in self.organ_players(organ) if p.id not in absent
            )
        return self._memo[key]  # type: ignore[return-value]

    def force(self, organ: str, decision: str, level: int = 2) -> Outcome:
        """Can the coalition make ``organ`` take ``decision`` using links no weaker than
        ``level``? The answer is given at the strictest level that suffices."""
        return self._strictest(self._force_at, organ, decision, level)

    def block(self, organ: str, decision: str, level: int = 2) -> Outcome:
        """Can the coalition stop ``decision`` (links no weaker than ``level``)? Strictest level."""
        return self._strictest(self._block_at, organ, decision, level)

    @staticmethod
    def _strictest(at, organ: str, decision: str, level: int) -> Outcome:
        """The outcome at the first level (firm, contractual, revocable) where it is possible."""
        for lv in range(level + 1):
            out = at(organ, decision, lv)
            if out.possible:
                return out
        return out

    def _force_at(self, organ: str, decision: str, level: int) -> Outcome:
        """Can the coalition make ``organ`` take ``decision`` (using links up to ``level``)?

        Its players vote yes, every other present player votes no. Adopt-or-return
        recommendations on the decision must also be forced (the recommender's veto); a forced
        binding recommendation forces the decision by itself.
        """
        key = ("force", organ, decision, level)
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        if key in self._busy:
            self._cuts += 1
            return Outcome(organ, decision, "force", False, None, reason="cycle")
        self._busy.add(key)
        d = self.model.decision(organ, decision)
        cmd = self.commanded(organ, level)
        ids = frozenset(pid for pid, _ in cmd)
        pres = self.present(organ)
        vote_ok = passes(d.rule, self.organ_players(organ), ids & pres, pres)
        recs: list[tuple[str, str, Outcome | None]] = []
        steps: list[Step] = [s for _, ch in cmd for s in ch.steps] if vote_ok else []
        veto_ok = True
        binding_ok = False
        for r in self._recs.get((organ, decision), ()):
            if r.strength == "advisory" or r.decision is None:
                recs.append((r.id, "advisory", None))
                continue
            if LEVEL.get(r.link, 0) > level:
                if r.strength == "adopt_or_return":
                    # the constraint binds regardless of whether we may rely on it
                    sub = self.force(r.source, r.decision, level)
                    recs.append((r.id, r.strength, sub))
                    veto_ok = veto_ok and sub.possible
                continue
            sub = self.force(r.source, r.decision, level)
            recs.append((r.id, r.strength or "", sub))
            if r.strength == "adopt_or_return":
                veto_ok = veto_ok and sub.possible
                if sub.possible:
                    steps += list(sub.rests_on) + [self._step(r)]
            elif r.strength == "binding" and sub.possible:
                binding_ok = True
                steps += list(sub.rests_on) + [self._step(r)]
        possible = (vote_ok and veto_ok) or binding_ok
        reason = self._reason(d, vote_ok, veto_ok, binding_ok, cmd, pres)
        out = Outcome(
            organ,
            decision,
            "force",
            possible,
            LEVELS[level] if possible else None,
            cmd,
            tuple(recs),
            reason,
            tuple(dict.fromkeys(steps)) if possible else (),
        )
        self._busy.discard(key)
        self._memo[key] = out
        return out

    def _block_at(self, organ: str, decision: str, level: int) -> Outcome:
        """Can the coalition stop ``decision`` even if every other present player votes yes?

        It blocks when its players' no-votes make the rule fail, or when it can block an
        adopt-or-return recommendation the decision depends on.
        """
        key = ("block", organ, decision, level)
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        if key in self._busy:
            self._cuts += 1
            return Outcome(organ, decision, "block", False, None, reason="cycle")
        self._busy.add(key)
        d = self.model.decision(organ, decision)
        cmd = self.commanded(organ, level)
        ids = frozenset(pid for pid, _ in cmd)
        pres = self.present(organ)
        blocked_vote = not passes(d.rule, self.organ_players(organ), pres - ids, pres)
        steps: list[Step] = [s for _, ch in cmd for s in ch.steps] if blocked_vote else []
        recs: list[tuple[str, str, Outcome | None]] = []
        veto_block = False
        binding: list[Outcome] = []
        for r in self._recs.get((organ, decision), ()):
            if r.strength == "advisory" or r.decision is None:
                recs.append((r.id, "advisory", None))
                continue
            sub = self.block(r.source, r.decision, level)
            recs.append((r.id, r.strength or "", sub))
            if r.strength == "adopt_or_return" and sub.possible and LEVEL.get(r.link, 0) <= level:
                # the veto is only as firm as the document that grants it
                veto_block = True
                steps.append(self._step(r))
                steps += list(sub.rests_on)
            elif r.strength == "binding" and LEVEL.get(r.link, 0) <= level:
                binding.append(sub)
        # a binding recommendation that others can force would override a blocked vote
        if binding and blocked_vote and not all(b.possible for b in binding):
            blocked_vote = False
        possible = blocked_vote or veto_block
        share = ", ".join(pid for pid, _ in cmd[:5]) + (" …" if len(cmd) > 5 else "")
        if possible:
            reason = (
                f"its {len(cmd)} player(s) ({share}) voting no leave the others short of {d.rule.describe()}"
                if blocked_vote
                else "it can block the recommendation the decision depends on"
            )
        else:
            reason = f"the other players pass {d.rule.describe()} without it"
        out = Outcome(
            organ,
            decision,
            "block",
            possible,
            LEVELS[level] if possible else None,
            cmd,
            tuple(recs),
            reason,
            tuple(dict.fromkeys(steps)) if possible else (),
        )
        self._busy.discard(key)
        self._memo[key] = out
        return out

    def _reason(self, d, vote_ok, veto_ok, binding_ok, cmd, pres) -> str:
        n = len([pid for pid, _ in cmd if pid in pres])
        if binding_ok:
            return "it can force a binding recommendation that decides the matter"
        if vote_ok and veto_ok:
            return f"its {n} present player(s) meet {d.rule.describe()}"
        if vote_ok:
            return "its votes suffice, but a recommendation the decision needs (adopt or return) is not in its hands"
        return f"its {n} present player(s) fall short of {d.rule.describe()}"


def _better(a: Chain | None, b: Chain) -> Chain:
    if a is None:
        return b
    return b if (b.level, len(b.steps)) < (a.level, len(a.steps)) else a


@dataclass(frozen=True)
class DecisionControl:
    """The graded answer for one decision: the strictest level at which it can be forced and
    blocked (None when not at all), with the outcomes behind them."""

    organ: str
    decision: str
    force: Outcome
    block: Outcome

    @property
    def key(self) -> str:
        return f"{self.organ}.{self.decision}"


def graded(analysis: ControlAnalysis, organ: str, decision: str) -> DecisionControl:
    """Force and block at the strictest sufficient link level (firm, then contractual, then
    revocable)."""
    force = block = None
    for level in range(len(LEVELS)):
        f = analysis.force(organ, decision, level)
        if f.possible:
            force = f
            break
    for level in range(len(LEVELS)):
        b = analysis.block(organ, decision, level)
        if b.possible:
            block = b
            break
    return DecisionControl(
        organ,
        decision,
        force or analysis.force(organ, decision, len(LEVELS) - 1),
        block or analysis.block(organ, decision, len(LEVELS) - 1),
    )


def coalition_control(
    model: Model, members: Iterable[str], organs: Iterable[str] | None = None
) -> list[DecisionControl]:
    """What the coalition can force and block, for every decision of the given organs
    (default: every organ of the company and the councils around it, in model order)."""
    an = ControlAnalysis(model, members)
    chosen = (
        list(organs)
        if organs is not None
        else [
            o.id
            for o in model.organs.values()
            if o.part_of in ("company", "owners")
            or o.kind in ("representation_council", "owners_council")
        ]
    )
    out = []
    for oid in chosen:
        for d in model.organs[oid].decisions:
            out.append(graded(an, oid, d.id))
    return out
