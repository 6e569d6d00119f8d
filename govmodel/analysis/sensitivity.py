"""Sensitivity of the in-house verdicts: the single changes that would flip them.

Each change tried is a list of change values (:mod:`govmodel.changes`, the same values a
scenario file holds), applied with :func:`govmodel.changes.apply` (the model's workspace
rebuilds it through the loader, cached per list of changes), and re-evaluated. The changes tried
are derived from the model:

- every proxy revoked (``revoke_proxies: all``), and each proxy of a giver that is not a
  contracting authority (e.g. KS's proxy to its chair);
- every adopt-or-return (or binding) recommendation into the supplier made advisory, and the
  recommending council removed;
- every owner that is not a contracting authority leaving, and the largest authority leaving;
- the share of each owner that is not a contracting authority cut, the authorities' blocks
  taking the difference (thresholds by bisection over its shares);
- turnout of the authorities at each shareholder meeting where they vote alongside others,
  the smallest attending first (thresholds by bisection over the fraction present).

A *flip* is a change of grade of a criterion or of one of its elements; a *shift* keeps the
grade but changes what the verdict rests on or who else can pass or block a decision.

Thresholds are found by bisection on a cheap signature (who passes and who stops each strategic
decision with their own votes); each threshold found is then evaluated in full to report the
new verdicts. The bisection probes the built model changed in memory (holdings or attendance
replaced, a cheap stand-in); every threshold found is confirmed on models made by the change path.

Why this module is long (about 600 lines): one analysis, deriving the single changes that could
flip a verdict and running them, in three sections (signatures of a result, the changes tried,
the run). The changes themselves are :mod:`govmodel.changes` values; the search for threshold
values (``_thresholds``, the share and turnout probes) is what would move out first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TypedDict

from govmodel import changes as C
from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.criteria import (
    RANK,
    Evaluation,
    Msg,
    Term,
    Verdict,
    evaluate_criteria,
    msg,
    strategic_decisions,
)
from govmodel.analysis.criteria.verdicts import Element
from govmodel.analysis.findings import Change, Effect, Finding
from govmodel.errors import ModelError
from govmodel.load.turnout import absent_at_turnout
from govmodel.model import Company, Holding, Model, Organ
from govmodel.power.voting import Player
from govmodel.regions import collapse_regional

#: whether the authorities can (pass, stop) each strategic decision with their own votes
_Signature = tuple[tuple[bool, bool], ...]


class _Options(TypedDict):
    """The evaluation options a sensitivity run passes on to every evaluation it makes."""

    bodies: tuple[str, ...]
    all_bodies: bool
    authorities: tuple[str, ...]


# -- signatures -------------------------------------------------------------------------------


def _grades(verdicts: Iterable[Verdict]) -> dict[tuple[str, str | None], str]:
    out: dict[tuple[str, str | None], str] = {}
    for v in verdicts:
        out[(v.id, None)] = v.verdict
        for e in v.elements:
            out[(v.id, e.key)] = e.verdict
    return out


def _basis_keys(v: Verdict | Element) -> frozenset[str]:
    keys = set()
    for b in v.rests_on:
        if b.kind == "data" and not b.ref.startswith(("passes_alone:", "blocks_alone:")):
            continue
        if b.kind == "relation" and b.link == "firm":
            keys.add(collapse_regional(b.ref))
        elif b.kind in ("relation", "recommendation", "turnout", "interpretation", "data"):
            keys.add(f"{b.kind}:{collapse_regional(b.ref)}")
    return frozenset(keys)


def _bases(verdicts: Iterable[Verdict]) -> dict[tuple[str, str | None], frozenset[str]]:
    out: dict[tuple[str, str | None], frozenset[str]] = {}
    for v in verdicts:
        for e in v.elements:
            out[(v.id, e.key)] = _basis_keys(e)
    return out


def compare_verdicts(
    before: Iterable[Verdict], after: Iterable[Verdict], shifts: bool = True
) -> tuple[Effect, ...]:
    """Effects of going from ``before`` to ``after`` (criteria verdicts of two models)."""
    before = list(before)
    after = list(after)
    g0, g1 = _grades(before), _grades(after)
    b0, b1 = _bases(before), _bases(after)
    out: list[Effect] = []
    for key in list(dict.fromkeys(list(g0) + list(g1))):
        if key not in g0 or key not in g1:
            continue  # an element that appears or goes: its criterion's verdict tells
        x, y = g0[key], g1[key]
        if x != y:
            out.append(Effect(key[0], key[1], x, y, "flip"))
        elif shifts and key[1] is not None and b0.get(key) != b1.get(key):
            added = tuple(sorted((b1.get(key) or frozenset()) - (b0.get(key) or frozenset())))
            removed = tuple(sorted((b0.get(key) or frozenset()) - (b1.get(key) or frozenset())))
            out.append(Effect(key[0], key[1], x, y, "shift", added, removed))
    return tuple(out)


# -- the changes ------------------------------------------------------------------------------


def discrete_changes(model: Model, authorities: Iterable[str] | None = None) -> list[Change]:
    """The single changes tried that take no threshold (see the module docstring), in order."""
    auth = set(model.contracting_authorities() if authorities is None else authorities)
    out: list[Change] = []

    def tried(cid: str, kind: str, label: Msg, *changes: C.Change) -> None:
        out.append(Change(cid, kind, label, changes))

    proxies = [r for r in model.relations if r.type == "proxy"]
    givers = list(dict.fromkeys(r.source for r in proxies))
    if len(givers) > 1:
        label = msg("every proxy revoked ({n})", n=len(proxies))
        tried("revoke_proxies:all", "revoke_proxies", label, C.RevokeProxies())
    for g in givers:
        if len(givers) == 1 or g not in auth:
            label = msg("{who} revokes its proxy", who=g)
            tried(f"revoke_proxies:{g}", "revoke_proxies", label, C.RevokeProxies((g,)))
    company = {o.id for o in model.organs.values() if o.part_of == "company"}
    recommenders: dict[str, list[str]] = {}
    for r in model.relations:
        if (
            r.type == "recommends"
            and r.strength in ("adopt_or_return", "binding")
            and r.target in company
        ):
            recommenders.setdefault(r.source, []).append(r.id)
    advisory = C.Fields.of(assumption="what-if: advisory only")
    for organ, rids in recommenders.items():
        name = model.organs[organ].name if organ in model.organs else organ
        sets = (C.SetRelation(rid, "advisory", advisory) for rid in rids)
        label = msg("the recommendation of {organ} made advisory", organ=name)
        tried(f"advisory:{organ}", "advisory", label, *sets)
        label = msg("{organ} removed", organ=name)
        tried(f"remove:{organ}", "remove_organ", label, C.RemoveOrgan(organ))
    holders = model.company.holders()
    for h in holders:
        if h not in auth:
            label = msg("{who} leaves as owner", who=h)
            tried(f"leaves:{h}", "owner_leaves", label, C.OwnerLeaves(h))
    owning_auth = [h for h in holders if h in auth]
    if owning_auth:
        biggest = max(owning_auth, key=lambda h: (model.company.shares_of(h), h))
        label = msg("{who}, the largest authority owner, leaves", who=biggest)
        tried(f"leaves:{biggest}", "owner_leaves", label, C.OwnerLeaves(biggest))
    return out


def _authority_blocks(
    model: Model, authorities: Iterable[str] | None = None
) -> list[tuple[str, int]]:
    """The group blocks held by the authorities alone."""
    auth = set(model.contracting_authorities() if authorities is None else authorities)
    out = []
    for b in model.company.blocks:
        if (
            b.is_group
            and b.holder in model.groups
            and all(m in auth for m in model.groups[b.holder].members)
        ):
            out.append((b.holder, b.shares))
    return out


def share_change(
    model: Model, holder: str, shares: int, authorities: Iterable[str] | None = None
) -> tuple[C.Change, ...]:
    """``holder`` down to ``shares``; the authorities' blocks take the difference in proportion
    to their size (the remainder to the largest)."""
    current = next(b.shares for b in model.company.blocks if b.holder == holder)
    blocks = _authority_blocks(model, authorities)
    diff = current - shares
    total = sum(s for _, s in blocks)
    adds = [diff * s // total for _, s in blocks]
    rest = diff - sum(adds)
    largest = max(range(len(blocks)), key=lambda i: (blocks[i][1], -i))
    adds[largest] += rest
    out: list[C.Change] = []
    if shares > 0:
        out.append(
            C.SetHolding(holder, shares, fields=C.Fields.of(assumption="what-if: share cut"))
        )
    else:
        out.append(C.RemoveHolding(holder))
    takes = C.Fields.of(assumption="what-if: takes the difference")
    for (g, s), add in zip(blocks, adds, strict=True):
        out.append(C.SetHolding(g, s + add, group=True, fields=takes))
    return tuple(out)


def turnout_change(
    model: Model, organ: str, groups: list[str], k: int, n: int
) -> tuple[C.Change, ...]:
    """Of each group, ``k/n`` present at ``organ``, the smallest holders attending first."""
    note = C.Fields.of(assumption="what-if: low turnout, the smallest attend")
    return tuple(
        C.SetTurnout(organ, group=g, fraction=Fraction(k, n), order="smallest_first", fields=note)
        for g in groups
    )


def _share_model(
    model: Model, holder: str, shares: int, authorities: Iterable[str] | None = None
) -> Model | None:
    """:func:`share_change` made in memory: ``holder`` at ``shares`` and each authority block
    as one holding of its total (at full attendance only the blocks' totals count for the
    authorities voting together). None when that does not hold (attendance in the model)."""
    if model.attendance:
        return None
    blocks = _authority_blocks(model, authorities)
    current = next(b.shares for b in model.company.blocks if b.holder == holder)
    diff = current - shares
    total = sum(s for _, s in blocks)
    adds = [diff * s // total for _, s in blocks]
    largest = max(range(len(blocks)), key=lambda i: (blocks[i][1], -i))
    adds[largest] += diff - sum(adds)
    groups = {g for g, _ in blocks}
    block_of = {b.holder: b for b in model.company.blocks}
    holdings = [h for h in model.company.holdings if h.holder != holder and h.block not in groups]
    if shares > 0:
        b = block_of[holder]
        holdings.append(Holding(holder, b.share_class, shares, b.provenance))
    for (g, s), add in zip(blocks, adds, strict=True):
        b = block_of[g]
        members = model.groups[g].members
        if members:
            holdings.append(Holding(members[0], b.share_class, s + add, b.provenance, g))
    company = dataclasses.replace(model.company, holdings=tuple(holdings))
    return dataclasses.replace(model, company=company)


def _turnout_model(model: Model, organ: str, groups: list[str], k: int, n: int) -> Model:
    """:func:`turnout_change` made in memory: of each group the smallest holders attend, the
    first ceil(k/n × members) of them, by the loader's own rule
    (:func:`~govmodel.load.turnout.absent_at_turnout`, ``order: smallest_first``)."""
    o = model.organs[organ]
    absent = set(model.attendance.get(organ, ()))
    for g in groups:
        absent.update(
            absent_at_turnout(
                o, model.company, model.groups[g].members, Fraction(k, n), "smallest_first"
            )
        )
    attendance = dict(model.attendance)
    attendance[organ] = frozenset(absent)
    return dataclasses.replace(model, attendance=attendance)


def _signature_decisions(model: Model) -> list[tuple[str, str]]:
    """The strategic decisions, one per distinct (organ, rule, recommendations on it): decisions
    alike in these are passed and stopped alike."""
    recs: dict[tuple[str, str], list] = {}
    for r in model.relations:
        if r.type == "recommends" and r.to_decision:
            recs.setdefault((r.target, r.to_decision), []).append(
                (r.source, r.decision, r.strength, r.link)
            )
    seen: dict[tuple, tuple[str, str]] = {}
    for o, d in strategic_decisions(model):
        key = (o, model.decision(o, d).rule, tuple(recs.get((o, d), ())))
        seen.setdefault(key, (o, d))
    return list(seen.values())


_PLAYERS: dict[
    tuple[int, int, int], tuple[Company, Mapping[str, Organ], dict[str, tuple[Player, ...]]]
] = {}


def _direct_signature(model: Model, authorities: Iterable[str] | None = None) -> _Signature:
    """Whether the authorities pass and stop each strategic decision with their own votes.
    Cheap (no chains); the bisection runs on it."""
    auth = tuple(model.contracting_authorities() if authorities is None else authorities)
    # models that differ only in attendance (the turnout probes) have the same players
    key = (id(model.company), id(model.organs), id(model.form))
    hit = _PLAYERS.get(key)
    if hit is None or hit[0] is not model.company or hit[1] is not model.organs:
        if len(_PLAYERS) > 64:
            _PLAYERS.clear()
        hit = _PLAYERS[key] = (model.company, model.organs, {})
    an = ControlAnalysis(model, auth, chains=False, shared_players=hit[2])
    return tuple(
        (an.force(o, d).possible, an.block(o, d).possible) for o, d in _signature_decisions(model)
    )


def _thresholds(lo: int, hi: int, sig: Callable[[int], _Signature | None]) -> list[int]:
    """Every t in (lo, hi] with sig(t - 1) != sig(t), by bisection, assuming each part of the
    signature changes at most once per interval whose ends agree (monotone parts)."""
    if hi <= lo:
        return []
    if sig(lo) == sig(hi):
        return []
    if hi - lo == 1:
        return [hi]
    mid = (lo + hi) // 2
    return _thresholds(lo, mid, sig) + _thresholds(mid, hi, sig)


# -- the analysis -----------------------------------------------------------------------------


class _Run:
    """The state one sensitivity run shares between its tasks (and, forked, its workers)."""

    def __init__(self, evaluation: Evaluation, options: _Options):
        self.evaluation = evaluation
        self.model = evaluation.model
        self.base = list(evaluation.criteria)
        self.options = options
        self.auth = tuple(self.options.get("authorities") or evaluation.authorities)

    def full(self, m: Model, keep: Iterable[str] = (), facts: bool = True) -> list[Verdict]:
        """The criteria of ``m``; those in ``keep`` are the baseline's (the change cannot touch
        them); ``facts=False`` when only grades are compared."""
        reuse = {v.id: v for v in self.base if v.id in set(keep)}
        crit, _summary, _na, _cov = evaluate_criteria(m, reuse=reuse, facts=facts, **self.options)
        return list(crit)

    def tasks(self) -> list[tuple[str, Change | str]]:
        """("discrete", a change) for each change without a threshold, then ("share", holder)
        and ("turnout", organ) for each threshold searched."""
        model = self.model
        out: list[tuple[str, Change | str]] = [
            ("discrete", ch) for ch in discrete_changes(model, self.auth)
        ]
        auth = set(self.auth)
        blocks = _authority_blocks(model, auth)
        if blocks:
            for b in model.company.blocks:
                if not b.is_group and b.holder not in auth:
                    out.append(("share", b.holder))
            holders = set(model.company.holders())
            if holders - auth and holders & auth:
                for o in model.organs.values():
                    if o.shareholders and o.part_of == "company":
                        out.append(("turnout", o.id))
        return out

    def run(self, task: tuple[str, Change | str]) -> list[Finding]:
        kind, arg = task
        if not isinstance(arg, str):  # "discrete"
            return [self.discrete(arg)]
        if kind == "share":
            return self.share(arg)
        return self.turnout(arg)

    def discrete(self, ch: Change) -> Finding:
        try:
            m = self.build(ch.changes)
        except ModelError as exc:
            why = exc.problems[0].message if exc.problems else str(exc)
            return Finding(ch, (), error=msg("not applicable: {why}", why=why))
        # a recommendation made advisory or its council removed cannot change the activity
        keep = ("activity",) if ch.kind in ("advisory", "remove_organ", "revoke_proxies") else ()
        return Finding(ch, compare_verdicts(self.base, self.full(m, keep)))

    def build(self, changes: tuple[C.Change, ...]) -> Model:
        """The evaluated model with ``changes`` applied (through its workspace)."""
        return C.apply(self.model, changes)

    def search(
        self,
        lo: int,
        hi: int,
        quick: Callable[[int], Model | None],
        changes: Callable[[int], tuple[C.Change, ...]],
        baseline: int,
    ) -> list[int]:
        """Thresholds t in (lo, hi] where the direct signature changes between t - 1 and t.

        The bisection probes ``quick(x)``: the same change made in memory on the built model
        (holdings or attendance replaced; the engine is the same). Every threshold is then
        confirmed on the model made by the change path at t and t - 1; if one is
        not confirmed (or ``quick`` cannot express the change), the search is repeated with
        rebuilt models throughout."""
        real: dict[int, _Signature | None] = {baseline: _direct_signature(self.model, self.auth)}

        def real_sig(x: int) -> _Signature | None:
            if x not in real:
                try:
                    real[x] = _direct_signature(self.build(changes(x)), self.auth)
                except ModelError:
                    real[x] = None
            return real[x]

        fast: dict[int, _Signature | None] = {}

        def fast_sig(x: int) -> _Signature | None:
            if x not in fast:
                m = quick(x)
                fast[x] = real_sig(x) if m is None else _direct_signature(m, self.auth)
            return fast[x]

        found = _thresholds(lo, hi, fast_sig)
        # the rebuilt model agrees with the quick one just below every threshold (where the
        # new verdicts are read) and at the end of the range
        checks = sorted({t - 1 for t in found} | {lo})
        if all(real_sig(x) == fast_sig(x) for x in checks):
            return found
        return _thresholds(lo, hi, real_sig)

    def share(self, holder: str) -> list[Finding]:
        model = self.model
        current = next(b.shares for b in model.company.blocks if b.holder == holder)
        cap = model.company.share_capital or 1
        found = self.search(
            0,
            current,
            lambda s: _share_model(model, holder, s, self.auth),
            lambda s: share_change(model, holder, s, self.auth),
            current,
        )
        label = msg("{who}'s share cut, the authorities taking the difference", who=holder)
        return self.threshold_findings(
            Change(f"share:{holder}", "share", label, share_change(model, holder, 0, self.auth)),
            msg("no threshold between 0 and {n} shares", n=current),
            found,
            lambda t: share_change(model, holder, t - 1, self.auth),
            # the holders stay the same while the share is above 0: representation and
            # activity cannot change
            lambda t: ("joint_control_representation", "activity") if t > 1 else ("activity",),
            lambda t: msg(
                "below {n} shares ({pct}): at {m}", n=t, pct=_pct(Fraction(t, cap)), m=t - 1
            ),
            lambda t: t,
        )

    def threshold_findings(
        self,
        at_zero: Change,
        none_found: Msg,
        found: list[int],
        below: Callable[[int], tuple[C.Change, ...]],
        keep: Callable[[int], tuple[str, ...]],
        note: Callable[[int], Msg],
        value: Callable[[int], Fraction | int],
    ) -> list[Finding]:
        """One finding per threshold ``t`` found, highest first: the verdicts with the changes
        ``below(t)`` (the value just under it), compared with those above it (the first with
        the model as it is); the criteria in ``keep(t)`` are carried over, not re-evaluated.
        Without a threshold, one finding ``at_zero`` saying ``none_found``."""
        if not found:
            return [Finding(at_zero, (), none_found)]
        out = []
        prev = self.base
        for t in sorted(found, reverse=True):
            changes = below(t)
            after = self.full(self.build(changes), keep(t), facts=False)
            out.append(
                Finding(
                    dataclasses.replace(at_zero, changes=changes),
                    compare_verdicts(prev, after, shifts=False),
                    note(t),
                    value(t),
                )
            )
            prev = after
        return out

    def turnout(self, organ: str) -> list[Finding]:
        model = self.model
        groups = [g for g, _ in _authority_blocks(model, self.auth)]
        n = max(len(model.groups[g].members) for g in groups)
        # with attendance in the model, no probe is the model itself
        baseline = -1 if model.attendance.get(organ) else n
        found = self.search(
            0,
            n,
            lambda k: _turnout_model(model, organ, groups, k, n),
            lambda k: turnout_change(model, organ, groups, k, n),
            baseline,
        )
        label = msg(
            "turnout of the authorities at {organ}, the smallest attending first",
            organ=model.organs[organ].name,
        )
        return self.threshold_findings(
            Change(
                f"turnout:{organ}", "turnout", label, turnout_change(model, organ, groups, 0, n)
            ),
            msg("no threshold: the same at any turnout"),
            found,
            lambda k: turnout_change(model, organ, groups, k - 1, n),
            # attendance changes neither who is represented nor the activity
            lambda k: ("joint_control_representation", "activity"),
            lambda k: msg(
                "below {k}/{n} ({pct}) of each group present: at {m}/{n}",
                k=k,
                n=n,
                m=k - 1,
                pct=_pct(Fraction(k, n)),
            ),
            lambda k: Fraction(k, n),
        )


def sensitivity(
    evaluation: Evaluation,
    *,
    bodies: Iterable[str] | None = None,
    all_bodies: bool = False,
    authorities: Iterable[str] | None = None,
) -> tuple[Finding, ...]:
    """The findings for every change tried (see the module docstring), in a fixed order. The
    changes are applied with :func:`govmodel.changes.apply` to the evaluated model (after the
    scenario it may have).
    ``authorities`` as for :func:`~govmodel.analysis.criteria.evaluate_criteria` (default: the
    evaluation's)."""
    bodies = tuple(bodies) if bodies is not None else evaluation.bodies
    options: _Options = {
        "bodies": bodies,
        "all_bodies": all_bodies,
        "authorities": tuple(authorities) if authorities is not None else evaluation.authorities,
    }
    run = _Run(evaluation, options)
    return tuple(f for task in run.tasks() for f in run.run(task))


def _pct(f: Fraction) -> str:
    v = f * 100
    if v.denominator == 1:
        return f"{v.numerator} %"
    return f"{float(v):.3f}".rstrip("0").rstrip(".") + " %"


def worst_flip(findings: Iterable[Finding]) -> Mapping[str, str]:
    """For each criterion, the worst grade any single change flips it to."""
    out: dict[str, str] = {}
    for f in findings:
        for e in f.effects:
            if (
                e.kind == "flip"
                and e.element is None
                and (e.criterion not in out or RANK[e.after] > RANK[out[e.criterion]])
            ):
                out[e.criterion] = e.after
    return out


__all__ = [
    "Change",
    "Effect",
    "Finding",
    "Term",
    "compare_verdicts",
    "discrete_changes",
    "sensitivity",
    "worst_flip",
]
