"""The evaluation as JSON (``govmodel evaluate --format json``): ids, exact values and the
reasoning in the chosen language, for programs rather than people (ids stay ids here).
The shape is documented in docs/criteria.md; the receipt and the sources used are added."""

from __future__ import annotations

import datetime
from fractions import Fraction

from govmodel.analysis.criteria import GRADES, Basis, Evaluation, Verdict
from govmodel.analysis.law_status import unverified_rules
from govmodel.analysis.sensitivity import Finding
from govmodel.jsonvalue import JsonObject, JsonValue
from govmodel.report.evaluation import statute_lines
from govmodel.report.l10n import L10n
from govmodel.report.receipt import receipt
from govmodel.report.unverified import cite_marked, cited_unverified


def _num(v: Fraction | int | None) -> JsonValue:
    """An exact number for JSON: an int as it is, a fraction as the text ``p/q``."""
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return v


def basis_json(b: Basis) -> JsonObject:
    return {
        "kind": b.kind,
        "ref": b.ref,
        "link": b.link or None,
        "text": b.text or None,
        "source": b.source or None,
        "conditional": b.conditional,
    }


def verdict_json(t: L10n, v: Verdict) -> JsonObject:
    return {
        "id": v.id,
        "name": v.name.get(t.lang) or v.name.get("en") or v.id,
        "section": v.section,
        "verdict": v.verdict,
        "reasoning": [t.msg(m) for m in v.reasoning],
        "sources": list(v.sources),
        "citations": cite_marked(t, v.sources),
        # the law entries not verified against the statute text that the sources cite
        "unverified_law": [e.id for e in cited_unverified(v.sources)],
        "rests_on": [basis_json(b) for b in v.rests_on],
        "elements": [
            {
                "key": e.key,
                "verdict": e.verdict,
                "route": e.route,
                "reasoning": [t.msg(m) for m in e.reasoning],
                "rests_on": [basis_json(b) for b in e.rests_on],
            }
            for e in v.elements
        ],
    }


def finding_json(t: L10n, f: Finding) -> JsonObject:
    return {
        "change": {
            "id": f.change.id,
            "kind": f.change.kind,
            "description": t.msg(f.change.label),
            "changes": f.change.text,
        },
        "threshold": t.msg(f.threshold) if f.threshold is not None else None,
        "value": _num(f.value),
        "error": t.msg(f.error) if f.error is not None else None,
        "effects": [
            {
                "criterion": e.criterion,
                "element": e.element,
                "kind": e.kind,
                "before": e.before,
                "after": e.after,
                "added": list(e.added),
                "removed": list(e.removed),
            }
            for e in f.effects
        ],
    }


def evaluation_json(ev: Evaluation, lang: str, date: datetime.date | None = None) -> JsonObject:
    """The evaluation as a JSON-ready dict (``date``: the receipt's)."""
    t = L10n(lang)
    m = ev.model
    unverified = unverified_rules(m)
    out: JsonObject = {
        "model": {
            "id": m.id,
            "name": t.text(m.name),
            "path": m.path,
            "scenario": m.scenario,
            "variant_of": m.variant_of,
        },
        "lang": lang,
        "grades": list(GRADES),
        "authorities": len(ev.authorities),
        "bodies": list(ev.bodies),
        "criteria": [verdict_json(t, v) for v in ev.criteria],
        "summary": [verdict_json(t, v) for v in ev.summary],
        "reverse_in_house": verdict_json(t, ev.reverse) if ev.reverse is not None else None,
        "not_applicable": [{"id": cid, "reason": t.msg(why)} for cid, why in ev.not_applicable],
        "coverage": [
            {
                "authority": c.authority,
                "body": c.body,
                "link": c.link,
                "path": list(c.path),
                "hops": c.hops,
            }
            for bc in ev.coverage.bodies
            for c in bc.cells
        ],
        "decisions": [
            {
                "organ": ds.organ,
                "decision": ds.decision,
                "name": t.text(ds.name),
                "rule": ds.rule,
                # the law entries not verified against the statute text that the rule rests on
                "unverified_law": [
                    u.law for u in unverified if (u.organ, u.decision) == (ds.organ, ds.decision)
                ],
                "authorities_can_force": ds.authorities_can_force,
                "authorities_can_block": ds.authorities_can_block,
                "authorities_pass_route": ds.authorities_pass_route,
                "minimal_winning": [list(c) for c in ds.minimal_winning],
                "minimal_blocking": [list(c) for c in ds.minimal_blocking],
                "minimal_winning_direct": [list(c) for c in ds.minimal_winning_direct],
                "minimal_blocking_direct": [list(c) for c in ds.minimal_blocking_direct],
                "lists_complete": ds.summary is None,
                "summary": None
                if ds.summary is None
                else {
                    "units": ds.summary.units,
                    "listed_up_to": ds.summary.listed_up_to,
                    "fewest_to_pass": ds.summary.fewest_to_pass,
                    "fewest_to_block": ds.summary.fewest_to_block,
                    "fewest_through_chains": ds.summary.fewest_through_chains,
                    "chains_singletons_only": ds.summary.chains_singletons_only,
                    "text": ds.summary.describe(lang),
                },
            }
            for ds in ev.decisions
        ],
        "unverified_law": [
            {
                "organ": u.organ,
                "decision": u.decision,
                "law": u.law,
                "section": u.section,
                "name": u.name.get(lang) or u.name.get("en", ""),
                "note": u.note,
            }
            for u in unverified
        ],
        "statute_checks": [
            {
                "organ": c.organ,
                "decision": c.decision,
                "source": c.source,
                "cited_text": c.cited_text,
                "cited_rule": c.cited_rule.describe(lang),
                "law": c.law_id,
                "section": c.section,
                "law_rule": c.law_rule.describe(lang),
                "agrees": c.agrees,
                "text": statute_lines(L10n(lang, m), [c])[0],
            }
            for c in ev.statute_checks
        ],
    }
    if ev.sensitivity is not None:
        out["sensitivity"] = [finding_json(t, f) for f in ev.sensitivity]
    out["sources"] = [{"id": s.id, "citation": s.full(lang)} for s in t.citations.entries()]
    out["receipt"] = receipt([ev.model], date or datetime.date(1970, 1, 1)).as_json()
    return out


__all__ = ["basis_json", "evaluation_json", "finding_json", "verdict_json"]
