"""Control through chains: what a coalition of actors can force and block.

A coalition commands a player of an organ when it holds the seat or shares itself, or reaches
it along the model's control edges (read off the model graph, :func:`govmodel.graph.control_index`):

- ``elects`` / ``appoints``: whoever can force the electing decision fills the seats (or the role);
- ``instructs``: whoever can force the instructing decision directs the target's votes;
- ``proxy``: the proxy holder casts the giver's votes (revocable by the giver at any time,
  aksjeloven § 5-2 (2)), while the giver keeps control by revoking;
- ``recommends`` on a decision: ``binding`` lets the recommender force it, ``adopt_or_return``
  gives the recommender a veto (the organ may only adopt the recommendation or send it back),
  ``advisory`` transfers no control.

Every link has a grade derived by the loader from its legal form and terms (who can remove,
recall or instruct whom): ``firm`` (company law or articles, removable at any time, e.g. an AS
board elected by the general meeting, aksjeloven § 6-7), ``contractual`` (shareholders' agreement
or other agreement), ``periodic`` (elected for a term with no recall or instruction, e.g. the
organs of an association such as KS), ``revocable`` (a proxy). A chain is as strong as its weakest
link: a result is computed at the strictest grade that suffices. Each result carries the chains
it rests on and why it came out so: a reason of :mod:`govmodel.analysis.reasons` (its kind and
its values as ids and rules, no text in a language).

Two rules keep the results legally sound:

- an adopt-or-return recommendation is a safeguard held by the recommender. When the coalition
  itself controls the recommender (at any grade), the veto is the coalition's own and never
  counts against it: removing the safeguard can never make the coalition stronger;
- rights that are not votes at the meeting (a written demand for an extraordinary general
  meeting, aksjeloven § 5-6 (2)) do not depend on who attends, and minority rights (§§ 5-6,
  5-25) have no blocking side.

Why this module is long: it is one mutually recursive walk (force, block, the commanded players,
their chains and the reach bound) over one memo and one cycle guard; its value types live in
:mod:`govmodel.analysis.outcomes`, and splitting the walk would spread one recursion over modules.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from govmodel.analysis.outcomes import (
    LEVEL,
    LEVELS,
    WEAKEST,
    Chain,
    DecisionControl,
    Outcome,
    Step,
)
from govmodel.analysis.reasons import reason
from govmodel.graph import ControlIndex, control_index
from govmodel.law import builtin_law
from govmodel.messages import Msg
from govmodel.model import Decision, Model, Relation, Seat
from govmodel.power.voting import Player, passes, players

# law-rule kinds: a minority right lets a minority act; nobody "blocks" it
MINORITY_RIGHT = "minority_right"


def _outcome(
    organ: str,
    decision: str,
    kind: str,
    possible: bool,
    level: int,
    controlled: tuple[tuple[str, Chain], ...],
    recs: list[tuple[str, str, Outcome | None]],
    why: Msg,
    steps: list[Step],
    safeguards: list[str] | None = None,
) -> Outcome:
    """An outcome found with links up to ``level``: graded at that level and resting on
    ``steps`` (each once, in order) when possible, else ungraded and resting on nothing."""
    return Outcome(
        organ,
        decision,
        kind,
        possible,
        LEVELS[level] if possible else None,
        controlled,
        tuple(recs),
        why,
        tuple(dict.fromkeys(steps)) if possible else (),
        safeguards=tuple(safeguards or ()),
    )


def law_kind(decision: Decision) -> str | None:
    """The kind of the statutory rule a decision uses (``resolution``, ``minority_right`` ...)."""
    rule = _law_rule(decision)
    return rule.kind if rule is not None else None


def decided_at_meeting(decision: Decision) -> bool:
    """False for a right exercised by written demand outside the meeting (aksjeloven § 5-6 (2)):
    who attends does not matter for it."""
    rule = _law_rule(decision)
    return True if rule is None else rule.decided_at_meeting


def _law_rule(decision: Decision):
    if not decision.law:
        return None
    return builtin_law().rules.get(decision.law)


# The players of each organ, per model (they do not depend on the coalition); weak keys, so a
# model that is no longer used takes its entry with it.
_PLAYERS: weakref.WeakKeyDictionary[Model, dict[str, tuple[Player, ...]]] = (
    weakref.WeakKeyDictionary()
)


class ControlAnalysis:
    """Control of one coalition over one model (memoised; build one per coalition).

    ``coalition`` holds actor ids; group ids are expanded to their members. With
    ``chains=False`` only the coalition's own shares and seats count (the direct reading, as
    the study's §5.4.4 reasons about share blocks); recommendations still constrain decisions.
    ``shared_players``: the organs' players, by organ, shared with the caller's other analyses
    of models with the same holdings and organs (default: shared by the analyses of one model).
    """

    def __init__(
        self,
        model: Model,
        coalition: Iterable[str],
        chains: bool = True,
        index: ControlIndex | None = None,
        shared_players: dict[str, tuple[Player, ...]] | None = None,
    ) -> None:
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
        self.index = index if index is not None else control_index(model, chains)
        self._memo: dict[tuple, object] = {}
        self._busy: set[tuple] = set()
        self._cuts = 0  # cycles cut so far: a result computed without a cut is exact
        self._players: dict[str, tuple[Player, ...]] = {}
        self._shared_players = shared_players
        self._reach: frozenset[str] | None = None

    # -- one memo and one cycle guard for every recursive question ---------------------------

    def _guarded(self, key: tuple, compute: Callable[[], object], on_cycle: object) -> object:
        """``compute()`` memoised under ``key``. A question met again while it is being answered
        lies on a cycle of the graph (a strongly connected component of the control edges): that
        inner visit gives ``on_cycle`` (a cycle gives no control), and no answer that depended
        on such a cut is memoised, so each answer is exact for the question asked."""
        if key in self._memo:
            return self._memo[key]
        if key in self._busy:
            self._cuts += 1
            return on_cycle
        cuts = self._cuts
        self._busy.add(key)
        try:
            value = compute()
        finally:
            self._busy.discard(key)
        if self._cuts == cuts:
            self._memo[key] = value
        return value

    # -- an upper bound: what the coalition could reach at all ---------------------------------

    def reach(self) -> frozenset[str]:
        """Every actor and organ the coalition could direct along the control edges of the
        graph (votes, seats, elections, appointments, instructions, proxies and binding or
        adopt-or-return recommendations), whatever the rules: graph reachability from the
        coalition. Whatever the coalition commands lies in it, so a decision that its members
        here cannot pass (or stop) is out of reach without asking about each player."""
        if self._reach is None:
            out = self.index.flow
            seen = set(self.coalition)
            todo = list(seen)
            while todo:
                for nxt in out.get(todo.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            self._reach = frozenset(seen)
        return self._reach

    def _reachable_players(self, organ: str) -> frozenset[str] | None:
        """The players of ``organ`` the coalition could command at most (see :meth:`reach`),
        or None where the bound does not apply (an elector that needs no votes to elect)."""
        key = ("reachable", organ)
        if key not in self._memo:
            self._memo[key] = self._compute_reachable(organ)
        return self._memo[key]  # type: ignore[return-value]

    def _compute_reachable(self, organ: str) -> frozenset[str] | None:
        o = self.model.organs[organ]
        reach = self.reach()
        if o.shareholders:
            return frozenset(p.id for p in self.organ_players(organ) if p.id in reach)
        out: set[str] = set()
        for s in o.seats:
            if s.holder:
                if s.holder in reach:
                    out.add(s.id)
                continue
            for r, by in self.index.seat_links(s):
                if r.source in reach:
                    out.add(s.id)
                    break
                if self._passes_unvoted(r.source, by):
                    return None  # an election nobody needs to win: no bound
        return frozenset(out)

    def _unreachable(self, organ: str, decision: str, kind: str) -> Outcome:
        """The "no" of :meth:`_out_of_reach`: forcing, even every voter within reach falls short;
        blocking, the others pass it without the coalition (the reason a full walk gives)."""
        rule = self.model.decision(organ, decision).rule
        why = reason("out_of_reach" if kind == "force" else "others_pass", rule=rule)
        return Outcome(organ, decision, kind, False, None, reason=why)

    def _passes_unvoted(self, organ: str, decision: str) -> bool:
        """Does ``organ`` take ``decision`` with no yes-vote at all (a degenerate rule)?"""
        key = ("unvoted", organ, decision)
        if key not in self._memo:
            self._memo[key] = organ in self.model.organs and passes(
                self.model.decision(organ, decision).rule,
                self.organ_players(organ),
                frozenset(),
                self.present(organ, decision),
            )
        return bool(self._memo[key])

    def cannot_force(self, organ: str, decision: str) -> bool:
        """A cheap exact "no" to :meth:`force`: every player within :meth:`reach` falls short
        of the rule and no binding recommendation opens a route around the vote (adopt or
        return adds a veto, advisory nothing)."""
        recs = self.index.recommendations.get((organ, decision), ())
        return not any(r.strength == "binding" for r in recs) and self._out_of_reach(
            organ, decision, True, recs=False
        )

    def _out_of_reach(self, organ: str, decision: str, yes_side: bool, recs: bool = True) -> bool:
        """True when even every player within :meth:`reach` cannot make the vote go the
        coalition's way, and (``recs``) no recommendation bears on the decision: then the
        answer is no without resolving each player's chain (an upper bound, never a wrong no)."""
        if recs and self.index.recommendations.get((organ, decision)):
            return False
        upper = self._reachable_players(organ)
        if upper is None:
            return False
        d = self.model.decision(organ, decision)
        pres = self.present(organ, decision)
        abst = self.abstaining(organ, decision)
        everyone = self.organ_players(organ)
        if yes_side:
            return not passes(d.rule, everyone, (upper & pres) - abst, pres, abst)
        return passes(d.rule, everyone, pres - upper - abst, pres, abst)

    # -- players and actors -------------------------------------------------------------------

    def organ_players(self, organ: str) -> tuple[Player, ...]:
        if organ not in self._players:
            # the players depend on the model only: shared by every analysis of it (or, when
            # the caller passes them, by analyses of models that differ only in attendance)
            shared = self._shared_players
            if shared is None:
                shared = _PLAYERS.setdefault(self.model, {})
            if organ not in shared:
                shared[organ] = players(self.model, organ)
            self._players[organ] = shared[organ]
        return self._players[organ]

    def _step(self, r: Relation) -> Step:
        return Step(r.id, r.type, r.link, r.source, r.target, r.provenance.label())

    def actor(self, actor: str, level: int) -> Chain | None:
        """A chain by which the coalition directs ``actor``'s votes, within ``level``."""
        return self._guarded(  # type: ignore[return-value]
            ("actor", actor, level), lambda: self._actor(actor, level), None
        )

    def _actor(self, actor: str, level: int) -> Chain | None:
        if actor in self.coalition:
            return Chain(actor)
        return self._through(self.index.actor_links(actor), level)

    def _through(self, links: Iterable[tuple[Relation, str]], level: int) -> Chain | None:
        """The best chain through one of ``links`` (a relation and the decision of its source
        organ that makes it, within ``level``): the coalition forces that decision."""
        best: Chain | None = None
        for r, by in links:
            if LEVEL.get(r.link, 0) > level:
                continue
            out = self.force(r.source, by, level)
            if out.possible:
                chain = Chain(None, out.rests_on + (self._step(r),), (f"{r.source}.{r.decision}",))
                best = _better(best, chain)
        return best

    def vote(self, holder: str, level: int, organ: str | None = None) -> Chain | None:
        """A chain by which the coalition casts ``holder``'s votes in ``organ``: directly, or via
        a proxy that applies there (by default proxies apply at the general meeting)."""
        best = self.actor(holder, level)
        o = self.model.organs.get(organ) if organ else None
        for r in self.index.proxy_links(holder, o):
            if LEVEL.get(r.link, 0) > level:
                continue
            # the proxy holder casts the votes; an organ as proxy acts through its decision
            if r.target in self.model.organs:
                decs = self.model.organs[r.target].decisions
                if not decs:
                    continue
                out = self.force(r.target, decs[0].id, level)
                sub = Chain(None, out.rests_on) if out.possible else None
            else:
                sub = self.actor(r.target, level)
            if sub is not None:
                best = _better(best, Chain(sub.member, sub.steps + (self._step(r),), sub.via))
        return best

    def seat(self, seat: Seat, level: int) -> Chain | None:
        """A chain by which the coalition fills (and so commands) ``seat``."""
        if seat.holder:
            return self.vote(seat.holder, level, seat.organ)
        return self._through(self.index.seat_links(seat), level)

    def commanded(self, organ: str, level: int) -> tuple[tuple[str, Chain], ...]:
        """The players of ``organ`` the coalition commands within ``level``, with the chains."""
        return self._guarded(  # type: ignore[return-value]
            ("commanded", organ, level), lambda: self._commanded(organ, level), ()
        )

    def _commanded(self, organ: str, level: int) -> tuple[tuple[str, Chain], ...]:
        o = self.model.organs[organ]
        out: list[tuple[str, Chain]] = []
        # players out of the coalition's reach cannot be commanded: not asked about
        bound = self._reachable_players(organ)
        if o.shareholders:
            for p in self.organ_players(organ):
                if bound is not None and p.id not in bound:
                    continue
                ch = self.vote(p.id, level, organ)
                if ch is not None:
                    out.append((p.id, ch))
        else:
            for s in o.seats:
                if bound is not None and s.id not in bound:
                    continue
                ch = self.seat(s, level)
                if ch is not None:
                    out.append((s.id, ch))
        return tuple(out)

    # -- decisions ----------------------------------------------------------------------------

    def present(self, organ: str, decision: str | None = None) -> frozenset[str]:
        """The players counted for a decision: those present at the meeting (abstainers
        included, they are present), or every player for a right exercised by written demand
        (aksjeloven § 5-6 (2): attendance is irrelevant)."""
        if decision is not None and not decided_at_meeting(self.model.decision(organ, decision)):
            key = ("everyone", organ)
            if key not in self._memo:
                self._memo[key] = frozenset(p.id for p in self.organ_players(organ))
            return self._memo[key]  # type: ignore[return-value]
        key = ("present", organ)
        if key not in self._memo:
            absent = self.model.attendance.get(organ, frozenset())
            self._memo[key] = frozenset(
                p.id for p in self.organ_players(organ) if p.id not in absent
            )
        return self._memo[key]  # type: ignore[return-value]

    def abstaining(self, organ: str, decision: str) -> frozenset[str]:
        """Players present but abstaining (they count in the capital represented, not in the
        votes cast: aksjeloven §§ 5-17, 5-18); none for a written demand."""
        if not decided_at_meeting(self.model.decision(organ, decision)):
            return frozenset()
        return self.model.abstaining.get(organ, frozenset())

    def force(self, organ: str, decision: str, level: int = WEAKEST) -> Outcome:
        """Can the coalition make ``organ`` take ``decision`` using links no weaker than
        ``level``? The answer is given at the strictest level that suffices."""
        return self._strictest(self._force_at, organ, decision, level)

    def block(self, organ: str, decision: str, level: int = WEAKEST) -> Outcome:
        """Can the coalition stop ``decision`` (links no weaker than ``level``)? Strictest level.
        A minority right has no blocking side: the outcome is not applicable."""
        d = self.model.decision(organ, decision)
        if law_kind(d) == MINORITY_RIGHT:
            return Outcome(
                organ,
                decision,
                "block",
                False,
                None,
                reason=reason("minority_right"),
                applicable=False,
            )
        return self._strictest(self._block_at, organ, decision, level)

    @staticmethod
    def _strictest(at, organ: str, decision: str, level: int) -> Outcome:
        """The outcome at the first level (firm, contractual, periodic, revocable) where it is
        possible."""
        for lv in range(level + 1):
            out = at(organ, decision, lv)
            if out.possible:
                return out
        return out

    def _force_at(self, organ: str, decision: str, level: int) -> Outcome:
        return self._at("force", organ, decision, level)

    def _block_at(self, organ: str, decision: str, level: int) -> Outcome:
        return self._at("block", organ, decision, level)

    def _at(self, kind: str, organ: str, decision: str, level: int) -> Outcome:
        """Forcing or blocking (``kind``) using links up to ``level``, memoised and guarded
        against cycles: the cheap "no" when the decision is out of reach (:meth:`_out_of_reach`),
        else the vote and the recommendations walked."""

        def compute() -> Outcome:
            force = kind == "force"
            if self._out_of_reach(organ, decision, force):
                return self._unreachable(organ, decision, kind)
            vote = self._votes(organ, decision, level, force)
            walk = self._compute_force if force else self._compute_block
            return walk(organ, decision, level, vote)

        return self._guarded(  # type: ignore[return-value]
            (kind, organ, decision, level),
            compute,
            Outcome(organ, decision, kind, False, None, reason=_cycle(organ, decision)),
        )

    def _votes(self, organ: str, decision: str, level: int, yes_side: bool) -> _Vote:
        """The coalition's commanded players and whether the vote goes its way: forcing, its
        players vote yes and the other present players no; blocking, the reverse. Abstainers
        vote neither way but are present."""
        d = self.model.decision(organ, decision)
        cmd = self.commanded(organ, level)
        ids = self._ids(cmd)
        pres = self.present(organ, decision)
        abst = self.abstaining(organ, decision)
        everyone = self.organ_players(organ)
        if yes_side:
            ok = passes(d.rule, everyone, (ids & pres) - abst, pres, abst)
        else:
            ok = not passes(d.rule, everyone, pres - ids - abst, pres, abst)
        return _Vote(d, cmd, pres, ok)

    def _ids(self, commanded: tuple[tuple[str, Chain], ...]) -> frozenset[str]:
        """The players in ``commanded`` (one set per memoised answer of :meth:`commanded`)."""
        key = ("ids", id(commanded))
        hit = self._memo.get(key)
        if hit is None or hit[0] is not commanded:  # type: ignore[index]
            hit = self._memo[key] = (commanded, frozenset(pid for pid, _ in commanded))
        return hit[1]  # type: ignore[index]

    def _recommendations(
        self, organ: str, decision: str, recs: list[tuple[str, str, Outcome | None]]
    ) -> Iterator[tuple[Relation, str]]:
        """The recommendations into a decision that can weigh on it, each with the decision of
        the recommender that makes it; the advisory ones (and those naming no decision of their
        own) are only recorded in ``recs``."""
        for r in self.index.recommendations.get((organ, decision), ()):
            if r.strength == "advisory" or r.decision is None:
                recs.append((r.id, "advisory", None))
            else:
                yield r, r.decision

    def _compute_force(self, organ: str, decision: str, level: int, vote: _Vote) -> Outcome:
        """Can the coalition make ``organ`` take ``decision`` (using links up to ``level``)?

        Its players vote yes, every other present player votes no. An adopt-or-return
        recommendation is the recommender's veto: when the coalition controls the recommender
        at any grade the veto is its own and does not weaken it; otherwise it must force the
        recommendation within ``level``. A forced binding recommendation forces the decision.
        """
        d, cmd, pres, vote_ok = vote.decision, vote.commanded, vote.present, vote.ok
        recs: list[tuple[str, str, Outcome | None]] = []
        steps = vote.steps()
        withheld: list[str] = []  # adopt-or-return recommendations not in its hands
        forced: list[str] = []  # binding recommendations it forces
        held: list[str] = []
        for r, by in self._recommendations(organ, decision, recs):
            if r.strength == "adopt_or_return":
                sub = self.force(r.source, by, level)
                if not sub.possible:
                    # a safeguard the coalition itself holds (at a weaker grade) is no veto
                    # against it: the study's adopt-or-return duty never lowers the verdict
                    own = self.force(r.source, by, WEAKEST)
                    if own.possible:
                        sub = own
                    else:
                        withheld.append(r.id)
                if sub.possible:
                    held.append(r.id)
                recs.append((r.id, r.strength, sub))
                continue
            if LEVEL.get(r.link, 0) > level:
                continue
            sub = self.force(r.source, by, level)
            recs.append((r.id, r.strength or "", sub))
            if r.strength == "binding" and sub.possible:
                forced.append(r.id)
                steps += list(sub.rests_on) + [self._step(r)]
        possible = (vote_ok and not withheld) or bool(forced)
        abst = self.abstaining(organ, decision)
        voters = tuple(pid for pid, _ in cmd if pid in pres and pid not in abst)
        if forced:
            why = reason("binding_recommendation", recommendation=tuple(forced))
        elif vote_ok and withheld:
            why = reason("veto_withheld", recommendation=tuple(withheld))
        elif vote_ok:
            why = (
                reason("vote_meets", who=voters, rule=d.rule)
                if voters
                else reason("passes_unvoted", rule=d.rule)
            )
        else:
            why = (
                reason("vote_short", who=voters, rule=d.rule)
                if voters
                else reason("no_voters", rule=d.rule)
            )
        return _outcome(organ, decision, "force", possible, level, cmd, recs, why, steps, held)

    def _compute_block(self, organ: str, decision: str, level: int, vote: _Vote) -> Outcome:
        """Can the coalition stop ``decision`` even if every other present player votes yes?

        It blocks when its players' no-votes make the rule fail, or when it can block an
        adopt-or-return recommendation the decision depends on.
        """
        d, cmd, pres, blocked_vote = vote.decision, vote.commanded, vote.present, vote.ok
        recs: list[tuple[str, str, Outcome | None]] = []
        steps = vote.steps()
        vetoes: list[str] = []  # adopt-or-return recommendations it can block
        overriding: list[str] = []  # binding recommendations it cannot block
        for r, by in self._recommendations(organ, decision, recs):
            sub = self.block(r.source, by, level)
            recs.append((r.id, r.strength or "", sub))
            if r.strength == "adopt_or_return" and sub.possible and LEVEL.get(r.link, 0) <= level:
                # the veto is only as firm as the document that grants it
                vetoes.append(r.id)
                steps.append(self._step(r))
                steps += list(sub.rests_on)
            elif r.strength == "binding" and LEVEL.get(r.link, 0) <= level and not sub.possible:
                overriding.append(r.id)
        # a binding recommendation that others can force would override a blocked vote
        overridden = blocked_vote and bool(overriding)
        blocked_vote = blocked_vote and not overriding
        possible = blocked_vote or bool(vetoes)
        voters = tuple(pid for pid, _ in cmd if pid in pres)
        if blocked_vote:
            why = (
                reason("blocks_vote", who=voters, rule=d.rule)
                if voters
                else reason("others_short", rule=d.rule)
            )
        elif vetoes:
            why = reason("blocks_recommendation", recommendation=tuple(vetoes))
        elif overridden:
            why = reason("binding_overrides", recommendation=tuple(overriding))
        else:
            why = reason("others_pass", rule=d.rule)
        return _outcome(organ, decision, "block", possible, level, cmd, recs, why, steps)


