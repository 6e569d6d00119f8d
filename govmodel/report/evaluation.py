"""The content of the evaluation report (``govmodel evaluate``), built as a memo.

1. The first page: the question, the answer (the overall verdicts, the verdict of each
   criterion), the three to five things the answer rests on and what would change it.
2. Each criterion with its reasoning, the elements it is graded on, what it is conditional on and
   its sources, cited from the registry.
3. Representation in each body, who can pass and who can block each decision, the rules the study
   cites checked against the statute, what would change the verdicts (only real flips, in
   sentences).
4. Appendix: every contracting authority (:mod:`govmodel.report.authorities`), the sources used
   and the receipt (:mod:`govmodel.report.receipt`).

Every name is the model's name in the report's language (ids only with ``ids=True``); every
term comes from the glossary, so a grade or a link strength reads the same in every section.

Why this module is long (about 680 lines): it is one document, the memo, whose sections share
the same wording helpers (a criterion's short name, what a verdict rests on, a flip as a
sentence) so that the first page and the body say a thing the same way; the document model,
the writers, the appendix of authorities, the JSON form and the receipt are already modules of
their own. The part that would move out first is section 3 (representation, decisions, statute
checks, sensitivity), together with the helpers it shares with the first page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from govmodel.analysis.coverage import LINK_KINDS
from govmodel.analysis.criteria import Basis, Element, Evaluation, StatuteCheck, Verdict
from govmodel.analysis.sensitivity import Finding
from govmodel.i18n import N_
from govmodel.i18n import format as fmt
from govmodel.i18n.glossary import CRITERIA
from govmodel.law.readings import load_readings
from govmodel.power.structure import DecisionStructure
from govmodel.report.authorities import authority_blocks
from govmodel.report.document import Block, Bullets, Cell, Doc, Heading, PageBreak, Para, Table
from govmodel.report.l10n import L10n, rule_text  # rule_text is defined there, re-exported
from govmodel.report.names import collapse
from govmodel.report.receipt import Receipt, receipt
from govmodel.report.unverified import (
    cite_marked,
    rule_mark,
    unverified_blocks,
    unverified_by_decision,
)

_BASIS_ORDER = (
    "interpretation",
    "reading",
    "recommendation",
    "relation",
    "turnout",
    "projection",
    "assumption",
    "clause",
    "form",
)
_PARTS = (
    "control_single",
    "joint_control_representation",
    "joint_control_influence",
    "no_contrary_interests",
    "indirect_control",
)


def short_name(t: L10n, cid: str) -> str:
    return t(CRITERIA[cid]) if cid in CRITERIA else cid


def short_section(section: str, lang: str = "nb") -> str:
    """``§ 3-2 (2) a`` from ``anskaffelsesforskriften § 3-2 (2) a``; the first of a list; in
    English words for ``en`` (``annet punktum`` → ``2nd sentence``)."""
    text = section.replace("anskaffelsesforskriften ", "")
    text = text.replace(" annet punktum", " 2. pkt." if lang == "nb" else " 2nd sentence")
    for sep in (",", " og "):
        if sep in text:
            text = text.split(sep)[0] + " …"
    return text


def verdict_name(t: L10n, v: Verdict) -> str:
    return v.name.get(t.lang) or v.name.get("en") or short_name(t, v.id)


# -- what a verdict rests on ------------------------------------------------------------------


def basis_subject(t: L10n, b: Basis) -> str:
    """What a basis is about, named: an element key (``organ.decision``, ``stake:ks``,
    ``indirect_control:ks``) as the reader knows it."""
    if b.kind in ("reading", "open_reading"):
        from govmodel.law.readings import load_readings

        reading = load_readings().get(b.ref)
        if reading is not None:
            return reading.name.get(t.lang) or reading.name.get("en") or b.ref
    ref = collapse(b.ref)
    if ":" in ref:
        head, rest = ref.split(":", 1)
        if head in ("turnout", "diffuse", "indirect_control", "stake", "holder"):
            return t.name(rest)
        return t.name(rest)
    return t.name(ref)


def basis_line(t: L10n, b: Basis, count: int = 1, subject: str | None = None) -> str:
    """One thing a verdict rests on: its kind (or a link's strength), what it is about
    (``subject`` instead of the basis's own, e.g. several that share one text) and its text."""
    label = t.term(b.kind)
    if b.kind == "relation":
        label = t("{strength} link").format(strength=t.term(b.link or "firm"))
    subject = subject if subject is not None else basis_subject(t, b)
    times = f" (×{count})" if count > 1 else ""
    line = f"{label}: {subject}{times}"
    if b.text and b.kind not in ("relation", "recommendation", "data"):
        text = b.text
        if b.kind in ("interpretation", "projection", "turnout"):
            text = t(str(text)) if not hasattr(text, "en") else t.text(text)
            text = t.plain(text)
        else:
            text = t.text(text)
        line += f" — {text}"
    return line


def bases_lines(t: L10n, bases: Iterable[Basis], only_conditional: bool = False) -> list[str]:
    """What a verdict rests on, one line per kind and subject; per-fylke ids counted (×15)."""
    groups: dict[tuple[str, str, str], tuple[Basis, int]] = {}
    for b in bases:
        if b.kind == "data":
            continue
        if only_conditional and not b.conditional:
            continue
        key = (b.kind, collapse(b.ref), b.link)
        first, n = groups.get(key, (b, 0))
        groups[key] = (first, n + 1)
    order = {k: i for i, k in enumerate(_BASIS_ORDER)}
    items = sorted(groups.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1]))
    return [basis_line(t, b, n) for _, (b, n) in items]


