"""Presentation of what a coalition can force and block: a report in the reader's language
with names (ids only with ``ids=True``), and JSON-ready dicts with ids."""

from __future__ import annotations

from govmodel.analysis.outcomes import DecisionControl, Outcome
from govmodel.i18n import N_
from govmodel.jsonvalue import JsonObject
from govmodel.model import Model
from govmodel.regions import collapse_regional
from govmodel.report.document import Bullets, Cell, Doc, Heading, Para, Table
from govmodel.report.l10n import L10n


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


#: The engine's reasons (govmodel.analysis.control), rebuilt here from the outcome in the
#: reader's language: (prefix of the engine's sentence, the sentence for the reader).
REASONS = (
    (
        "a minority right",
        N_("a minority right is exercised by the minority alone; there is nothing to block"),
    ),
    ("cycle", N_("the decision depends on itself through a cycle of recommendations")),
    (
        "it can block the recommendation",
        N_("it can block the recommendation the decision depends on"),
    ),
    ("it can force a binding", N_("it can force a binding recommendation that decides the matter")),
    (
        "its votes suffice",
        N_(
            "its votes suffice, but a recommendation the decision needs (adopt or return) is not in its hands"
        ),
    ),
)
# Alike in shape only: the sentences of a coalition's outcome, not another module's texts.
FORCE_YES = N_("the voters it commands ({who}) meet the rule: {rule}")
FORCE_NO = N_("the voters it commands ({who}) fall short of the rule: {rule}")
NO_VOTERS = N_("it commands no voter here; the rule: {rule}")
BLOCK_YES = N_(
    "if the voters it commands ({who}) vote no, the others fall short of the rule: {rule}"
)
BLOCK_NO = N_("the others meet the rule without it: {rule}")


def outcome_reason(t: L10n, model: Model, out: Outcome) -> str:
    """Why the coalition can or cannot force (block) the decision, as a sentence."""
    for prefix, text in REASONS:
        if out.reason.startswith(prefix):
            return t(text)
    rule = model.decision(out.organ, out.decision).rule.describe(t.lang)
    if out.kind == "force":
        if not out.controlled:
            return t(NO_VOTERS).format(rule=rule)
        who = _shown(t, [pid for pid, _ in out.controlled])
        return t(FORCE_YES if out.possible else FORCE_NO).format(who=who, rule=rule)
    if out.possible:
        who = _shown(t, [pid for pid, _ in out.controlled])
        return t(BLOCK_YES).format(who=who, rule=rule)
    return t(BLOCK_NO).format(rule=rule)


def _shown(t: L10n, ids: list[str], limit: int = 5) -> str:
    names = list(dict.fromkeys(t.name(collapse_regional(i)) for i in ids))
    more = len(names) - limit
    return ", ".join(names[:limit]) + (f" … (+{more})" if more > 0 else "")


def outcome_lines(t: L10n, model: Model, out: Outcome) -> list[str]:
    """The reason, the voters the coalition commands and the chains it reaches them by, the
    recommendations the decision depends on and the links that are not firm."""
    lines = [outcome_reason(t, model, out)]
    direct = [pid for pid, ch in out.controlled if not ch.steps]
    indirect = [(pid, ch) for pid, ch in out.controlled if ch.steps]
    if direct:
        lines.append(t("its own votes or seats: {who}").format(who=_shown(t, direct, 6)))
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
                    reason=outcome_reason(t, model, sub),
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
                    rule=d.rule.describe(lang), source=t.source(d.provenance)
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


def outcome_json(out: Outcome) -> JsonObject:
    return {
        "possible": out.possible,
        "applicable": out.applicable,
        "level": out.level,
        "reason": out.reason,
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
    model: Model, members: list[str], results: list[DecisionControl], direct: bool
) -> JsonObject:
    return {
        "model": {"id": model.id, "name": model.name},
        "coalition": members,
        "direct_only": direct,
        "decisions": [
            {
                "organ": r.organ,
                "decision": r.decision,
                "force": outcome_json(r.force),
                "block": outcome_json(r.block),
            }
            for r in results
        ],
    }
