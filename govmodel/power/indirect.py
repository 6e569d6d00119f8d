"""Indirect (multi-level) voting power through chains of organs, estimated by sampling.

The decision of an organ is treated as a compound simple game over *base players*: the
contracting authorities and every other actor that holds a vote or seat that no relation
controls. A player of the organ votes yes when

- it is a base player in the coalition, or
- the decision that instructs it, or that elects/appoints it (its seat), passes, or
- its proxy holder votes yes,

and recommendations constrain the decision as in :mod:`govmodel.analysis.control`
(adopt-or-return: the recommender must pass too; binding: the recommender's decision suffices).
Players no chain reaches vote no. The game is evaluated for many coalitions at once with numpy.

The indices are estimated (``exact: false``): Banzhaf by sampling coalitions uniformly and
testing each player's swing on the same samples, Shapley–Shubik by sampling orderings and
locating the pivot by bisection (the game is monotone). Each estimate carries a 95 % normal
confidence half-width. Seeds are fixed, so output is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from govmodel.model import Model
from govmodel.power import methods as M
from govmodel.power.methods import Msg, msg
from govmodel.power.voting import players, weighted_form

Z95 = 1.959963984540054


@dataclass(frozen=True)
class IndirectPower:
    """Estimated indices of the base players for one decision."""

    organ: str
    decision: str
    players: tuple[str, ...]
    banzhaf_raw: tuple[float, ...]
    banzhaf_raw_halfwidth: tuple[float, ...]
    banzhaf: tuple[float, ...]  # normalised estimate
    shapley_shubik: tuple[float, ...]
    shapley_shubik_halfwidth: tuple[float, ...]
    samples: int
    seed: int
    exact: bool = False
    method: Msg = field(default_factory=lambda: msg(M.CHAINS))


@dataclass
class _Node:
    """A decision compiled to weights over its vote sources (base players or other nodes)."""

    base_idx: np.ndarray
    base_w: np.ndarray
    node_w: list[tuple[int, int]]  # (node id, weight)
    quota: int
    vetoes: list[tuple[str, int]]  # ("base" | "node" | "false", index)
    needs: list[int]  # adopt-or-return recommenders (node ids)
    binding: list[int]  # binding recommenders (node ids)


class CompoundGame:
    """The decision as a function of which base players say yes (vectorised over samples).

    The chain structure is compiled once: each decision becomes a node whose yes-weight is a
    weighted sum over its vote sources — base players, or other decisions that instruct, elect
    or appoint its players — so seats filled by the same election collapse into one source.
    Evaluation walks the nodes in dependency order with numpy.
    """

    def __init__(self, model: Model, base: Iterable[str]) -> None:
        self.model = model
        self.base = tuple(base)
        self.idx = {a: i for i, a in enumerate(self.base)}
        self.by_target: dict[str, list] = {}
        self.recs: dict[tuple[str, str], list] = {}
        self.proxies: dict[str, list] = {}
        for r in model.relations:
            self.by_target.setdefault(r.target, []).append(r)
            if r.type == "recommends" and r.to_decision:
                self.recs.setdefault((r.target, r.to_decision), []).append(r)
            if r.type == "proxy":
                self.proxies.setdefault(r.source, []).append(r)
        self.nodes: list[_Node] = []
        self.node_id: dict[tuple[str, str], int] = {}
        self._busy: set[tuple[str, str]] = set()

    def compile(self, organ: str, decision: str) -> int:
        """Node id of a decision (compiled on first use). Cycles give a never-passing node."""
        key = (organ, decision)
        if key in self.node_id:
            return self.node_id[key]
        if key in self._busy:
            raise _Cycle
        self._busy.add(key)
        o = self.model.organs[organ]
        d = o.decision(decision)
        absent = self.model.attendance.get(organ, frozenset())
        present = tuple(p for p in players(self.model, o) if p.id not in absent)
        wf = weighted_form(d.rule, present, complete=not absent)
        if wf is None:
            raise NotImplementedError(
                f"{organ}.{decision}: rule is not a weighted quota; cannot compile"
            )
        srcs = []
        for p in present:
            try:
                if o.shareholders:
                    srcs.append(self._vote(p.id, o.id, True))
                else:
                    seat = next(s for s in o.seats if s.id == p.id)
                    srcs.append(self._seat(seat))
            except _Cycle:
                srcs.append(("false", 0))
        base_w: dict[int, int] = {}
        node_w: dict[int, int] = {}
        for (kind, i), w in zip(srcs, wf.weights, strict=True):
            if kind == "base":
                base_w[i] = base_w.get(i, 0) + w
            elif kind == "node":
                node_w[i] = node_w.get(i, 0) + w
        needs: list[int] = []
        binding: list[int] = []
        for r in self.recs.get(key, ()):
            if r.decision and r.strength in ("adopt_or_return", "binding"):
                try:
                    nid = self.compile(r.source, r.decision)
                except _Cycle:
                    continue
                (needs if r.strength == "adopt_or_return" else binding).append(nid)
        node = _Node(
            np.array(sorted(base_w), dtype=np.int64),
            np.array([base_w[i] for i in sorted(base_w)], dtype=np.int64),
            sorted(node_w.items()),
            wf.quota,
            [srcs[v] for v in wf.vetoers],
            needs,
            binding,
        )
        self._busy.discard(key)
        self.nodes.append(node)
        self.node_id[key] = len(self.nodes) - 1
        return self.node_id[key]

    def _actor(self, actor: str) -> tuple[str, int]:
        if actor in self.idx:
            return ("base", self.idx[actor])
        for r in self.by_target.get(actor, ()):
            if r.type in ("instructs", "elects", "appoints") and r.decision:
                return ("node", self.compile(r.source, r.decision))  # the first, in file order
        return ("false", 0)

    def _vote(self, holder: str, organ: str, general_meeting: bool) -> tuple[str, int]:
        if holder in self.idx or any(r.type == "instructs" for r in self.by_target.get(holder, ())):
            return self._actor(holder)
        for r in self.proxies.get(holder, ()):
            if r.target in self.model.actors and r.applies_in(organ, general_meeting):
                return self._actor(r.target)
        return self._actor(holder)

    def _seat(self, seat) -> tuple[str, int]:
        if seat.holder:
            return self._vote(seat.holder, seat.organ, self.model.organs[seat.organ].shareholders)
        for r in self.by_target.get(seat.organ, ()):
            if (
                r.type in ("elects", "appoints")
                and r.decision
                and (not r.seats or seat.group in r.seats)
            ):
                return ("node", self.compile(r.source, r.decision))
        return ("false", 0)

    def max_weight(self) -> int:
        return max(
            (int(nd.base_w.sum()) + sum(w for _, w in nd.node_w) for nd in self.nodes), default=0
        )

    def wins(self, organ: str, decision: str, x: np.ndarray) -> np.ndarray:
        """Which rows of ``x`` (samples × base players, bool) pass the decision."""
        return self.wins_t(organ, decision, np.ascontiguousarray(x.T))

    def wins_t(self, organ: str, decision: str, xt: np.ndarray) -> np.ndarray:
        """As :meth:`wins`, with ``xt`` laid out players × samples (bool)."""
        target = self.compile(organ, decision)
        # float32 products are exact while every weighted sum stays below 2**24
        dtype = np.float32 if self.max_weight() < 2**24 else np.float64
        n, rows = xt.shape
        vals: list[np.ndarray] = []
        dense_x = None
        for node in self.nodes[: target + 1]:  # nodes are stored in dependency order
            if node.base_idx.size * 4 > n:
                if dense_x is None:
                    dense_x = xt.astype(dtype)
                dense = np.zeros(n, dtype=dtype)
                dense[node.base_idx] = node.base_w
                total = dense @ dense_x  # type: ignore[operator]
            elif node.base_idx.size:
                total = node.base_w.astype(dtype) @ xt[node.base_idx].astype(dtype)
            else:
                total = np.zeros(rows, dtype=dtype)
            for nid, w in node.node_w:
                total += w * vals[nid]
            out = total >= node.quota
            for kind, i in node.vetoes:
                if kind == "base":
                    out &= xt[i]
                elif kind == "node":
                    out &= vals[i] > 0
                else:
                    out[:] = False
            for nid in node.needs:
                out &= vals[nid] > 0
            for nid in node.binding:
                out |= vals[nid] > 0
            vals.append(out.astype(dtype))
        return vals[target] > 0


class _Cycle(Exception):
    pass


def base_players(model: Model) -> tuple[str, ...]:
    """Contracting authorities plus every actor holding a vote or seat no relation controls.

    An authority whose votes are themselves steered by organs (KS, directed by its hovedstyret,
    when the reading counts KS as a contracting authority) is not a base player: its organs are.
    """
    controlled = {
        r.target for r in model.relations if r.type in ("instructs", "elects", "appoints")
    }
    out = [a for a in model.contracting_authorities() if a not in controlled]
    seen = set(out)
    candidates = list(model.company.holders()) + [
        s.holder for o in model.organs.values() for s in o.seats if s.holder
    ]
    for a in candidates:
        if a and a not in seen and a not in controlled:
            has_proxy = any(r.type == "proxy" and r.source == a for r in model.relations)
            if not has_proxy or a in model.company.holders():
                out.append(a)
                seen.add(a)
    return tuple(out)


def indirect_power(
    model: Model,
    organ: str,
    decision: str,
    *,
    base: Iterable[str] | None = None,
    samples: int = 2000,
    seed: int = 20221105,
) -> IndirectPower:
    """Estimate Banzhaf and Shapley–Shubik indices of the base players for a decision,
    following every chain (see the module docstring)."""
    base_t = tuple(base) if base is not None else base_players(model)
    game = CompoundGame(model, base_t)
    n = len(base_t)
    rng = np.random.default_rng(seed)
    # Banzhaf: the same random coalitions for every player, with the player forced in and out
    xs = rng.random((n, samples)) < 0.5  # players × samples
    game.compile(organ, decision)
    swings = np.zeros(n)
    chunk = max(1, 16384 // max(samples, 1))
    for start in range(0, n, chunk):
        ids = range(start, min(n, start + chunk))
        batch = np.tile(xs, (1, 2 * len(ids)))
        for k, i in enumerate(ids):
            batch[i, 2 * k * samples : (2 * k + 1) * samples] = True
            batch[i, (2 * k + 1) * samples : (2 * k + 2) * samples] = False
        w = game.wins_t(organ, decision, batch).reshape(2 * len(ids), samples)
        for k, i in enumerate(ids):
            swings[i] = np.count_nonzero(w[2 * k] & ~w[2 * k + 1])
    raw = swings / samples
    raw_hw = Z95 * np.sqrt(raw * (1 - raw) / samples)
    total = raw.sum()
    norm = raw / total if total else np.zeros(n)
    # Shapley–Shubik: random orderings; the pivot is found by bisection on the prefix length
    perms = np.argsort(rng.random((samples, n)), axis=1)
    rank = np.empty_like(perms)
    rows = np.arange(samples)[:, None]
    rank[rows, perms] = np.arange(n)[None, :]
    lo = np.zeros(samples, dtype=np.int64)  # prefix of length lo loses
    hi = np.full(
        samples, n, dtype=np.int64
    )  # prefix of length hi wins (if the grand coalition wins)
    full = game.wins(organ, decision, np.ones((samples, n), dtype=bool))
    while np.any(hi - lo > 1):
        mid = (lo + hi) // 2
        prefix = rank < mid[:, None]
        w = game.wins(organ, decision, prefix)
        hi = np.where(w, mid, hi)
        lo = np.where(w, lo, mid)
    empty_wins = game.wins(organ, decision, np.zeros((1, n), dtype=bool))[0]
    ss_counts = np.zeros(n)
    if not empty_wins:
        pivots = perms[np.arange(samples), hi - 1]
        valid = full
        np.add.at(ss_counts, pivots[valid], 1)
    ss = ss_counts / samples
    ss_hw = Z95 * np.sqrt(ss * (1 - ss) / samples)
    return IndirectPower(
        organ,
        decision,
        base_t,
        tuple(float(v) for v in raw),
        tuple(float(v) for v in raw_hw),
        tuple(float(v) for v in norm),
        tuple(float(v) for v in ss),
        tuple(float(v) for v in ss_hw),
        samples,
        seed,
    )


def fraction_text(value: Fraction) -> str:
    return f"{float(value):.4f}"