def key_points(t: L10n, ev: Evaluation, limit: int = 5) -> list[str]:
    """The things the overall answer rests on most: the conditional bases shared by the most
    criteria (at most ``limit``)."""
    uses: dict[tuple[str, str, str], tuple[Basis, set[str]]] = {}
    for v in ev.criteria:
        for b in v.rests_on:
            if b.kind == "data" or not b.conditional:
                continue
            key = (b.kind, collapse(b.ref), b.link)
            first, crits = uses.get(key, (b, set()))
            crits.add(v.id)
            uses[key] = (first, crits)
    # one point for bases of one kind that say the same thing about several elements (the
    # turnover of three years, assumed alike): the answer rests on that one assumption
    merged: dict[tuple[str, str, str], tuple[Basis, list[str], set[str]]] = {}
    for (kind, ref, link), (b, crits) in uses.items():
        text = str(b.text or "")
        key = (kind, text, link or "") if text else (kind, ref, link or "")
        first, subjects, all_crits = merged.get(key, (b, [], set()))
        subjects.append(basis_subject(t, b))
        merged[key] = (first, subjects, all_crits | crits)
    order = {k: i for i, k in enumerate(_BASIS_ORDER)}
    ranked = sorted(
        merged.values(),
        key=lambda v: (-len(v[2]), order.get(v[0].kind, 9), collapse(v[0].ref)),
    )
    out = []
    crit_order = {c: i for i, c in enumerate(_PARTS + ("activity", "no_private_capital"))}
    for b, subjects, crits in ranked[:limit]:
        names = ", ".join(
            short_name(t, c) for c in sorted(crits, key=lambda c: crit_order.get(c, 99))
        )
        subject = ", ".join(dict.fromkeys(subjects))
        out.append(
            t("{basis} (for: {criteria})").format(
                basis=basis_line(t, b, subject=subject), criteria=names
            )
        )
    return out


# -- first page -------------------------------------------------------------------------------


def summary_table(t: L10n, ev: Evaluation) -> Table:
    """The verdicts at a glance: control, its parts (indented), activity and private capital
    with their sections, and the overall in-house verdict; the two overall rows in bold."""
    by_id = {v.id: v for v in ev.criteria + ev.summary}
    order = ("control", *_PARTS, "activity", "no_private_capital", "in_house")
    rows = []
    for cid in (c for c in order if c in by_id):
        v = by_id[cid]
        overall = cid in ("control", "in_house")
        rows.append(
            (
                Cell(short_name(t, cid), strong=overall, indent=1 if cid in _PARTS else 0),
                Cell("" if overall else short_section(v.section, t.lang)),
                Cell(t.grade(v.verdict), v.verdict, overall),
            )
        )
    return Table((t("criterion"), t("section"), t("verdict")), tuple(rows))


