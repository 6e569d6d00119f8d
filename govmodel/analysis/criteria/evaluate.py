"""Evaluating every in-house criterion on a model, and the two summaries.

:func:`evaluate_criteria` runs the criteria that apply (by ``applies_to`` in the law data: the
single-authority criterion with one participating authority, the joint-control criteria with
several) and sums them up as **kontrollkriteriet** (control) and **utvidet egenregi** (in-house);
:func:`evaluate` adds the coverage matrix, the statute checks and the decision structure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from govmodel.analysis.coverage import Coverage
from govmodel.analysis.criteria.activity import activity
from govmodel.analysis.criteria.bases import make_verdict
from govmodel.analysis.criteria.context import Context, expand, participants
from govmodel.analysis.criteria.facts import decision_making_bodies, statute_checks
from govmodel.analysis.criteria.indirect import indirect
from govmodel.analysis.criteria.influence import influence
from govmodel.analysis.criteria.interests import contrary_interests
from govmodel.analysis.criteria.participation import participation
from govmodel.analysis.criteria.private_capital import private_capital
from govmodel.analysis.criteria.representation import representation
from govmodel.analysis.criteria.reverse import reverse_in_house
from govmodel.analysis.criteria.verdicts import RANK, Evaluation, Verdict, dedupe, worst
from govmodel.i18n import N_
from govmodel.law import LawData, builtin_law
from govmodel.law.apply import apply_readings
from govmodel.law.readings import Readings
from govmodel.messages import Msg, Term, msg
from govmodel.model import Model
from govmodel.power.structure import model_structure

#: The criteria that make up the control criterion (kontrollkriteriet), for one authority or
#: several, in the order they are reported.
CONTROL_PARTS = (
    "control_single",
    "joint_control_representation",
    "joint_control_influence",
    "no_contrary_interests",
    "indirect_control",
    "joint_control_participation",
)
CRITERIA_ORDER = (*CONTROL_PARTS, "activity", "no_private_capital")
#: Criteria that make up the control criterion (kontrollkriteriet) for several authorities.
JOINT_CONTROL = (
    "joint_control_representation",
    "joint_control_influence",
    "no_contrary_interests",
    "joint_control_participation",
)


def summary_verdict(cid: str, name: Mapping[str, str], parts: Sequence[Verdict]) -> Verdict:
    """The worst of ``parts``, resting on what the worst parts rest on."""
    verdict = worst(v.verdict for v in parts)
    reasons = [
        msg("{criterion}: {grade}", criterion=Term(v.id), grade=Term(v.verdict)) for v in parts
    ]
    rests = dedupe([b for v in parts if RANK[v.verdict] >= RANK[verdict] for b in v.rests_on])
    sources = tuple(dict.fromkeys(s for v in parts for s in v.sources[:1]))
    return Verdict(
        cid, " + ".join(v.section for v in parts), name, verdict, tuple(reasons), sources, rests
    )


NO_COMPANY = N_(
    "the model has no company (a body of organs only): the in-house criteria concern a "
    "supplier company"
)


def evaluate_criteria(
    model: Model,
    *,
    law: LawData | None = None,
    bodies: Sequence[str] | None = None,
    all_bodies: bool = False,
    reuse: Mapping[str, Verdict] | None = None,
    authorities: Iterable[str] | None = None,
    facts: bool = True,
    readings: Readings | None = None,
) -> tuple[tuple[Verdict, ...], tuple[Verdict, ...], tuple[tuple[str, Msg], ...], Coverage | None]:
    """The criteria verdicts, the two summaries, the criteria that do not apply and the coverage
    matrix. ``bodies`` are the decision-making bodies checked for representation (default: the
    supplier's general meeting and board); ``all_bodies`` requires every body, not only the
    supreme one. ``reuse`` gives verdicts known not to change (the sensitivity analysis passes
    those a change cannot touch); the coverage is None when representation is reused.
    ``authorities`` are the participating contracting authorities (actor or group ids; default:
    every contracting authority of the model), e.g. only the kommuner. ``facts=False`` leaves out
    who else can pass or block each decision alone (reasoning only; the grades are the same).
    ``readings`` are the legal readings (default: those the model was loaded with, else the
    defaults); the participating authorities follow ``participating_authorities`` unless
    ``authorities`` names them.

    >>> from govmodel.load import load_model
    >>> crit, summary, na, cov = evaluate_criteria(load_model("models/variants/a_private.yaml"))
    >>> [v.verdict for v in crit if v.id == "no_private_capital"]
    ['not_satisfied']
    """
    reuse = reuse or {}
    law = law or builtin_law()
    readings = chosen_readings(model, readings)
    model = with_readings(model, readings)
    if authorities is not None:
        auth = expand(model, authorities)
    else:
        auth, _ = participants(model, law, readings)
    bodies = tuple(bodies) if bodies is not None else decision_making_bodies(model)
    ctx = Context(model, law, bodies, auth, all_bodies=all_bodies, facts=facts, readings=readings)
    crit = ctx.crit
    applies: list[str] = []
    na: list[tuple[str, Msg]] = []
    for cid in CRITERIA_ORDER:
        if cid not in crit:
            continue
        scope = crit[cid].extra.get("applies_to", "both")
        if not model.has_company:  # a council or an assembly: no supplier to award to
            na.append((cid, msg(NO_COMPANY)))
        elif scope == "single" and ctx.joint:
            na.append(
                (
                    cid,
                    msg("{n} authorities take part: the joint-control criteria apply", n=len(auth)),
                )
            )
        elif scope == "joint" and not ctx.joint:
            na.append((cid, msg("one authority: the single-authority criterion applies")))
        else:
            applies.append(cid)
    out: dict[str, Verdict] = {}
    if not auth:
        for cid in applies:
            out[cid] = make_verdict(
                ctx, cid, "unknown", [msg("the model has no contracting authorities")], [], []
            )
    else:
        compute: dict[str, Callable[[], Verdict]] = {
            "control_single": lambda: influence(ctx, auth, "control_single"),
            "joint_control_representation": lambda: representation(ctx),
            "joint_control_influence": lambda: influence(ctx, auth, "joint_control_influence"),
            "no_contrary_interests": lambda: contrary_interests(ctx, auth),
            "indirect_control": lambda: indirect(ctx, list(out.values())),
            "joint_control_participation": lambda: participation(ctx),
            "activity": lambda: activity(ctx),
            "no_private_capital": lambda: private_capital(ctx),
        }
        for cid in CRITERIA_ORDER:
            if cid in applies:
                out[cid] = reuse[cid] if cid in reuse else compute[cid]()
    criteria = tuple(out[c] for c in applies)
    control_parts = [out[c] for c in ("control_single", *JOINT_CONTROL) if c in out]
    if "indirect_control" in out and out["indirect_control"].elements:
        control_parts.append(out["indirect_control"])
    summary: list[Verdict] = []
    if control_parts:
        control = summary_verdict(
            "control", {"nb": "Kontrollkriteriet", "en": "Kontrollkriteriet"}, control_parts
        )
        summary.append(control)
        rest = [control] + [out[c] for c in ("activity", "no_private_capital") if c in out]
        summary.append(
            summary_verdict("in_house", {"nb": "Utvidet egenregi", "en": "Utvidet egenregi"}, rest)
        )
    cov = None if "joint_control_representation" in reuse else ctx.coverage()
    return criteria, tuple(summary), tuple(na), cov


def evaluate(
    model: Model,
    *,
    law: LawData | None = None,
    bodies: Sequence[str] | None = None,
    all_bodies: bool = False,
    structure: bool = True,
    authorities: Iterable[str] | None = None,
    readings: Readings | None = None,
) -> Evaluation:
    """Evaluate every in-house criterion on ``model``, with the coverage matrix, the statute
    checks of cited rules and (``structure=True``) the winning and blocking structure of the
    general meeting's and councils' decisions.

    >>> from govmodel.load import load_model
    >>> ev = evaluate(load_model("models/ownership_a.yaml"), structure=False)
    >>> ev.bodies
    ('generalforsamling', 'styre')
    """
    law = law or builtin_law()
    bodies_t = tuple(bodies) if bodies is not None else decision_making_bodies(model)
    readings = chosen_readings(model, readings)
    model = with_readings(model, readings)
    criteria, summary, na, cov = evaluate_criteria(
        model,
        law=law,
        bodies=bodies_t,
        all_bodies=all_bodies,
        authorities=authorities,
        readings=readings,
    )
    # one definition of "the authorities" for the criteria and for who can pass and block:
    # the participating authorities (reading participating_authorities) unless named
    auth = (
        expand(model, authorities)
        if authorities is not None
        else participants(model, law, readings)[0]
    )
    decisions: tuple = ()
    if structure:
        decisions = tuple(model_structure(model, authorities=auth))
    return Evaluation(
        model=model,
        authorities=auth,
        bodies=bodies_t,
        criteria=criteria,
        summary=summary,
        not_applicable=na,
        coverage=cov,  # type: ignore[arg-type]
        statute_checks=statute_checks(model, law),
        decisions=decisions,
        options={"all_bodies": all_bodies, "readings": readings},
        reverse=reverse_in_house(model, law, readings),
    )


def with_readings(model: Model, readings: Readings) -> Model:
    """``model`` under ``readings`` (actors whose status follows a reading updated), unchanged
    when it was built under them."""
    if getattr(model, "readings", None) == readings:
        return model
    return apply_readings(model, readings)


def chosen_readings(model: Model, readings: Readings | None) -> Readings:
    """``readings``, else those the model was loaded with (``model.readings``), else the
    defaults."""
    if readings is not None:
        return readings
    own = getattr(model, "readings", None)
    return own if isinstance(own, Readings) else Readings.default()
