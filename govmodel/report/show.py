"""``govmodel show``: a model as readable text (owners, organs, decisions, relations, documents,
assumptions), every element by its name with its source, in Norwegian or English; ids (and the
kinds written in the model file) only with ``--ids``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from govmodel.i18n import N_
from govmodel.i18n import format as fmt
from govmodel.model import Model, Organ, Relation
from govmodel.report.l10n import L10n
from govmodel.report.names import clause_label, clause_value
from govmodel.report.unverified import cited_lines, unverified_by_decision, unverified_line

#: What an assumption is attached to (the first word of an :func:`assumptions` label).
ELEMENTS = {
    "model": N_("the model"),
    "company": N_("company"),
    "holding": N_("holding"),
    "organ": N_("organ"),
    "seat": N_("seats"),
    "decision": N_("decision"),
    "relation": N_("relation"),
    "actor": N_("actor"),
    "activity": N_("turnover"),
}


#: What an organ of a kind of one's own does (its ``role:``), as the reader sees it.
ROLES = {
    "supreme": N_("supreme body: its resolutions bind"),
    "governing": N_("governing body (a board)"),
    "executive": N_("executive"),
    "supervisory": N_("supervisory body"),
    "owners": N_("owners' body"),
    "nomination": N_("nomination body"),
    "advisory": N_("advisory body"),
}


def _tag(t: L10n, key: str, *more: str) -> str:
    """`` [id, more…]`` after a name when the reader asked for ids (--ids), else nothing."""
    return f" [{', '.join((key, *more))}]" if t.ids else ""


def _source(t: L10n, prov) -> str:
    return t.source(prov)


def _organ_lines(t: L10n, model: Model, o: Organ) -> list[str]:
    unverified = unverified_by_decision(model)
    lines = [
        f"  {t.text(o.name)}{_tag(t, o.id, o.kind, o.part_of)}",
        "      " + t("source: {source}").format(source=_source(t, o.provenance)),
    ]
    # the organ's own citation of a section not read in the statute (IKS-loven § 10)
    lines.extend("      " + line for line in cited_lines(t, o.provenance))
    if o.role:  # a kind of one's own states what the organ does
        lines.append("      " + t("role: {role}").format(role=t(ROLES[o.role])))
    if o.description:
        lines.append(f"      {t.text(o.description)}")
    if o.shareholders:
        lines.append(
            "      "
            + t("voters: the {n} shareholders, one vote per share").format(
                n=t.number(len(model.company.holders()))
            )
        )
    else:
        groups = Counter(s.group for s in o.seats)
        for g in groups:
            first = next(s for s in o.seats if s.group == g)
            who = seat_filler(t, model, o, g)
            lines.append(
                "      "
                + t("{seats}: {who}; {votes} votes each — {source}").format(
                    seats=t.name(f"{o.id}.{g}"),
                    who=who,
                    votes=t.arg(first.votes),
                    source=_source(t, first.provenance),
                )
            )
            lines.extend("          " + line for line in cited_lines(t, first.provenance))
    for d in o.decisions:
        strat = " " + t("(strategic)") if d.strategic else ""
        lines.append(
            "      " + t("decision: {name}").format(name=t.text(d.name)) + strat + _tag(t, d.id)
        )
        lines.append("          " + t("rule: {rule}").format(rule=d.rule.describe(t.lang)))
        lines.append("          " + t("source: {source}").format(source=_source(t, d.provenance)))
        marked = unverified.get((o.id, d.id), ())
        lines.extend("          " + unverified_line(t, u.name, u.section) for u in marked)
        lines.extend(
            "          " + line for line in cited_lines(t, d.provenance, (u.law for u in marked))
        )
        for c in d.cited:
            lines.append(
                "          "
                + t("cited: {source} states {rule}").format(
                    source=t.cite(c.source) or c.source, rule=c.rule.describe(t.lang)
                )
            )
    return lines


def seat_filler(t: L10n, model: Model, o: Organ, group: str) -> str:
    """Who fills the seat group ``group`` of organ ``o``, in words: its one holder, its
    members, or the decisions that elect or appoint to it (an ``elects``/``appoints``
    relation naming the group, or naming no group)."""
    seats = [s for s in o.seats if s.group == group]
    n = len(seats)
    if seats[0].holder and n == 1:
        return t("held by {holder}").format(holder=t.name(seats[0].holder))
    if all(s.holder for s in seats):
        return t("{n} seats held by their members").format(n=t.number(n))
    fillers = [
        r
        for r in model.relations
        if r.type in ("elects", "appoints")
        and r.target == o.id
        and (not r.seats or group in r.seats)
    ]
    by = ", ".join(t.name(f"{r.source}.{r.decision}") for r in fillers) or t("nobody")
    return t("{n} seats filled by {by}").format(n=t.number(n), by=by)


def relation_text(t: L10n, r: Relation, key: Callable[[str], str] = str) -> str:
    """A relation in words: "General meeting elects Board (by Election of board members
    (General meeting)) [firm]" — who does what to whom, by and on which decision, to which
    seats, its strength and basis, and its link grade. ``key`` maps each id before it is named
    (e.g. to its per-fylke form, so the regional copies of a relation read alike)."""
    extra = []
    if r.decision:
        extra.append(t("by {decision}").format(decision=t.name(key(f"{r.source}.{r.decision}"))))
    if r.to_decision:
        extra.append(t("on {decision}").format(decision=t.name(key(f"{r.target}.{r.to_decision}"))))
    if r.seats:
        extra.append(t.names(key(f"{r.target}.{g}") for g in r.seats))
    if r.strength:
        extra.append(t.term(r.strength))
    if r.basis:
        extra.append(t.text(r.basis))
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"{t.name(key(r.id))}{tail} [{t.term(r.link)}]"


def show_text(model: Model, expand: bool = False, lang: str = "en", ids: bool = False) -> str:
    """The whole model as plain text in ``lang``, grouped by section: every element by its
    name (``ids``: followed by its id) with its source cited from the registry."""
    t = L10n(lang, model, ids=ids)
    c = model.company
    out = [
        f"{t.text(model.name)}{_tag(t, model.id)}",
        t("file: {path}").format(path=model.path),
        t("source: {source}").format(source=_source(t, model.provenance)),
    ]
    if model.variant_of:
        out.append(t("variant of: {model}").format(model=model.variant_of))
    if model.scenario:
        out.append(t("scenario: {scenario}").format(scenario=model.scenario))
    if model.description:
        out.append("")
        out.append(t.text(model.description).strip())
    if not model.has_company:
        out += ["", t("No company: a body of organs only (its organs and their decisions below)")]
    else:
        out += [
            "",
            t("Company: {name}, {form}").format(name=t.text(c.name), form=t.text(model.form.name))
            + _tag(t, c.id, model.form.form),
            "  " + t("share capital: {n} shares").format(n=t.number(c.share_capital)),
        ]
    for sc in c.share_classes:
        out.append(
            "  "
            + t("share class {name}: {votes} votes per share — {source}").format(
                name=t.text(sc.name),
                votes=t.arg(sc.votes_per_share),
                source=_source(t, sc.provenance),
            )
        )
    owned = [a for a in model.actors.values() if a.owners]
    if model.has_company or owned:
        out.append("")
        out.append(t("Owners and holdings:"))
    for b in c.blocks:
        share = fmt.share_of(b.shares, c.share_capital, t.lang, digits=2)
        if b.is_group:
            members = [h for h in c.holdings if h.block == b.holder]
            sizes = [h.shares for h in members]
            out.append(
                "  "
                + t(
                    "{holder}: {shares} shares ({share}), allocated by {allocate} over {n} "
                    "members, {low}–{high} each — {source}"
                ).format(
                    holder=t.name(b.holder),
                    shares=t.number(b.shares),
                    share=share,
                    allocate=t(ALLOCATIONS.get(b.allocate or "", b.allocate or "–")),
                    n=t.number(len(members)),
                    low=t.number(min(sizes)) if sizes else "–",
                    high=t.number(max(sizes)) if sizes else "–",
                    source=_source(t, b.provenance),
                )
            )
            if expand:
                for h in members:
                    part = fmt.share_of(h.shares, c.share_capital, t.lang, digits=2)
                    out.append(f"      {t.name(h.holder):32} {t.number(h.shares):>7} ({part})")
        else:
            out.append(
                "  "
                + t("{holder}: {shares} shares ({share}) — {source}").format(
                    holder=t.name(b.holder),
                    shares=t.number(b.shares),
                    share=share,
                    source=_source(t, b.provenance),
                )
            )
    for a in owned:  # ownership between actors: a holding company and its owners
        total = sum(h.shares for h in a.owners)
        for h in a.owners:
            out.append(
                "  "
                + t(
                    "{holder} owns {shares} of {total} shares ({share}) in {company} — {source}"
                ).format(
                    holder=t.name(h.holder),
                    shares=t.number(h.shares),
                    total=t.number(total),
                    share=fmt.share_of(h.shares, total, t.lang, digits=2),
                    company=t.name(a.id),
                    source=_source(t, h.provenance),
                )
            )
    if model.has_company and not c.blocks:
        out.append("  " + t("(none)"))
    out.append("")
    out.append(t("Organs:"))
    fylker = sorted({x.fylke for x in model.organs.values() if x.fylke})
    for o in model.organs.values():
        if o.fylke and not expand and not o.id.endswith(f"_{fylker[0]}"):
            continue
        out += _organ_lines(t, model, o)
    regional = [o for o in model.organs.values() if o.fylke]
    if regional and not expand:
        out.append(
            "  "
            + t("(… one per fylke: {n} regional organs in all; --expand lists them)").format(
                n=t.number(len(regional))
            )
        )
    out.append("")
    out.append(t("Relations:"))
    for r in model.relations:
        if r.type in ("owns",) and not expand:
            continue
        out.append(
            f"  {relation_text(t, r)} — {_source(t, r.provenance)}" + (f" [{r.id}]" if ids else "")
        )
        out.extend("      " + line for line in cited_lines(t, r.provenance))
    out.append("")
    out.append(t("Documents:"))
    for d in model.documents.values():
        adopted = (
            ", " + t("adopted by {decision}").format(decision=t.name(d.adopted_by))
            if d.adopted_by
            else ""
        )
        out.append(
            f"  {t.text(d.name)}{adopted} — {_source(t, d.provenance)}{_tag(t, d.id, d.kind)}"
        )
        out.extend("      " + line for line in cited_lines(t, d.provenance))
        for k, v in d.clauses.items():
            out.append(f"      {clause_label(k, t)}: {clause_value(v, t)}")
    if model.activity:
        out.append("")
        out.append(t("Activity (turnover):"))
        for y in model.activity:
            out.append(
                "  "
                + t(
                    "{year}: total {total}, with the controlling authorities {part} ({share})"
                ).format(
                    year=y.year,
                    total=t.money(y.total),
                    part=t.money(y.with_controlling),
                    share=fmt.share_of(y.with_controlling, y.total, t.lang, digits=2),
                )
            )
    out.append("")
    out.append(t("Assumptions made in the model:"))
    seen: set[str] = set()
    for loc_label, text in assumptions(model):
        key = f"{loc_label}|{text}"
        if key in seen:
            continue
        seen.add(key)
        out.append(f"  - {assumption_label(t, loc_label)}: {t.text(text)}")
    if model.warnings:
        out.append("")
        out.append(t("Warnings:"))
        for w in model.warnings:
            out.append(f"  {w}")
    return "\n".join(out) + "\n"


#: How a group's shares are spread over its members (a holding's ``allocate``).
ALLOCATIONS = {"population": N_("population"), "equal": N_("equal shares")}


def assumption_label(t: L10n, label: str) -> str:
    """An :func:`assumptions` label (``organ fylkesmote_<fylke>``) as the reader knows it."""
    kind, _, key = label.partition(" ")
    what = t(ELEMENTS[kind]) if kind in ELEMENTS else kind
    return f"{what}: {t.name(key)}" if key else what


def assumptions(model: Model) -> list[tuple[str, str]]:
    """Every (element, assumption text) pair of the model, in file order, regional ones once."""
    items: list[tuple[str, str]] = []

    def add(label: str, prov) -> None:
        if prov.assumption:
            items.append((label, prov.assumption))

    add("model", model.provenance)
    add(f"company {model.company.id}", model.company.provenance)
    for b in model.company.blocks:
        add(f"holding {b.holder}", b.provenance)
    seen_templates: set[str] = set()
    for o in model.organs.values():
        label = o.id if not o.fylke else o.id.replace(f"_{o.fylke}", "_<fylke>")
        if label in seen_templates:
            continue
        seen_templates.add(label)
        add(f"organ {label}", o.provenance)
        for g in o.seat_groups():
            seat = next(s for s in o.seats if s.group == g)
            add(f"seat {label}.{g}", seat.provenance)
        for d in o.decisions:
            add(f"decision {label}.{d.id}", d.provenance)
    for r in model.relations:
        add(f"relation {r.id}", r.provenance)
    for a in model.actors.values():
        if a.kind not in ("kommune", "fylkeskommune"):
            add(f"actor {a.id}", a.provenance)
    for y in model.activity[:1]:
        add("activity", y.provenance)
    # regional duplicates collapse to one line each
    dedup: dict[str, tuple[str, str]] = {}
    for label, text in items:
        norm = label
        for f in {o.fylke for o in model.organs.values() if o.fylke}:
            norm = norm.replace(f"_{f}", "_<fylke>")
        dedup.setdefault(f"{norm}|{text}", (norm, text))
    return list(dedup.values())