def flip_sentences(
    t: L10n, findings: Sequence[Finding] | None, limit: int | None = None
) -> list[str]:
    """Each change that flips a criterion's verdict, as a sentence."""
    out: list[str] = []
    for f in findings or ():
        if f.error is not None:
            continue
        flips = [e for e in f.effects if e.kind == "flip" and e.element is None]
        if not flips:
            continue
        what = "; ".join(
            t("{criterion} would be {after} instead of {before}").format(
                criterion=short_name(t, e.criterion),
                after=t.grade(e.after),
                before=t.grade(e.before),
            )
            for e in flips
        )
        change = t.msg(f.change.label)
        if f.threshold is not None:
            change += f" ({t.msg(f.threshold)})"
        out.append(t("If {change}: {what}.").format(change=change, what=what))
    return out[:limit] if limit else out


def first_page(t: L10n, ev: Evaluation) -> list[Block]:
    m = ev.model
    company = t.text(m.company.name)
    out: list[Block] = [Heading(t("The question"), 2)]
    if not m.has_company:  # a council or an assembly: nothing to award contracts to
        out.append(
            Para(
                t(
                    "“{model}” has no company: it is a body of organs only. The in-house "
                    "criteria (anskaffelsesforskriften §§ 3-1 to 3-4) concern a supplier company "
                    "and do not apply; who can pass and who can block each decision follows."
                ).format(model=t.text(m.name))
            )
        )
        if m.provenance.source or m.provenance.assumption:
            # a body's figures (a council's populations, say) are the model's own data: say
            # where they come from and what was assumed, since no criterion cites them
            out.append(
                Para(t("The model rests on: {source}.").format(source=t.source(m.provenance)))
            )
        return out + unverified_blocks(t, m, ev.criteria)
    out.append(
        Para(
            t(
                "Can the {n} contracting authorities award contracts to {company} without "
                "competition as utvidet egenregi (anskaffelsesforskriften §§ 3-1 to 3-4) when it "
                "is organised as in “{model}”?"
            ).format(n=len(ev.authorities), company=company, model=t.text(m.name))
        )
    )
    out.append(Heading(t("The answer"), 2))
    by_id = {v.id: v for v in ev.summary}
    if "in_house" in by_id:
        v = by_id["in_house"]
        out.append(
            Para(
                t("Utvidet egenregi: {grade}. Kontrollkriteriet: {control}.").format(
                    grade=t.grade(v.verdict),
                    control=t.grade(by_id["control"].verdict) if "control" in by_id else "–",
                ),
                grade=v.verdict,
            )
        )
    out.append(summary_table(t, ev))
    out.extend(
        unverified_blocks(t, m, ev.criteria)
    )  # before the reasons: the answer depends on these rules
    out.append(
        Para(
            t("To rank this model against others, run govmodel compare with both model files."),
            small=True,
        )
    )
    points = key_points(t, ev)
    if points:
        out.append(Heading(t("What the answer rests on"), 3))
        out.append(Bullets(tuple(points)))
    out.append(Heading(t("What would change it"), 3))
    if ev.sensitivity is None:
        out.append(Para(t("Not computed (the report was made without the sensitivity analysis).")))
    else:
        flips = flip_sentences(t, ev.sensitivity, limit=5)
        out.append(
            Bullets(tuple(flips))
            if flips
            else Para(t("None of the changes tried flips a criterion's verdict."))
        )
    out.append(
        Para(
            t(
                "Grades: satisfied (directly) · satisfied indirectly (through firm links) · "
                "conditional (rests on an agreement, a proxy, an adopt-or-return recommendation, "
                "turnout, an assumption in the model or an open reading of the law) · unknown "
                "(data missing) · not satisfied."
            ),
            small=True,
        )
    )
    if ev.not_applicable:
        out.append(
            Para(
                t("Not applicable: {items}").format(
                    items="; ".join(
                        f"{short_name(t, cid)} ({t.msg(why)})" for cid, why in ev.not_applicable
                    )
                ),
                small=True,
            )
        )
    out.append(PageBreak())
    return out


# -- the criteria -------------------------------------------------------------------------------


#: The engine's keys for elements that are aspects of a criterion rather than parts of the
#: model (participation: the capital, the bodies, the decisions, the power of the vote).
ELEMENTS = {
    "capital": N_("stake in the capital"),
    "bodies": N_("decision-making bodies"),
    "decisions": N_("strategic decisions"),
    "power": N_("voting power"),
    "form": N_("company form"),
    "articles": N_("articles (vedtekter)"),
}


