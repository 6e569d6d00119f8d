"""Presentation of what a coalition can force and block: a report in the reader's language
with names (ids only with ``ids=True``), and JSON-ready dicts with ids."""

from __future__ import annotations

from govmodel.analysis.outcomes import DecisionControl, Outcome
from govmodel.analysis.reasons import reason_kind
from govmodel.jsonvalue import JsonObject, JsonValue
from govmodel.messages import Msg, RuleText
from govmodel.model import Model
from govmodel.regions import collapse_regional
from govmodel.report.document import Bullets, Cell, Doc, Heading, Para, Table
from govmodel.report.l10n import L10n
from govmodel.report.unverified import rule_mark, unverified_blocks, unverified_by_decision


def route_text(steps) -> str:
    """Steps as one hop string, regional organs collapsed to ``_<fylke>`` and repeated hops
    once, consecutive steps joined (``a —elects→ b —instructs→ c``), separate branches after
    `` ; ``."""
    hops: list[tuple[str, str, str]] = []
    for s in steps:
        link = "" if s.link == "firm" else f"[{s.link}]"
        hop = (collapse_regional(s.source), f"{s.type}{link}", collapse_regional(s.target))
        if hop not in hops:
            hops.append(hop)
    parts: list[str] = []
    last = None
    for source, kind, target in hops:
        if parts and source == last:
            parts[-1] += f" —{kind}→ {target}"
        else:
            parts.append(f"{source} —{kind}→ {target}")
        last = target
    return " ; ".join(parts)


def outcome_reason(t: L10n, out: Outcome) -> str:
    """Why the coalition can or cannot force (block) the decision: the engine's reason
    (:mod:`govmodel.analysis.reasons`) as a sentence of the reader's language, with names."""
    return t.msg(out.reason) if out.reason is not None else ""


def outcome_lines(t: L10n, model: Model, out: Outcome) -> list[str]:
    """The reason, the voters the coalition commands and the chains it reaches them by, the
    recommendations the decision depends on and the links that are not firm."""
    lines = [outcome_reason(t, out)]
    direct = [pid for pid, ch in out.controlled if not ch.steps]
    indirect = [(pid, ch) for pid, ch in out.controlled if ch.steps]
    if direct:
        lines.append(t("its own votes or seats: {who}").format(who=t.shown(direct, 6)))
    seen: set[str] = set()
    for _pid, ch in indirect:
        hops = route_text(ch.steps)
        if hops in seen:
            continue
        seen.add(hops)
        route = t.namer.text(hops) if t.namer else hops
        lines.append(t("through: {route}").format(route=route))
        if len(seen) >= 4:
            rest = len(indirect) - 4
            if rest > 0:
                lines.append(t("… {n} more voters reached the same way").format(n=t.number(rest)))
            break
    for rid, strength, sub in out.recommendations:
        what = t.name(rid)
        kind = t.term(strength or "advisory")
        if sub is None:
            lines.append(
                t("recommendation ({strength}): {what}; gives no control").format(
                    strength=kind, what=what
                )
            )
        else:
            lines.append(
                t("recommendation ({strength}): {what}; {answer}: {reason}").format(
                    strength=kind,
                    what=what,
                    answer=t("yes") if sub.possible else t("no"),
                    reason=outcome_reason(t, sub),
                )
            )
    relations = {r.id: r for r in model.relations}
    weak: dict[tuple[str, str, str], int] = {}
    for s in dict.fromkeys(x for x in out.rests_on if x.link != "firm"):
        rel = relations.get(s.relation)
        source = t.source(rel.provenance) if rel is not None else t.cite(s.provenance)
        key = (s.link, collapse_regional(s.relation), source)
        weak[key] = weak.get(key, 0) + 1
    for (link, relation, source), n in weak.items():
        lines.append(
            t("rests on a {strength} link: {relation} ({source})").format(
                strength=t.term(link), relation=t.name(relation), source=source
            )
            + (f" (×{n})" if n > 1 else "")
        )
    return lines


def _answer(t: L10n, out: Outcome) -> str:
    if not out.applicable:
        return t("not applicable (minority right)")
    if not out.possible:
        return t("no")
    return t("yes ({strength})").format(strength=t.term(out.level or "firm"))


