"""Reverse and sister in-house (anskaffelsesforskriften § 3-1 (3)): can the supplier buy from
its controlling authority, or from another entity that authority controls, without tendering?

The regulation allows this when the conditions of § 3-1 (1) are met: one authority controls the
supplier. It has no such rule for joint control (§ 3-2), and a contract between entities neither
of which controls the other is a public contract (judgment of 8 May 2014, Datenlotsen, C-15/13).
The study needs DIF AS to buy from its owners (002 §5.1.1 «omvendt egenregi», §5.10 support
services from KS). Under single control (model B, with KS an authority) the route is
available; under joint control (model A) it is not, and horizontal cooperation (§ 3-3) is the
fallback, named but not evaluated.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.criteria.context import reading_text
from govmodel.analysis.criteria.facts import strategic_decisions
from govmodel.analysis.criteria.verdicts import Basis, Element, Verdict
from govmodel.law import LawData
from govmodel.law.case_law import judgments_for
from govmodel.law.readings import Readings
from govmodel.messages import Msg, msg
from govmodel.model import Model

ID = "reverse_in_house"
PROVISION = "anskaffelsesforskriften/3-1-3"


# A model is immutable and hashable by content, so equal models (the same file loaded twice, the
# base model of a what-if) share one answer: the walk below is the costliest step of evaluate().
@lru_cache(maxsize=16)
def single_controllers(model: Model) -> tuple[str, ...]:
    """Contracting authorities that alone pass and stop every strategic decision of the
    supplier (control like over their own departments, § 3-1 (1) a), acting through their own
    organs (KS's representasjonsråd is KS deciding).

    >>> from govmodel.load import load_model
    >>> single_controllers(load_model("models/ownership_a.yaml"))
    ()
    """
    strategic = strategic_decisions(model)
    if not strategic:
        return ()
    out = []
    for a in model.contracting_authorities():
        # an association acts through its own organs (part_of names it): a recommendation its
        # own organ must give is the association deciding, not a hurdle to its control
        own = tuple(
            r
            for r in model.relations
            if not (
                r.type == "recommends"
                and r.source in model.organs
                and model.organs[r.source].part_of == a
            )
        )
        m = model if len(own) == len(model.relations) else dataclasses.replace(model, relations=own)
        an = ControlAnalysis(m, (a,), chains=True)
        # most authorities hold too little to pass anything alone: the reach bound says so
        # without walking every chain
        if any(an.cannot_force(o, d) for o, d in strategic):
            continue
        if all(an.force(o, d).possible and an.block(o, d).possible for o, d in strategic):
            out.append(a)
    return tuple(out)


def reverse_in_house(model: Model, law: LawData, readings: Readings) -> Verdict:
    """The verdict on the supplier buying from its owners in-house (§ 3-1 (3)): ``satisfied``
    when one contracting authority controls it alone and holds no direct private capital,
    ``not_satisfied`` under joint control (with § 3-3 named as the fallback)."""
    prov = law.provisions.get(PROVISION)
    section = prov.section if prov else "anskaffelsesforskriften § 3-1 (3)"
    name = dict(prov.name) if prov else {"nb": ID, "en": ID}
    sources = [section, "002 §5.1.1", "002 §5.10"] + [j.source for j in judgments_for(ID)]
    rests: list[Basis] = []
    owners = [h for h in model.company.holders()]
    ctrl = single_controllers(model)
    reasons: list[Msg] = [
        msg(
            "rule applied: the supplier may buy in-house from its controlling authority, or from "
            "another entity that authority controls, only when one authority controls it ({section})",
            section=section,
        )
    ]
    for a in ctrl:
        rid = getattr(model.actors[a], "reading", None)
        if rid:
            rests.append(
                Basis("reading", rid, readings.value(rid), reading_text(rid, readings.value(rid)))
            )
    if len(ctrl) == 1:
        who = model.name_of(ctrl[0])
        private = [
            h
            for h in owners
            if model.actors.get(h) is not None and model.actors[h].kind in ("private", "person")
        ]
        if private:
            verdict = "not_satisfied"
            reasons.append(msg("direct private capital in the supplier rules it out"))
        else:
            verdict = "satisfied"
            reasons.append(
                msg(
                    "{who} controls the supplier alone: the supplier may buy from {who} and from "
                    "other entities {who} controls, if they have no direct private capital",
                    who=who,
                )
            )
        el = Element(ctrl[0], verdict, tuple(reasons[1:]), tuple(rests), "direct")
        return Verdict(
            ID, section, name, verdict, tuple(reasons), tuple(sources), tuple(rests), (el,)
        )
    if owners:
        reasons.append(
            msg(
                "control is joint ({n} owners), or no authority controls the supplier alone: "
                "buying from one owner is not reverse in-house; horizontal cooperation "
                "({fallback}) is the fallback, if the supplier is itself a contracting "
                "authority in a genuine cooperation",
                n=len(owners),
                fallback="anskaffelsesforskriften § 3-3",
            )
        )
    else:
        reasons.append(msg("the supplier has no owners: nobody controls it alone"))
    sources.append("anskaffelsesforskriften § 3-3")
    return Verdict(ID, section, name, "not_satisfied", tuple(reasons), tuple(sources), tuple(rests))