def element_name(t: L10n, key: str) -> str:
    """An element key as the reader knows it: ``organ.decision`` → the decision's name,
    ``stake:ks`` → KS, ``2019`` → 2019, ``capital`` → stake in the capital."""
    if ":" in key:
        return t.name(key.split(":", 1)[1])
    if key in ELEMENTS:
        return t(ELEMENTS[key])
    return t.name(key)


def _others(t: L10n, e: Element) -> str:
    alone = []
    refs = {x.ref for x in e.rests_on}
    for b in e.rests_on:
        if b.kind == "data" and b.ref.startswith("passes_alone:"):
            alone.append(t("{who} passes it alone").format(who=t.name(b.ref.split(":", 1)[1])))
        elif b.kind == "data" and b.ref.startswith("blocks_alone:"):
            who = b.ref.split(":", 1)[1]
            if f"passes_alone:{who}" not in refs:
                alone.append(t("{who} blocks it alone").format(who=t.name(who)))
    return ", ".join(alone) or "–"


def _route(t: L10n, route: str | None) -> str:
    return {"direct": t("own votes"), "chain": t("through links"), "none": t("no")}.get(
        route or "", t.term(route) if route else "–"
    )


def criterion_blocks(t: L10n, v: Verdict) -> list[Block]:
    out: list[Block] = [
        Heading(f"{verdict_name(t, v)} — {t.grade(v.verdict)}", 3),
        Para(t.cite(v.section) or v.section, small=True),
        Bullets(tuple(t.msg(m) for m in v.reasoning)),
    ]
    decisions = v.id in ("joint_control_influence", "control_single") and any(
        "." in e.key for e in v.elements
    )
    if decisions:
        out.append(
            Table(
                (t("decision"), t("verdict"), t("they pass it"), t("others")),
                tuple(
                    (
                        Cell(element_name(t, e.key)),
                        Cell(t.grade(e.verdict), e.verdict),
                        Cell(_route(t, e.route)),
                        Cell(_others(t, e)),
                    )
                    for e in v.elements
                ),
                wide=(3,),
            )
        )
        grouped: dict[str, list[str]] = {}
        for e in v.elements:
            if e.verdict == "satisfied":
                continue
            text = "; ".join(t.msg(m) for m in e.reasoning)
            grouped.setdefault(text, []).append(element_name(t, e.key))
        if grouped:
            out.append(
                Bullets(tuple(f"{', '.join(keys)}: {text}" for text, keys in grouped.items()))
            )
    elif v.elements:
        out.append(
            Table(
                (t("element"), t("verdict"), t("reasoning")),
                tuple(
                    (
                        Cell(element_name(t, e.key)),
                        Cell(t.grade(e.verdict), e.verdict),
                        Cell("; ".join(t.msg(m) for m in e.reasoning)),
                    )
                    for e in v.elements
                ),
                wide=(2,),
            )
        )
    rests = bases_lines(t, v.rests_on, only_conditional=True)
    if rests:
        out.append(
            Para(t("It is conditional on:") if v.verdict == "conditional" else t("It rests on:"))
        )
        out.append(Bullets(tuple(rests)))
    cited = cite_marked(t, v.sources)  # a section not read in the statute says so
    if cited:
        out.append(Para(t("Sources: {sources}").format(sources=cited), small=True))
    return out


# -- representation, decisions, statute checks, sensitivity ------------------------------------


def coverage_blocks(t: L10n, ev: Evaluation) -> list[Block]:
    out: list[Block] = [Heading(t("Representation: every authority in every body"), 2)]
    kinds = [k for k in LINK_KINDS if any(b.counts()[k] for b in ev.coverage.bodies)]
    rows = []
    for bc in ev.coverage.bodies:
        counts = bc.counts()
        rows.append(
            (Cell(t.name(bc.body)),)
            + tuple(Cell(t.number(counts[k]) if counts[k] else "–") for k in kinds)
        )
    out.append(Table((t("body"),) + tuple(t.term(k) for k in kinds), tuple(rows)))
    examples = []
    for bc in ev.coverage.bodies:
        seen: set[str] = set()
        for c in bc.cells:
            if c.link in seen or c.link == "none":
                continue
            seen.add(c.link)
            route = t.namer.route(c.hops) if t.namer else c.hops
            examples.append(f"{t.name(bc.body)}, {t.term(c.link)}: {route}")
    if examples:
        out.append(Para(t("How an authority reaches each body (one example per body and kind):")))
        out.append(Bullets(tuple(examples)))
    out.append(
        Para(
            t(
                "direct: the authority is itself a shareholder or seat holder; chain: it reaches a "
                "seat through firm elections by its own constituency; contractual and revocable: "
                "through an agreement or a proxy; diffuse: only through a body elected by all "
                "authorities together; none: not at all."
            ),
            small=True,
        )
    )
    return out


