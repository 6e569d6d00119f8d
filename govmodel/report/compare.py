"""Side-by-side comparison of models: how they differ on control.

The first page is a memo's: the question, the answer (each model's overall verdicts, the
verdict of each criterion side by side and the ranking of the models with the reason for each
place), the things each answer rests on most and the changes that would flip a verdict. Then
the differences in representation, in who passes and who blocks the strategic decisions, and in
what the verdicts rest on. Organs, documents, thresholds, blocking minorities, voting power
(:mod:`govmodel.report.power_text`) and the statute checks follow. Rows where the models differ
are marked (``≠`` in text, bold in Markdown, highlighted in HTML).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from govmodel.analysis.criteria import (
    CONTROL_PARTS,
    CRITERIA_ORDER,
    Evaluation,
    Verdict,
    strategic_decisions,
)
from govmodel.i18n import N_
from govmodel.i18n import format as fmt
from govmodel.i18n.glossary import CRITERIA as SHORT_NAMES
from govmodel.jsonvalue import JsonObject
from govmodel.regions import collapse_regional
from govmodel.report.document import (
    Block,
    Bullets,
    Cell,
    Doc,
    Heading,
    PageBreak,
    Para,
    Table,
)
from govmodel.report.evaluation import (
    bases_lines,
    flip_sentences,
    key_points,
    short_name,
    sources_blocks,
    statute_lines,
)
from govmodel.report.evaluation_json import evaluation_json
from govmodel.report.l10n import L10n
from govmodel.report.power_text import (
    POWER_EXPLAINED,
    PowerSummary,
    power_explained,
    power_summary,
)
from govmodel.report.unverified import rule_mark, unverified_by_decision


def coalition_text(coalitions, limit: int = 6, name: Callable[[str], str] = str) -> str:
    """Coalitions as ``a + b | c``, each member named with ``name`` (ids by default)."""
    parts = [" + ".join(name(x) for x in c) for c in coalitions[:limit]]
    if len(coalitions) > limit:
        parts.append(f"… (+{len(coalitions) - limit})")
    return " | ".join(parts) or "–"


DIFF = "≠"


def letters(n: int) -> list[str]:
    return [chr(ord("A") + i) if i < 26 else f"M{i + 1}" for i in range(n)]


def _count_bases(v: Verdict) -> dict[str, int]:
    """Conditional bases by kind, per-fylke elements counted once."""
    kinds: dict[str, set[str]] = {}
    for b in v.rests_on:
        if not b.conditional:
            continue
        key = b.kind if b.kind != "relation" else b.link
        kinds.setdefault(key, set()).add(collapse_regional(b.ref))
    return {k: len(v) for k, v in sorted(kinds.items())}


def owners_text(model, lang: str = "en", name: Callable[[str], str] = str) -> str:
    """Each owner block with its share of the capital (``name`` turns a holder id into text)."""
    cap = model.company.share_capital or 1
    parts = []
    for b in model.company.blocks:
        parts.append(f"{name(b.holder)} {fmt.percent(Fraction(b.shares, cap), lang)}")
    return ", ".join(parts) or "–"


def _alone(v: Verdict | None, what: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if v is None:
        return out
    for e in v.elements:
        for b in e.rests_on:
            if b.kind == "data" and b.ref.startswith(f"{what}_alone:"):
                out.setdefault(b.ref.split(":", 1)[1], []).append(e.key)
    return out


def _influence(ev: Evaluation) -> Verdict | None:
    for cid in ("joint_control_influence", "control_single"):
        if ev.has(cid):
            return ev.criterion(cid)
    return None


# -- the document -----------------------------------------------------------------------------


def question(t: L10n, evals: Sequence[Evaluation]) -> str:
    """The question the comparison answers, for the company of the first model."""
    company = t.text(evals[0].model.company.name) if evals else ""
    return t(
        "Which of the models lets the contracting authorities award contracts to {company} "
        "without competition as utvidet egenregi (anskaffelsesforskriften §§ 3-1 to 3-4), and "
        "which is the safest?"
    ).format(company=company)


def ranking_blocks(t: L10n, tags: Sequence[str], evals: Sequence[Evaluation]) -> list[Block]:
    """The models ranked on the in-house question, safest first, each with the reason for its
    place (:func:`govmodel.analysis.criteria.ranking.rank`: verdict, weakest route, own routes
    into the strategic decisions, readings, assumptions)."""
    from govmodel.analysis.criteria.ranking import rank

    tag_of = {ev.model.id: tag for tag, ev in zip(tags, evals, strict=True)}
    items = tuple(
        t("{rank}. {model} ({name}): {reason}").format(
            rank=r.rank,
            model=tag_of.get(r.model, ""),
            name=t.text(r.profile.name),
            reason=t.msg(r.reason),
        )
        for r in rank(evals)
    )
    return [Heading(t("Ranking on the in-house question (1 = safest)"), 3), Bullets(items)]


def rests_and_changes(
    t: L10n, tags: Sequence[str], evals: Sequence[Evaluation], ts: Sequence[L10n]
) -> list[Block]:
    """For each model, the three things its answer rests on most and the changes that would
    flip a verdict (when the sensitivity analysis was run)."""
    out: list[Block] = [Heading(t("What the answer rests on"), 3)]
    points = []
    for tag, ev, tm in zip(tags, evals, ts, strict=True):
        for p in key_points(tm, ev, limit=3) or [t("nothing conditional")]:
            points.append(f"{tag}: {p}")
    out.append(Bullets(tuple(points)))
    if all(ev.sensitivity is None for ev in evals):
        return out
    out.append(Heading(t("What would change it"), 3))
    flips = []
    for tag, ev, tm in zip(tags, evals, ts, strict=True):
        if ev.sensitivity is None:
            flips.append(f"{tag}: " + t("not computed"))
            continue
        for f in flip_sentences(tm, ev.sensitivity, limit=3):
            flips.append(f"{tag}: {f}")
    out.append(
        Bullets(tuple(flips))
        if flips
        else Para(t("None of the changes tried flips a criterion's verdict."))
    )
    return out


def _row(
    label: str,
    values: Sequence[str],
    grades: Sequence[str | None] | None = None,
    strong: bool = False,
    indent: int = 0,
) -> tuple[Cell, ...]:
    differs = len(set(values)) > 1
    cells = [Cell(label, strong=strong, indent=indent)]
    for i, v in enumerate(values):
        cells.append(Cell(v, grades[i] if grades else None, strong))
    cells.append(Cell(DIFF if differs else ""))
    return tuple(cells)


def compare_doc(
    evals: Sequence[Evaluation],
    lang: str,
    powers: Sequence[PowerSummary | None] | None = None,
    ids: bool = False,
) -> Doc:
    """The comparison of ``evals`` in ``lang``: every element by its name in the report's
    language (with ``ids``, each name followed by its id in brackets)."""
    t = L10n(lang)
    # one language object per model (names come from each model); one list of sources
    ts = [L10n(lang, ev.model, ids=ids) for ev in evals]
    for other in ts[1:]:
        other.citations = ts[0].citations
    tags = letters(len(evals))

    def name(key: str) -> str:
        """The name of ``key`` in the first model that has it."""
        for tm in ts:
            if tm.namer is not None and tm.namer.known(key):
                return tm.name(key)
        return ts[0].name(key) if ts else key

    title = t("Kontrollkriteriet: {models}").format(models=" vs ".join(tags))
    doc = Doc(title, lang)
    doc.add(
        Bullets(
            tuple(
                f"{tag} = {tm.text(ev.model.name)}"
                + (f" [{ev.model.id}]" if ids else "")
                + (f" ({t('scenario')}: {tm.text(ev.model.scenario)})" if ev.model.scenario else "")
                for tag, ev, tm in zip(tags, evals, ts, strict=True)
            )
        )
    )

    # 1. the first page: the question, the answer (verdicts, ranking), what it rests on, what
    # would change it
    doc.add(Heading(t("The question"), 2))
    doc.add(Para(question(t, evals)))
    doc.add(Heading(t("The answer"), 2))
    for tag, ev in zip(tags, evals, strict=True):
        if ev.has("in_house"):
            v = ev.criterion("in_house")
            doc.add(
                Para(
                    f"{tag}: "
                    + t("Utvidet egenregi: {grade}. Kontrollkriteriet: {control}.").format(
                        grade=t.grade(v.verdict),
                        control=t.grade(ev.criterion("control").verdict)
                        if ev.has("control")
                        else "–",
                    ),
                    grade=v.verdict,
                )
            )
    rows = []
    cids = ["control"]
    for cid in (*CRITERIA_ORDER, "in_house"):
        if any(ev.has(cid) for ev in evals):
            cids.append(cid)
    for cid in cids:
        grades = [ev.criterion(cid).verdict if ev.has(cid) else "unknown" for ev in evals]
        indent = 1 if cid in CONTROL_PARTS else 0
        rows.append(
            _row(
                short_name(t, cid),
                [t.grade(g) if ev.has(cid) else "–" for g, ev in zip(grades, evals, strict=True)],
                grades,
                strong=cid in ("control", "in_house"),
                indent=indent,
            )
        )
    reverse = {ev.model.id: ev.reverse for ev in evals if ev.reverse is not None}
    if reverse:
        rgrades = [
            reverse[ev.model.id].verdict if ev.model.id in reverse else "unknown" for ev in evals
        ]
        rows.append(_row(short_name(t, "reverse_in_house"), [t.grade(g) for g in rgrades], rgrades))
    doc.add(Table((t("criterion"), *tags, ""), tuple(rows)))
    doc.add(*ranking_blocks(t, tags, evals))
    doc.add(*rests_and_changes(t, tags, evals, ts))
    doc.add(PageBreak())

    # 2. the differences in control, in words
    doc.add(Heading(t("How they differ on control"), 2))
    items: list[str] = [
        t("owners: {parts}").format(
            parts="; ".join(
                f"{tag}: {owners_text(ev.model, t.lang, tm.name)}"
                for tag, ev, tm in zip(tags, evals, ts, strict=True)
            )
        )
    ]
    bodies = list(dict.fromkeys(b for ev in evals for b in ev.bodies))
    for body in bodies:
        parts = []
        for tag, ev, tm in zip(tags, evals, ts, strict=True):
            if body not in ev.bodies:
                parts.append(f"{tag}: –")
                continue
            bc = ev.coverage.body(body)
            counts = {k: n for k, n in bc.counts().items() if n}
            text = ", ".join(f"{tm.number(n)} {t.kind(k)}" for k, n in counts.items())
            example = next((c for c in bc.cells if c.link == bc.weakest() and c.hops), None)
            if example is not None and tm.namer is not None:
                text += " " + t("(for example: {route})").format(route=tm.namer.route(example.hops))
            parts.append(f"{tag}: {text}")
        items.append(
            t("{body} — authorities represented: {parts}").format(
                body=name(body), parts="; ".join(parts)
            )
        )
    own = []
    for tag, ev, tm in zip(tags, evals, ts, strict=True):
        inf = _influence(ev)
        if inf is None:
            own.append(f"{tag}: –")
            continue
        direct = [tm.name(e.key) for e in inf.elements if e.route == "direct"]
        n = len([e for e in inf.elements if "." in e.key])
        own.append(
            f"{tag}: {len(direct)}/{n}"
            + (f" ({', '.join(direct)})" if direct and len(direct) <= 4 else "")
        )
    items.append(
        t("strategic decisions the authorities pass with their own votes: {parts}").format(
            parts="; ".join(own)
        )
    )
    for what, label in (
        ("passes", N_("{who} can pass alone: {parts}")),
        ("blocks", N_("{who} can block alone: {parts}")),
    ):
        per = [_alone(_influence(ev), what) for ev in evals]
        whos = list(dict.fromkeys(w for p in per for w in p))
        for who in whos:
            parts = []
            for tag, p, tm in zip(tags, per, ts, strict=True):
                ds = [tm.name(k) for k in p.get(who, [])]
                parts.append(f"{tag}: {len(ds)}" + (f" ({_few(ds)})" if ds else ""))
            items.append(t(label).format(who=name(who), parts="; ".join(parts)))
    recs = []
    for tag, ev, tm in zip(tags, evals, ts, strict=True):
        found = []
        for r in ev.model.relations:
            if (
                r.type == "recommends"
                and r.strength == "adopt_or_return"
                and r.target in ev.model.organs
                and ev.model.organs[r.target].part_of == "company"
            ):
                doc_ = tm.name(r.provenance.document) if r.provenance.document else t.kind(r.link)
                flag = " " + t("(assumption)") if r.provenance.assumption else ""
                decision = tm.name(f"{r.target}.{r.to_decision}") if r.to_decision else ""
                found.append(
                    t("{source} on {decision} [{document}{flag}]").format(
                        source=tm.name(r.source), decision=decision, document=doc_, flag=flag
                    )
                )
        recs.append(f"{tag}: " + ("; ".join(dict.fromkeys(found)) if found else t("none")))
    items.append(
        t("adopt-or-return recommendations into the company: {parts}").format(
            parts=" | ".join(recs)
        )
    )
    rests = []
    for tag, ev in zip(tags, evals, strict=True):
        control = ev.criterion("control") if ev.has("control") else None
        if control is None:
            rests.append(f"{tag}: –")
            continue
        counts = _count_bases(control)
        rests.append(
            f"{tag}: "
            + (
                ", ".join(t("{kind}: {n}").format(kind=t.kind(k), n=n) for k, n in counts.items())
                or t("nothing conditional")
            )
        )
    items.append(t("kontrollkriteriet is conditional on: {parts}").format(parts="; ".join(rests)))
    doc.add(Bullets(tuple(items)))

    # 3. per strategic decision
    keys = list(dict.fromkeys(f"{o}.{d}" for ev in evals for o, d in strategic_decisions(ev.model)))
    rows = []
    for key in keys:
        values: list[str] = []
        verdicts: list[str | None] = []
        for ev, tm in zip(evals, ts, strict=True):
            inf = _influence(ev)
            e = next((x for x in inf.elements if x.key == key), None) if inf else None
            if e is None:
                values.append("–")
                verdicts.append(None)
            else:
                route = {
                    "direct": t("own votes"),
                    "chain": t("through links"),
                    "none": t("no"),
                }.get(e.route or "", "")
                notes = [route]
                for b in e.rests_on:
                    if b.kind == "data" and b.ref.startswith("passes_alone:"):
                        notes.append(t("{who} passes").format(who=tm.name(b.ref.split(":", 1)[1])))
                passing = {
                    b.ref.split(":", 1)[1] for b in e.rests_on if b.ref.startswith("passes_alone:")
                }
                for b in e.rests_on:
                    if b.kind == "data" and b.ref.startswith("blocks_alone:"):
                        who = b.ref.split(":", 1)[1]
                        if who not in passing:
                            notes.append(t("{who} blocks").format(who=tm.name(who)))
                values.append(f"{t.grade(e.verdict)} ({'; '.join(notes)})")
                verdicts.append(e.verdict)
        rows.append(_row(name(key), values, verdicts))
    if rows:
        doc.add(Heading(t("Strategic decisions: can the authorities pass them, and how"), 2))
        doc.add(Table((t("decision"), *tags, ""), tuple(rows)))

    # 4. structure: organs, documents, thresholds, blocking minorities
    doc.add(Heading(t("Organs and documents"), 2))
    organ_ids = list(
        dict.fromkeys(
            o
            for ev in evals
            for o, org in ev.model.organs.items()
            if org.part_of in ("company", "owners")
            or org.kind in ("representation_council", "owners_council")
        )
    )
    rows = []
    for oid in organ_ids:
        vals = []
        for ev in evals:
            o = ev.model.organs.get(oid)
            vals.append(_organ_text(o) if o is not None else "–")
        rows.append(_row(name(oid), vals))
    doc_ids = list(dict.fromkeys(d for ev in evals for d in ev.model.documents))
    for did in doc_ids:
        vals = ["✓" if did in ev.model.documents else "–" for ev in evals]
        rows.append(_row(name(did), vals))
    doc.add(Table((t("organ or document"), *tags, ""), tuple(rows)))

    rows = []
    dec_keys = list(
        dict.fromkeys(
            f"{o.id}.{d.id}"
            for ev in evals
            for o in ev.model.organs.values()
            if o.part_of == "company"
            for d in o.decisions
        )
    )
    unverified = [unverified_by_decision(ev.model) for ev in evals]
    for key in dec_keys:
        oid, did = key.split(".", 1)
        vals = []
        for ev, marked in zip(evals, unverified, strict=True):
            if oid in ev.model.organs and ev.model.organs[oid].has_decision(did):
                mark = f" {rule_mark(t)}" if (oid, did) in marked else ""
                vals.append(ev.model.decision(oid, did).rule.describe(lang) + mark)
            else:
                vals.append("–")
        if len(set(vals)) > 1:
            rows.append(_row(name(key), vals))
    doc.add(Heading(t("Thresholds that differ"), 2))
    if rows:
        doc.add(Table((t("decision"), *tags, ""), tuple(rows), text_as_list=True))
    else:
        doc.add(Para(t("The voting rules of the company's organs are the same in all models.")))

    rows = []
    struct_keys = list(
        dict.fromkeys(f"{ds.organ}.{ds.decision}" for ev in evals for ds in ev.decisions)
    )
    for key in struct_keys:
        vals = []
        for ev, tm in zip(evals, ts, strict=True):
            summary = next((x for x in ev.decisions if f"{x.organ}.{x.decision}" == key), None)
            if summary is None:
                vals.append("–")
            else:
                vals.append(
                    t("{chains} (own votes: {direct})").format(
                        chains=coalition_text(summary.minimal_blocking, 4, tm.name),
                        direct=coalition_text(summary.minimal_blocking_direct, 4, tm.name),
                    )
                )
        rows.append(_row(name(key), vals))
    if rows:
        doc.add(Heading(t("Blocking minorities (with links; own votes in brackets)"), 2))
        doc.add(Table((t("decision"), *tags, ""), tuple(rows), text_as_list=True))

    # 5. voting power
    doc.add(Heading(t("Voting power at the general meeting (ordinary resolution, Banzhaf)"), 2))
    if powers is None:
        doc.add(Para(t("Not computed.")))
    else:
        unit_ids = list(dict.fromkeys(u for pw in powers if pw for u in pw.units))
        rows = []
        for u in unit_ids:
            vals = []
            for pw in powers:
                if not pw or u not in pw.units:
                    vals.append("–")
                else:
                    vals.append(
                        f"{fmt.percent(pw.votes[u], t.lang)} / {fmt.index(pw.units[u], t.lang)}"
                    )
            rows.append(_row(name(u), vals))
        vals = []
        for pw, tm in zip(powers, ts, strict=False):
            if pw and pw.largest_authority:
                who, val = pw.largest_authority
                vals.append(f"{tm.name(who)} {fmt.index(val, t.lang)}")
            else:
                vals.append("–")
        rows.append(_row(t("largest single authority"), vals))
        doc.add(Table((t("owner: votes / Banzhaf"), *tags, ""), tuple(rows)))
        doc.add(Para(t(POWER_EXPLAINED), small=True))
        for tag, pw, tm in zip(tags, powers, ts, strict=False):
            why = power_explained(t, tag, tm, pw) if pw else None
            if why:
                doc.add(Para(why, small=True))
        computed = [pw for pw in powers if pw]
        if computed:
            how = (
                t("The indices are exact: every coalition is counted.")
                if all(pw.exact for pw in computed)
                else t("Some indices are estimated by sampling random coalitions, not counted.")
            )
            doc.add(
                Para(
                    how + " " + t("Shapley–Shubik for each owner: run govmodel power."), small=True
                )
            )

    # 6. statute checks
    lines = []
    for tag, ev, tm in zip(tags, evals, ts, strict=True):
        for line in statute_lines(tm, [c for c in ev.statute_checks if not c.agrees]):
            lines.append(f"{tag}: {line}")
    if lines:
        doc.add(Heading(t("Rules cited from the study, checked against the statute"), 2))
        doc.add(Bullets(tuple(lines)))

    # 7. what each rests on, in full
    doc.add(Heading(t("What kontrollkriteriet rests on"), 2))
    for tag, ev, tm in zip(tags, evals, ts, strict=True):
        if not ev.has("control"):
            continue
        lines = bases_lines(tm, ev.criterion("control").rests_on, only_conditional=True)
        doc.add(Para(f"{tag} ({tm.text(ev.model.name)}):"))
        doc.add(Bullets(tuple(lines) if lines else (t("nothing conditional"),)))
    if ts:
        doc.add(*sources_blocks(ts[0]))
    return doc


def _few(items: Sequence[str], n: int = 3) -> str:
    return ", ".join(items[:n]) + (f", +{len(items) - n}" if len(items) > n else "")


def _organ_text(o) -> str:
    if o.shareholders:
        return "✓"
    n = len(o.seats)
    return f"✓ ({n})" if n else "✓"


def compare_json(
    evals: Sequence[Evaluation], lang: str, powers: Sequence[PowerSummary | None] | None = None
) -> JsonObject:
    t = L10n(lang)
    tags = letters(len(evals))
    models = []
    for i, (tag, ev) in enumerate(zip(tags, evals, strict=True)):
        data = evaluation_json(ev, lang)
        data.pop("coverage", None)
        data["tag"] = tag
        data["coverage_counts"] = {
            bc.body: {k: n for k, n in bc.counts().items() if n} for bc in ev.coverage.bodies
        }
        p = powers[i] if powers else None
        data["power"] = (
            None
            if not p
            else {
                "organ": p.organ,
                "decision": p.decision,
                "method": t.msg(p.method),
                "exact": p.exact,
                "banzhaf": {u: float(v) for u, v in p.units.items()},
            }
        )
        models.append(data)
    differences: list[JsonObject] = []
    ids = list(
        dict.fromkeys(cid for ev in evals for cid in (v.id for v in ev.criteria + ev.summary))
    )
    for cid in ids:
        grades = [ev.criterion(cid).verdict if ev.has(cid) else None for ev in evals]
        if len(set(grades)) > 1:
            differences.append({"criterion": cid, "verdicts": dict(zip(tags, grades, strict=True))})
    from govmodel.analysis.criteria.ranking import rank

    ranking: list[JsonObject] = [
        {"model": r.model, "rank": r.rank, "reason": t.msg(r.reason)} for r in rank(evals)
    ]
    return {"models": models, "differences": differences, "ranking": ranking, "lang": lang}


__all__ = ["SHORT_NAMES", "compare_doc", "compare_json", "power_summary"]
