"""Coverage: how each contracting authority is represented in each decision-making body.

For anskaffelsesforskriften § 3-2 (2) a the supplier's decision-making bodies must be composed of
representatives of all participating authorities (one person may represent several or all).
For every authority and body this module finds the strongest route by which the authority
reaches a player of the body (a shareholder or a seat) and classes it:

``direct``
    the authority is itself a player (a shareholder, or the holder of a seat);
``chain``
    it reaches a seat through firm elections or instructions in which it belongs to a
    *constituency*: the authorities reaching the electing organ are a proper subset of all
    authorities (e.g. a fylke's members electing the fylke's delegate);
``contractual``
    the route needs a link laid down in an agreement (e.g. the aksjonæravtale);
``periodic``
    the route needs an election for a term without recall or instruction (e.g. inside KS, an
    association: fylkesmøte → Landsting → hovedstyre);
``revocable``
    the route needs a proxy, which can be revoked at any time (aksjeloven § 5-2);
``diffuse``
    the authority is represented only through a body elected by all authorities together,
    without a constituency of its own (e.g. KS's hovedstyre, elected by the whole Landsting,
    which directs KS's votes);
``none``
    no route.

The kinds are ordered from strongest to weakest as listed; a route is as weak as its weakest
part. Representation rests on voting rights, not on holding shares: a shareholder whose shares
carry no votes (a non-voting share class, aksjeloven § 5-3 (2); the study warns of it in §5.4.2)
and a seat without votes are not players through which anyone is represented. The computation propagates *who reaches what* once per organ, seat group and actor along
``elects``/``appoints``/``instructs``/``proxy`` relations (advisory links carry nothing), so the
whole matrix costs one pass over the relations, not one search per authority.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from govmodel.frozen import find
from govmodel.model import Model, Relation
from govmodel.power.voting import players

LINK_KINDS = ("direct", "chain", "contractual", "periodic", "revocable", "diffuse", "none")
WEAKNESS = {k: i for i, k in enumerate(LINK_KINDS)}
_LINK_KIND = {
    "firm": "chain",
    "contractual": "contractual",
    # periodic (elected for a term) still makes the elected a representative of the electors
    "periodic": "chain",
    "revocable": "revocable",
}


def weakest(*kinds: str) -> str:
    return max(kinds, key=lambda k: WEAKNESS[k])


@dataclass(frozen=True)
class Route:
    """How one authority reaches one player: the kind and the relation ids, outward."""

    kind: str
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cell:
    """One entry of the matrix: ``authority`` in ``body`` by ``link`` along ``path``."""

    authority: str
    body: str
    link: str
    path: tuple[str, ...]  # relation ids, from the organ the authority sits in outward
    hops: str  # the same path as readable hops
    player: str | None  # the body's player (holder or seat id) the route ends at


@dataclass(frozen=True)
class BodyCoverage:
    body: str
    cells: tuple[Cell, ...]  # in the order of the authorities
    unfilled: tuple[str, ...] = ()  # seat groups that nothing fills (data missing)

    def counts(self) -> dict[str, int]:
        """Number of authorities per link kind, every kind present (in LINK_KINDS order)."""
        out = dict.fromkeys(LINK_KINDS, 0)
        for c in self.cells:
            out[c.link] += 1
        return out

    def weakest(self) -> str:
        return weakest(*(c.link for c in self.cells)) if self.cells else "none"


@dataclass(frozen=True)
class Coverage:
    authorities: tuple[str, ...]
    bodies: tuple[BodyCoverage, ...]

    def body(self, body: str) -> BodyCoverage:
        return find(self.bodies, lambda b: b.body == body, body)

    def cell(self, authority: str, body: str) -> Cell:
        for c in self.body(body).cells:
            if c.authority == authority:
                return c
        raise KeyError((authority, body))


def _better(a: Route | None, b: Route) -> Route:
    if a is None:
        return b
    ka = (WEAKNESS[a.kind], len(a.steps), a.steps)
    kb = (WEAKNESS[b.kind], len(b.steps), b.steps)
    return b if kb < ka else a


class _Reach:
    """Who reaches what: memoised maps authority -> best Route."""

    def __init__(self, model: Model, authorities: tuple[str, ...]) -> None:
        self.model = model
        self.authorities = authorities
        self.auth_set = frozenset(authorities)
        self.n = len(authorities)
        self.members = (
            frozenset(
                a
                for a in authorities
                if model.actors.get(a) is None or model.actors[a].kind != "association"
            )
            or self.auth_set
        )
        self.fills: dict[str, list[Relation]] = {}  # organ or actor -> elects/appoints/instructs
        self.proxies: dict[str, list[Relation]] = {}  # giver -> proxy relations
        for r in model.relations:
            if r.link == "advisory":
                continue
            if r.type in ("elects", "appoints") and r.decision:
                self.fills.setdefault(r.target, []).append(r)
            elif r.type == "instructs" and r.decision and r.target not in model.organs:
                # instructing an actor directs its votes; instructing an organ seats nobody
                self.fills.setdefault(r.target, []).append(r)
            elif r.type == "proxy":
                self.proxies.setdefault(r.source, []).append(r)
        self.memo: dict[tuple, dict[str, Route]] = {}
        self.busy: set[tuple] = set()

    # -- composition -------------------------------------------------------------------------

    def _through(self, r: Relation, sub: Mapping[str, Route], via_vote: bool) -> dict[str, Route]:
        """Routes to whatever ``r`` fills or directs, given the routes ``sub`` into its source.

        An election or instruction by an organ has a constituency when the authorities reaching
        that organ are a proper subset of all authorities; otherwise it is diffuse."""
        extra = _LINK_KIND.get(r.link, "chain")
        # a proxy holder casts the giver's votes (no election); an election or instruction has a
        # constituency when a proper subset of the authorities reaches the organ
        # "all authorities together" means all the member authorities: an association of
        # authorities (KS, when the reading counts it as one) is formed by them, not a voter
        electorate = "chain" if via_vote or (sub and not self.members <= sub.keys()) else "diffuse"
        out: dict[str, Route] = {}
        for a, route in sub.items():
            base = "chain" if route.kind == "direct" else route.kind
            out[a] = Route(weakest(base, electorate, extra), route.steps + (r.id,))
        return out

    @staticmethod
    def _merge(into: dict[str, Route], more: Mapping[str, Route]) -> None:
        for a, route in more.items():
            cur = into.get(a)
            into[a] = route if cur is None else _better(cur, route)

    def _guard(self, key: tuple, compute) -> dict[str, Route]:
        if key in self.memo:
            return self.memo[key]
        if key in self.busy:
            return {}  # a cycle represents nobody
        self.busy.add(key)
        out = compute()
        self.busy.discard(key)
        self.memo[key] = out
        return out

    # -- nodes -------------------------------------------------------------------------------

    def actor(self, actor: str) -> dict[str, Route]:
        """Authorities that are ``actor`` or fill/instruct it."""

        def compute() -> dict[str, Route]:
            out: dict[str, Route] = {}
            if actor in self.auth_set:
                out[actor] = Route("direct")
            for r in self.fills.get(actor, ()):
                if r.source in self.model.organs:
                    self._merge(out, self._through(r, self.organ(r.source), False))
            return out

        return self._guard(("actor", actor), compute)

    def vote(self, holder: str, organ: str) -> dict[str, Route]:
        """Authorities that cast ``holder``'s votes in ``organ``: itself, or by its proxy."""

        def compute() -> dict[str, Route]:
            out = dict(self.actor(holder))
            o = self.model.organs[organ]
            for r in self.proxies.get(holder, ()):
                if not r.applies_in(o.id, o.shareholders):
                    continue
                sub = (
                    self.organ(r.target) if r.target in self.model.organs else self.actor(r.target)
                )
                self._merge(out, self._through(r, sub, True))
            return out

        return self._guard(("vote", holder, organ), compute)

    def seat_group(self, organ: str, group: str) -> dict[str, Route]:
        def compute() -> dict[str, Route]:
            out: dict[str, Route] = {}
            for r in self.fills.get(organ, ()):
                if r.type == "instructs" or (r.seats and group not in r.seats):
                    continue
                if r.source in self.model.organs:
                    self._merge(out, self._through(r, self.organ(r.source), False))
            return out

        return self._guard(("seats", organ, group), compute)

    def players(self, organ: str) -> list[tuple[str, dict[str, Route]]]:
        """(player id, routes) for every player of ``organ`` that holds votes there."""
        o = self.model.organs[organ]
        if o.shareholders:
            voting = self.voting_holders(organ)
            return [(h, self.vote(h, organ)) for h in self.model.company.holders() if h in voting]
        out = []
        for s in o.seats:
            if s.votes <= 0:
                continue  # a seat without a vote represents nobody
            routes = self.vote(s.holder, organ) if s.holder else self.seat_group(organ, s.group)
            out.append((s.id, routes))
        return out

    def voting_holders(self, organ: str) -> frozenset[str]:
        """Holders whose shares carry votes in ``organ`` (aksjeloven § 5-3)."""
        key = ("voting", organ)
        if key not in self.memo:
            self.memo[key] = {
                p.holder: Route("direct")
                for p in players(self.model, organ)
                if p.holder and p.votes > 0
            }
        return frozenset(self.memo[key])

    def organ(self, organ: str) -> dict[str, Route]:
        """Authorities reaching any player of ``organ`` (the organ's constituency)."""

        def compute() -> dict[str, Route]:
            out: dict[str, Route] = {}
            for _pid, routes in self.players(organ):
                self._merge(out, routes)
            return out

        return self._guard(("organ", organ), compute)

    def unfilled(self, organ: str) -> tuple[str, ...]:
        o = self.model.organs[organ]
        groups: dict[str, None] = {}
        for s in o.seats:
            if s.holder:
                continue
            filled = any(
                r.type != "instructs" and (not r.seats or s.group in r.seats)
                for r in self.fills.get(organ, ())
            )
            if not filled:
                groups.setdefault(s.group, None)
        return tuple(groups)


