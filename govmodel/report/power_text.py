"""The voting power a comparison shows: each model's Banzhaf power at the general meeting's
ordinary resolution per owner block, and why Banzhaf and Shapley–Shubik agree or disagree in
that model, in sentences computed from its own indices (never numbers written into the text).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from govmodel.i18n import N_
from govmodel.i18n import format as fmt
from govmodel.messages import Msg
from govmodel.model import Model, Text
from govmodel.report.l10n import L10n

if TYPE_CHECKING:  # the power kernels load numpy, which a comparison without power never needs
    from govmodel.power.decision import Disagreement

#: What the two power indices measure; why they disagree in a model is computed from its own
#: indices (:func:`power_explained`), never written here.
POWER_EXPLAINED = N_(
    "What the indices measure: Banzhaf counts, over every possible coalition of the others, how "
    "often an owner's vote turns a losing coalition into a winning one (a swing), as a share of "
    "all swings; Shapley–Shubik counts, over every order in which the owners could join, how often "
    "an owner is the one who makes the coalition win (pivotal). Neither is a share of the votes; "
    "both describe the power to decide a vote under the rule."
)


@dataclass(frozen=True)
class PowerSummary:
    """One model's voting power at the general meeting's ordinary resolution, per owner unit
    (:func:`power_summary`)."""

    organ: str
    decision: str
    method: Msg  # how the indices were computed (govmodel.power.methods)
    exact: bool
    units: dict[str, Fraction]  # unit id -> its members' summed normalised Banzhaf
    votes: dict[str, Fraction]  # unit id -> its share of the votes
    largest_authority: tuple[str, Fraction] | None  # the authority with most Banzhaf power
    model_name: Text
    shapley: bool  # Shapley–Shubik computed exactly (then the difference can be explained)
    scale: int  # the weighted form's vote scale (weights are integers in units of 1/scale)
    disagreement: Disagreement | None
    agree: tuple[str, Fraction, Fraction] | None  # (player, Banzhaf, Shapley–Shubik) if agreed


def power_explained(t: L10n, tag: str, tm: L10n, p: PowerSummary) -> str | None:
    """Why Banzhaf and Shapley–Shubik agree or disagree in one model, in sentences built from
    that model's indices (:func:`govmodel.power.decision.disagreement`: the window of the
    others' yes-votes in which the owner swings, their mean and spread over the coalitions,
    their even spread over the orderings); None when Shapley–Shubik was not computed."""
    if not p.shapley:
        return None
    model = f"{tag} ({tm.text(p.model_name)})"
    dis = p.disagreement
    if dis is None:
        if p.agree is None:
            return None
        who, bz, ss = p.agree
        return t(
            "{model}: the two indices agree: {who} has Banzhaf {bz} and Shapley–Shubik {ss}."
        ).format(
            model=model,
            who=tm.name(who),
            bz=fmt.index(bz, t.lang),
            ss=fmt.index(ss, t.lang),
        )
    return disagreement_text(t, model, tm.name(dis.player), dis, p.scale)


def disagreement_text(t: L10n, label: str, who: str, dis: Disagreement, scale: int) -> str:
    """Why Banzhaf and Shapley–Shubik disagree for one player (``who``, by name), in
    sentences of ``t``'s language that begin with ``label``: the window of the others'
    yes-votes in which the player decides, their mean and spread over the coalitions, their
    even spread over the orderings (votes in units of ``1/scale``)."""
    scale = scale or 1

    def votes(x: float | int) -> str:
        return fmt.number(Fraction(x).limit_denominator(10**6) / scale, t.lang)

    inside = dis.window_low <= dis.others_mean <= dis.window_high
    cover = min(
        Fraction(dis.window_high - dis.window_low + 1, max(dis.others_total, 1)), Fraction(1)
    )
    head = t(
        "{model}: {who} has Banzhaf {bz} but Shapley–Shubik {ss}. {who} decides the vote when "
        "the others' yes-votes lie between {low} and {high}."
    ).format(
        model=label,
        who=who,
        bz=fmt.index(dis.banzhaf, t.lang),
        ss=fmt.index(dis.shapley_shubik, t.lang),
        low=votes(dis.window_low),
        high=votes(dis.window_high),
    )
    spread = (
        t(
            "Over the coalitions of the others their yes-votes average {mean} (standard "
            "deviation {sd}), inside that window: most coalitions leave the decision to {who}, "
            "hence the high Banzhaf."
        )
        if inside
        else t(
            "Over the coalitions of the others their yes-votes average {mean} (standard "
            "deviation {sd}), outside that window: few coalitions leave the decision to {who}, "
            "hence the low Banzhaf."
        )
    ).format(mean=votes(dis.others_mean), sd=votes(dis.others_sd), who=who)
    orders = t(
        "Over the orderings the votes arriving before {who} are spread evenly from 0 to {total}, "
        "and the window covers {cover} of that range: hence Shapley–Shubik."
    ).format(who=who, total=votes(dis.others_total), cover=fmt.percent(cover, t.lang))
    return " ".join((head, spread, orders))


def power_summary(model: Model, shapley: bool = False) -> PowerSummary | None:
    """Normalised Banzhaf power at the general meeting's ordinary resolution, summed per unit
    (KS, the kommuner, the fylkeskommuner, other owners), or None if the rule is not a weighted
    game. With ``shapley``, Shapley–Shubik too (seconds for hundreds of owners) and what
    explains their difference (:func:`govmodel.power.decision.disagreement`). Uses
    :func:`govmodel.power.decision.decision_power` (its cache)."""
    # imported here: the power kernels load numpy, which a comparison without power never needs,
    # and the structure the control engine, which `govmodel power` (disagreement_text) does not
    from govmodel.power.decision import NoVoters, decision_power, disagreement
    from govmodel.power.structure import units

    gm = next((o for o in model.organs.values() if o.shareholders), None)
    if gm is None or not gm.has_decision("ordinary"):
        return None
    indices = ("banzhaf", "shapley_shubik") if shapley else ("banzhaf",)
    try:  # the engine's function and its cache (the same numbers as `govmodel power`)
        dp = decision_power(model, gm.id, "ordinary", indices=indices)
    except NoVoters:
        return None
    wf, result = dp.form, dp.result
    if wf is None or not wf.weights or result.banzhaf is None:
        return None
    power = dict(zip(wf.player_ids, result.banzhaf, strict=True))
    weight = dict(zip(wf.player_ids, wf.weights, strict=True))
    out: dict[str, Fraction] = {}
    votes: dict[str, Fraction] = {}
    for u in units(model):
        members = model.groups[u].members if u in model.groups else (u,)
        total = sum((power.get(m, Fraction(0)) for m in members), Fraction(0))
        if any(m in power for m in members):
            out[u] = total
            votes[u] = Fraction(sum(weight.get(m, 0) for m in members), wf.total or 1)
    largest = None
    auth = set(model.contracting_authorities())
    auth_players = [p for p in wf.player_ids if p in auth]
    if auth_players:
        big = max(auth_players, key=lambda p: (power[p], p))
        largest = (big, power[big])
    # explained from exact indices only (an estimate's difference may be sampling noise)
    bz, ss = result.banzhaf, result.shapley_shubik
    has_ss = shapley and result.exact and ss is not None
    agree = None
    if has_ss and ss is not None:
        top = max(range(len(wf.player_ids)), key=lambda i: (bz[i], -i))
        agree = (wf.player_ids[top], bz[top], ss[top])
    return PowerSummary(
        organ=gm.id,
        decision="ordinary",
        method=result.method,
        exact=result.exact,
        units=out,
        votes=votes,
        largest_authority=largest,
        model_name=model.name,
        shapley=has_ss,
        scale=wf.scale,
        disagreement=disagreement(dp) if has_ss else None,
        agree=agree,
    )


__all__ = [
    "POWER_EXPLAINED",
    "PowerSummary",
    "disagreement_text",
    "power_explained",
    "power_summary",
]