def coalitions_text(t: L10n, coalitions: Sequence[Sequence[str]], limit: int = 6) -> str:
    parts = [" + ".join(t.name(x) for x in c) for c in coalitions[:limit]]
    if len(coalitions) > limit:
        parts.append(f"… (+{len(coalitions) - limit})")
    return " | ".join(parts) or "–"


def pass_route(t: L10n, ds: DecisionStructure) -> str:
    """How the authorities pass a decision, in the words and by the classification the
    criteria use (:func:`govmodel.analysis.routes.pass_route`): "own votes", else "through
    links" with the strength of the weakest link, else "no"."""
    if ds.authorities_can_force is None or ds.authorities_pass_route is None:
        return t("no")
    if ds.authorities_pass_route == "direct":
        return t("own votes")
    return t("{route} ({strength})").format(
        route=t("through links"), strength=t.term(ds.authorities_can_force)
    )


def decisions_blocks(t: L10n, ev: Evaluation) -> list[Block]:
    if not ev.decisions:
        return []
    rows = []
    unverified = unverified_by_decision(ev.model)
    for ds in ev.decisions:
        d = ev.model.decision(ds.organ, ds.decision)
        mark = f" {rule_mark(t)}" if (ds.organ, ds.decision) in unverified else ""
        rows.append(
            (
                Cell(t.name(f"{ds.organ}.{ds.decision}")),
                Cell(rule_text(t, d.rule) + mark),
                Cell(pass_route(t, ds)),
                Cell(coalitions_text(t, ds.minimal_blocking)),
                Cell(coalitions_text(t, ds.minimal_blocking_direct)),
            )
        )
    return [
        Heading(t("Who can pass and who can block"), 2),
        Table(
            (
                t("decision"),
                t("rule"),
                t("the authorities pass it"),
                t("blocking (with links)"),
                t("blocking (own votes)"),
            ),
            tuple(rows),
            text_as_list=True,
        ),
        Para(
            t(
                "“the authorities pass it”: with their own votes, or through links (in brackets "
                "the strength of the weakest link: firm, periodic, contractual or revocable); "
                "“no”: they cannot. A recommendation the organ must adopt or send back counts "
                "as their own when it comes from a body they control: a safeguard, not a link."
            ),
            small=True,
        ),  # with many owners the lists are partial: say exactly what was listed
        *[
            Para(
                f"{t.name(f'{ds.organ}.{ds.decision}')}: {ds.summary.describe(t.lang)}",
                small=True,
            )
            for ds in ev.decisions
            if ds.summary is not None
        ],
    ]


def statute_lines(t: L10n, checks: Iterable[StatuteCheck]) -> list[str]:
    out = []
    for c in checks:
        decision = t.name(f"{c.organ}.{c.decision}")
        source = t.cite(c.source) or c.source
        section = t.cite(c.section) or c.section
        if c.agrees:
            out.append(
                t("{decision}: {source} agrees with {section} ({rule})").format(
                    decision=decision,
                    source=source,
                    section=section,
                    rule=c.law_rule.describe(t.lang),
                )
            )
        else:
            out.append(
                t(
                    "{decision}: {source} says {cited}; {section} says {rule}. The model uses the "
                    "statute."
                ).format(
                    decision=decision,
                    source=source,
                    cited=c.cited_rule.describe(t.lang),
                    section=section,
                    rule=c.law_rule.describe(t.lang),
                )
            )
    return out