def _relations(model: Model) -> dict[str, Relation]:
    return {r.id: r for r in model.relations}


def coverage(
    model: Model, bodies: Iterable[str], authorities: Iterable[str] | None = None
) -> Coverage:
    """The coverage matrix of ``authorities`` (default: the model's contracting authorities)
    over ``bodies`` (organ ids)."""
    auths = tuple(authorities) if authorities is not None else model.contracting_authorities()
    reach = _Reach(model, auths)
    rel = _relations(model)
    out: list[BodyCoverage] = []
    for body in bodies:
        # the best route of every authority to some player, remembering the player
        best: dict[str, tuple[Route, str]] = {}
        for pid, routes in reach.players(body):
            for a, route in routes.items():
                cur = best.get(a)
                if cur is None or _better(cur[0], route) is not cur[0]:
                    best[a] = (route, pid)
        cells = []
        for a in auths:
            if a in best:
                route, pid = best[a]
                hops = _hops(rel, a, route.steps, body)
                cells.append(Cell(a, body, route.kind, route.steps, hops, pid))
            else:
                cells.append(Cell(a, body, "none", (), "", None))
        out.append(BodyCoverage(body, tuple(cells), reach.unfilled(body)))
    return Coverage(auths, tuple(out))


def _hops(rel: Mapping[str, Relation], authority: str, steps: tuple[str, ...], body: str) -> str:
    if not steps:
        return f"{authority} ∈ {body}"
    parts = [f"{authority} ∈ {rel[steps[0]].source}"]
    for sid in steps:
        r = rel[sid]
        link = "" if r.link == "firm" else f"[{r.link}]"
        parts.append(f"—{r.type}{link}→ {r.target}")
    if rel[steps[-1]].target != body:
        parts.append(f"∈ {body}")
    return " ".join(parts)


def coverage_by_node(model: Model) -> dict[str, str]:
    """Coverage kinds per diagram node: each organ of the company and the councils around it
    gets the weakest kind over all authorities (how well *every* authority is represented in
    it); each authority gets its kind at the supreme body (the general meeting)."""
    bodies = [
        o.id
        for o in model.organs.values()
        if o.part_of in ("company", "owners")
        or o.kind in ("representation_council", "owners_council")
    ]
    cov = coverage(model, bodies)
    out: dict[str, str] = {}
    for bc in cov.bodies:
        out[bc.body] = weakest(*(c.link for c in bc.cells)) if bc.cells else "none"
    supreme = next((o.id for o in model.organs.values() if o.kind == "general_meeting"), None)
    if supreme is not None:
        for c in cov.body(supreme).cells:
            out[c.authority] = c.link
    return out
