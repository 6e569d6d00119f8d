"""How a coalition passes a decision: with its own votes, or through links.

One classification, shared by the criteria (decisive influence, anskaffelsesforskriften
§ 3-2 (2) b) and by the structure of every decision ("who can pass and who can block"), so that
the two sections of a report cannot say different things about the same decision.

- ``direct`` ("own votes"): the votes the coalition casts itself in the organ meet the rule,
  and any adopt-or-return recommendation the decision needs comes from a body the coalition
  controls (a safeguard it holds, :mod:`govmodel.analysis.control`: it adds to the coalition's
  influence and never makes it weaker, so it does not turn own votes into links);
- ``chain`` ("through links"): the coalition needs votes it reaches along links (elections,
  instructions, proxies), or a binding recommendation it passes through links;
- ``None``: the coalition cannot pass the decision at all.
"""

from __future__ import annotations

from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.outcomes import LEVELS, Outcome
from govmodel.power.voting import passes

DIRECT = "direct"
CHAIN = "chain"


def own_votes_pass(an: ControlAnalysis, organ: str, decision: str, out: Outcome) -> bool:
    """Whether the players the coalition holds itself (no chain) in ``organ`` carry
    ``decision`` under its rule, at the grade at which ``out`` (the coalition's force outcome)
    is possible; the other present players vote against."""
    level = LEVELS.index(out.level or "firm")
    rule = an.model.decision(organ, decision).rule
    pres = an.present(organ)
    own = frozenset(pid for pid, ch in an.commanded(organ, level) if not ch.steps)
    return passes(rule, an.organ_players(organ), own & pres, pres)


def pass_route(an: ControlAnalysis, organ: str, decision: str) -> str | None:
    """``direct``, ``chain`` or ``None`` for the coalition of ``an`` and one decision (see the
    module docstring).

    >>> from govmodel.load import load_model
    >>> m = load_model("models/ownership_b.yaml")
    >>> auth = m.contracting_authorities()
    >>> pass_route(ControlAnalysis(m, auth), "generalforsamling", "eierstrategi")
    'direct'
    >>> pass_route(ControlAnalysis(m, auth), "styre", "budget")
    'chain'
    """
    out = an.force(organ, decision)
    if not out.possible:
        return None
    if not own_votes_pass(an, organ, decision, out):
        return CHAIN
    for rid, strength, sub in out.recommendations:
        # a binding recommendation decides the matter: when the coalition reaches its
        # recommender only through links, its result rests on them
        if (
            strength == "binding"
            and sub is not None
            and sub.possible
            and rid not in out.safeguards
            and sub.rests_on
        ):
            return CHAIN
    return DIRECT


__all__ = ["CHAIN", "DIRECT", "own_votes_pass", "pass_route"]