def _cycle(organ: str, decision: str) -> Msg:
    """The reason of the inner visit to a question met again while it is being answered."""
    return reason("cycle", decision=f"{organ}.{decision}")


@dataclass(frozen=True)
class _Vote:
    """The coalition's vote on a decision: the players it commands (with their chains), who is
    present, and whether the vote goes its way."""

    decision: Decision
    commanded: tuple[tuple[str, Chain], ...]
    present: frozenset[str]
    ok: bool

    def steps(self) -> list[Step]:
        """What a vote that goes its way rests on: the chains of the players it commands."""
        return [s for _, ch in self.commanded for s in ch.steps] if self.ok else []


def _better(a: Chain | None, b: Chain) -> Chain:
    if a is None:
        return b
    return b if (b.level, len(b.steps)) < (a.level, len(a.steps)) else a


def graded(analysis: ControlAnalysis, organ: str, decision: str) -> DecisionControl:
    """Force and block at the strictest sufficient link level (firm, contractual, periodic,
    revocable)."""
    return DecisionControl(
        organ, decision, analysis.force(organ, decision), analysis.block(organ, decision)
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
            o.id for o in model.organs.values() if o.part_of in ("company", "owners") or o.deciding
        ]
    )
    out = []
    for oid in chosen:
        for d in model.organs[oid].decisions:
            out.append(graded(an, oid, d.id))
    return out