def coalition_doc(
    model: Model,
    members: list[str],
    results: list[DecisionControl],
    direct: bool,
    lang: str = "en",
    ids: bool = False,
) -> Doc:
    """What the coalition ``members`` can force and block, decision by decision, in ``lang``:
    names only (``ids``: each name followed by its id)."""
    t = L10n(lang, model, ids=ids)
    doc = Doc(t("Coalition: {members}").format(members=", ".join(t.name(m) for m in members)), lang)
    doc.add(Para(t("Model: {model}").format(model=t.text(model.name))))
    doc.add(
        Para(
            t("Counted: its own votes and seats only.")
            if direct
            else t(
                "Counted: its own votes and seats, and every chain of elections, appointments, "
                "instructions, proxies and recommendations."
            )
        )
    )
    # a rule taken from law not verified against the statute text says so, as in the
    # evaluation report: the paragraph naming the entries, then a mark after each such rule
    for block in unverified_blocks(t, model):
        doc.add(block)
    unverified = unverified_by_decision(model)
    doc.add(
        Table(
            (t("decision"), t("can pass it"), t("can block it")),
            tuple(
                (
                    Cell(t.name(r.key)),
                    Cell(_answer(t, r.force), "satisfied" if r.force.possible else None),
                    Cell(_answer(t, r.block), "satisfied" if r.block.possible else None),
                )
                for r in results
            ),
        )
    )
    for r in results:
        d = model.decision(r.organ, r.decision)
        doc.add(Heading(t.name(r.key), 3))
        doc.add(
            Para(
                t("Rule: {rule} ({source})").format(
                    rule=d.rule.describe(lang)
                    + (f" {rule_mark(t)}" if (r.organ, r.decision) in unverified else ""),
                    source=t.source(d.provenance),
                ),
                small=True,
            )
        )
        items = [
            t("Pass: {answer}").format(answer=_answer(t, r.force))
            + "\n"
            + "\n".join(outcome_lines(t, model, r.force))
        ]
        if r.block.applicable:
            items.append(
                t("Block: {answer}").format(answer=_answer(t, r.block))
                + "\n"
                + "\n".join(outcome_lines(t, model, r.block))
            )
        else:
            items.append(t("Block: not applicable (a minority right has no blocking side)"))
        doc.add(Bullets(tuple(items)))
    return doc


def reason_json(t: L10n, why: Msg | None) -> JsonObject | None:
    """The engine's reason for machines: its kind (:data:`govmodel.analysis.reasons.Kind`),
    its values with ids (a rule in English words) and the sentence in the report's language."""
    if why is None:
        return None
    return {
        "kind": reason_kind(why),
        "args": {k: _json_value(v) for k, v in why.args},
        "text": t.msg(why),
    }


def _json_value(v: object) -> JsonValue:
    if isinstance(v, RuleText):
        return v.rule.describe("en")
    if isinstance(v, (list, tuple)):  # Names: the ids
        return [_json_value(x) for x in v]
    if isinstance(v, (bool, int, str)):
        return v
    return str(v)


def outcome_json(t: L10n, out: Outcome) -> JsonObject:
    return {
        "possible": out.possible,
        "applicable": out.applicable,
        "level": out.level,
        "reason": reason_json(t, out.reason),
        "players": [
            {
                "player": pid,
                "chain": [
                    {
                        "relation": s.relation,
                        "type": s.type,
                        "link": s.link,
                        "from": s.source,
                        "to": s.target,
                    }
                    for s in ch.steps
                ],
            }
            for pid, ch in out.controlled
        ],
        "recommendations": [
            {
                "relation": rid,
                "strength": strength,
                "possible": None if sub is None else sub.possible,
            }
            for rid, strength, sub in out.recommendations
        ],
        "rests_on": [
            {"relation": s.relation, "type": s.type, "link": s.link, "source": s.provenance}
            for s in out.rests_on
        ],
    }


def coalition_json(
    model: Model,
    members: list[str],
    results: list[DecisionControl],
    direct: bool,
    lang: str = "en",
) -> JsonObject:
    """What the coalition can force and block, for machines: ids throughout, each reason as
    its kind and values plus the sentence in ``lang`` (docs/reports.md)."""
    t = L10n(lang, model)
    unverified = unverified_by_decision(model)
    return {
        "model": {"id": model.id, "name": model.name},
        "coalition": members,
        "direct_only": direct,
        "decisions": [
            {
                "organ": r.organ,
                "decision": r.decision,
                # the law entries not verified against the statute text the rule rests on
                "unverified_law": [u.law for u in unverified.get((r.organ, r.decision), [])],
                "force": outcome_json(t, r.force),
                "block": outcome_json(t, r.block),
            }
            for r in results
        ],
    }