def sensitivity_blocks(t: L10n, findings: Sequence[Finding]) -> list[Block]:
    """Only the changes that flip a verdict, in sentences; the rest named in one line."""
    out: list[Block] = [Heading(t("What would change the verdicts"), 2)]
    flips = flip_sentences(t, findings)
    element_flips = []
    quiet = []
    for f in findings:
        head = t.msg(f.change.label)
        if f.error is not None:
            continue
        if any(e.kind == "flip" and e.element is None for e in f.effects):
            continue
        parts = [
            t("{element} in {criterion} would be {after} instead of {before}").format(
                element=element_name(t, e.element),
                criterion=short_name(t, e.criterion),
                after=t.grade(e.after),
                before=t.grade(e.before),
            )
            for e in f.effects
            if e.kind == "flip" and e.element is not None
        ]
        if parts:
            element_flips.append(
                t("If {change}: {what}.").format(change=head, what="; ".join(parts))
            )
        else:
            quiet.append(head)
    if flips:
        out.append(Bullets(tuple(flips)))
    else:
        out.append(Para(t("None of the changes tried flips a criterion's verdict.")))
    if element_flips:
        out.append(Para(t("Changes that flip a part of a criterion but not its verdict:")))
        out.append(Bullets(tuple(element_flips)))
    if quiet:
        out.append(
            Para(
                t("No verdict changes with: {changes}.").format(changes="; ".join(quiet)),
                small=True,
            )
        )
    return out


# -- end matter ---------------------------------------------------------------------------------


def sources_blocks(t: L10n) -> list[Block]:
    entries = t.citations.entries()
    if not entries:
        return []
    return [
        Heading(t("Sources"), 2),
        Bullets(tuple(s.full(t.lang) for s in entries)),
    ]


def receipt_blocks(t: L10n, rc: Receipt) -> list[Block]:
    catalogue = load_readings()
    lines = [
        t("Tool: govmodel {version}").format(version=rc.version),
        t("Date: {date}").format(date=fmt.date(rc.date, t.lang)),
        t("Scenario: {scenario}").format(scenario=rc.scenario)
        if rc.scenario
        else t("Scenario: none"),
    ]
    for rid, value, default in rc.readings:
        r = catalogue.get(rid)
        if r is None:
            continue
        text = r.alternative(value).text[t.lang]
        mark = t("default") if default else t("chosen")
        lines.append(
            t("Reading “{name}”: {text} ({mark})").format(name=r.name[t.lang], text=text, mark=mark)
        )
    rows = tuple((Cell(p), Cell(h)) for p, h in rc.files)
    return [
        Heading(t("Receipt"), 2),
        Para(t("What exactly was evaluated, so that the result can be cited and reproduced.")),
        Bullets(tuple(lines)),
        Table((t("file"), "SHA-256"), rows),
    ]


def evaluation_doc(
    ev: Evaluation,
    lang: str,
    *,
    ids: bool = False,
    date: datetime.date | None = None,
    authorities: bool = True,
) -> Doc:
    """The evaluation report of ``ev`` in ``lang`` (``ids``: show ids after names; ``date``: the
    receipt's date, default 1 January 1970 for a document without one)."""
    t = L10n(lang, ev.model, ids=ids)
    day = date or datetime.date(1970, 1, 1)
    # a body of organs without a company: the in-house criteria do not apply, so the title
    # names what the report answers instead
    title = (
        t("Utvidet egenregi: {name}")
        if ev.model.has_company
        else t("Who can pass and who can block: {name}")
    )
    doc = Doc(title.format(name=t.text(ev.model.name)), lang, date=day)
    doc.add(*first_page(t, ev))
    checks = list(ev.statute_checks)
    if checks:
        doc.add(Heading(t("Rules cited from the study, checked against the statute"), 2))
        doc.add(Bullets(tuple(statute_lines(t, checks))))
    if ev.model.has_company:
        doc.add(Heading(t("The criteria"), 2))
        for v in ev.criteria:
            doc.add(*criterion_blocks(t, v))
        doc.add(*coverage_blocks(t, ev))
    doc.add(*decisions_blocks(t, ev))
    if ev.sensitivity is not None:
        doc.add(*sensitivity_blocks(t, ev.sensitivity))
    if authorities:
        doc.add(PageBreak(), *authority_blocks(t, ev))
    for source in ev.model.provenance.source, ev.model.population_source:
        if source and not str(source).startswith("builtin:"):
            t.cite(source)
    if ev.model.population_source.startswith("builtin:") and any(
        ev.model.actors[a].population is not None for a in ev.authorities
    ):  # the built-in figures are cited only where an authority's population comes from them
        t.cite("SSB kommuner 2024")
    doc.add(*sources_blocks(t))
    doc.add(*receipt_blocks(t, receipt([ev.model], day)))
    return doc


_MARKS = (N_("yes"), N_("no"))

__all__ = [
    "bases_lines",
    "criterion_blocks",
    "evaluation_doc",
    "key_points",
    "short_name",
    "statute_lines",
    "summary_table",
]
