"""Detail texts as Textual markup: the model browser's detail pane and the explanations of the
coalition, power and what-if views. Every text escapes model content, so a ``[`` in a source
never breaks the markup."""

from __future__ import annotations

import os
from collections import Counter

from govmodel.i18n import translate
from govmodel.i18n.format import money
from govmodel.model import Model, Provenance, Relation
from govmodel.report.l10n import L10n
from govmodel.report.names import VERBS, collapse_regional
from govmodel.report.show import assumption_label, relation_text, seat_filler
from tui.i18n import rule_text, tr
from tui.lawmarks import decision_marks, source_marks
from tui.results import pct
from tui.safe import esc as escape


def tx(text: object, lang: str) -> str:
    """A model text in the UI language: bilingual texts (govmodel.model.Text) have both.

    A name is a ``Text``, a ``str`` whose plain value is the Norwegian: ``str(name)`` or an
    f-string shows Norwegian in the English UI, so every name on screen goes through here.

    >>> from govmodel.model import Text
    >>> tx(Text("Kommunene", "The municipalities"), "en"), tx("KS", "en")
    ('The municipalities', 'KS')
    """
    get = getattr(text, "get", None)
    return str(get(lang)) if callable(get) else str(text)


def name_in(model: Model, any_id: str, lang: str) -> str:
    """The name of a model element (actor, organ, group, document, the company) in ``lang``;
    the id itself when the model has no such element."""
    return tx(model.name_of(any_id), lang)


def organ_short(model: Model, oid: str, lang: str) -> str:
    """The organ's name before a decision's in a list: "GF"/"GM" for a company's
    generalforsamling (to save the list's width), the name itself for every other organ (an
    IKS's representantskap or a samvirke's årsmøte is a general meeting too, not a "GM")."""
    o = model.organs[oid]
    if o.kind == "general_meeting" and tx(o.name, "nb").casefold() == "generalforsamling":
        return "GF" if lang == "nb" else "GM"
    return tx(o.name, lang)


def decision_name(model: Model, organ: str, decision: str, lang: str) -> str:
    """A decision named with its organ in ``lang``: "Generalforsamling: Ordinary resolution"."""
    o = model.organs[organ]
    return f"{tx(o.name, lang)}: {tx(model.decision(organ, decision).name, lang)}"


class Doc:
    """Lines of markup with a few helpers for headings, fields and sources."""

    def __init__(self, lang: str, model: Model | None = None) -> None:
        self.lang = lang
        self.lines: list[str] = []
        # names and numbers as ``govmodel show`` writes them, in the UI language
        self.t = L10n(lang, model)

    def tr(self, key: str, **kw: object) -> str:
        return tr(key, self.lang, **kw)

    def h(self, text: str) -> Doc:
        if self.lines:
            self.lines.append("")
        self.lines.append(f"[b $accent]{escape(text)}[/]")
        return self

    def title(self, text: str, sub: str = "") -> Doc:
        tail = f"  [dim]{escape(sub)}[/]" if sub else ""
        self.lines.append(f"[b]{escape(text)}[/]{tail}")
        return self

    def kv(self, label: str, value: object) -> Doc:
        self.lines.append(f"[dim]{escape(label)}:[/] {escape(str(value))}")
        return self

    def line(self, text: str, indent: int = 0, markup: bool = False) -> Doc:
        body = text if markup else escape(text)
        self.lines.append(" " * indent + body)
        return self

    def prov(self, prov: Provenance, indent: int = 2) -> Doc:
        pad = " " * indent
        if prov.source:
            self.lines.append(
                f"{pad}[dim]{escape(self.tr('br.source'))}:[/] [i]{escape(prov.source)}[/]"
            )
        if prov.assumption:
            self.lines.append(
                f"{pad}[$warning]{escape(self.tr('br.assumption'))}:[/] {escape(tx(prov.assumption, self.lang))}"
            )
        if prov.document:
            self.lines.append(f"{pad}[dim]\\[{escape(self.t.name(prov.document))}][/]")
        return self

    def marks(self, lines: list[str], indent: int = 2) -> Doc:
        """The lines marking law not verified against the statute text
        (:mod:`tui.lawmarks`), in the warning colour."""
        pad = " " * indent
        self.lines.extend(f"{pad}[$warning]{escape(line)}[/]" for line in lines)
        return self

    def __str__(self) -> str:
        return "\n".join(self.lines)


def yes_no(v: bool | str | None, lang: str) -> str:
    if v is True:
        return tr("br.yes", lang)
    if v is False:
        return tr("br.no", lang)
    return tr("br.uncertain", lang)


def level_text(level: str | None, lang: str) -> str:
    return tr(f"lv.{level}", lang) if level else "-"


def badge(level: str | None, lang: str, possible: bool | None = None) -> str:
    """A markup badge: ✔ firm (green), ✔ contractual/revocable (yellow), ✘ (red)."""
    ok = level is not None if possible is None else possible
    if not ok:
        return f"[$error]✘ {escape(tr('co.no', lang))}[/]"
    style = "$success" if level == "firm" else "$warning"
    return f"[{style}]✔ {escape(level_text(level, lang))}[/]"


def strength_text(s: str | None, lang: str) -> str:
    return tr(f"st.{s}", lang) if s else "-"


def short_name(name: str) -> str:
    """A name without the explanation in brackets that follows it, for a column heading:
    "KS (Kommunesektorens organisasjon)" → "KS" (the full name stays in the detail panes).

    >>> short_name("KS (Kommunesektorens organisasjon)"), short_name("Oslo kommune")
    ('KS', 'Oslo kommune')
    """
    head, sep, _rest = str(name).partition(" (")
    return head if sep and head else str(name)


def display_path(path: str) -> str:
    """A model path as the user knows it: relative to the working directory when inside it
    (so screens do not depend on where the repository is checked out)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


# -- the model browser -----------------------------------------------------------------------------


def model_detail(model: Model, lang: str) -> str:
    d = Doc(lang, model)
    d.title(tx(model.name, lang), model.id)
    d.kv(d.tr("br.model_file"), display_path(model.path))
    if model.variant_of:
        d.kv(d.tr("br.variant_of"), model.variant_of)
    if model.scenario:
        d.kv(d.tr("br.scenario"), model.scenario)
    d.prov(model.provenance, 0)
    if model.description:
        d.line("")
        d.line(tx(model.description, d.lang).strip())
    c = model.company
    d.h(tx(c.name, lang))
    d.kv(d.tr("br.form"), tx(model.form.name, lang))
    d.kv(d.tr("br.share_capital"), f"{d.t.number(c.share_capital)} {d.tr('br.shares')}")
    for b in c.blocks:
        d.line(f"{name_in(model, b.holder, lang)}: {pct(b.shares, c.share_capital, lang)}", 2)
    if model.activity:
        d.h(d.tr("br.activity"))
        for y in model.activity:
            d.line(
                f"{y.year}: {money(y.total, lang)}, {d.tr('br.with_ctrl')} {pct(y.with_controlling, y.total, lang)}",
                2,
            )
    if model.warnings:
        d.h(d.tr("br.warnings"))
        for w in model.warnings:
            d.line(str(w), 2)
    return str(d)


def block_detail(model: Model, holder: str, lang: str, limit: int = 400) -> str:
    """An owner block: a single holder or a group with its allocation."""
    c = model.company
    block = next((b for b in c.blocks if b.holder == holder), None)
    if holder in model.groups:
        text = group_detail(model, holder, lang, limit)
    else:
        text = actor_detail(model, holder, lang)
    if block is None:
        return text
    d = Doc(lang, model)
    d.h(d.tr("br.block"))
    d.kv(
        d.tr("br.shares").capitalize(),
        f"{d.t.number(block.shares)} ({pct(block.shares, c.share_capital, lang)})",
    )
    if block.allocate:
        d.kv(d.tr("br.allocation"), tr(f"wi.alloc.{block.allocate}", lang))
    d.prov(block.provenance, 2)
    return text + "\n" + str(d)


def group_detail(model: Model, gid: str, lang: str, limit: int = 400) -> str:
    g = model.groups[gid]
    c = model.company
    d = Doc(lang, model)
    d.title(tx(g.name, lang), g.id)
    d.kv(d.tr("br.members"), d.t.number(len(g.members)))
    d.prov(g.provenance, 0)
    held = {h.holder: h.shares for h in c.holdings}
    d.h(d.tr("br.members"))
    members = sorted(g.members, key=lambda m: (-held.get(m, 0), m))
    for m in members[:limit]:
        a = model.actors.get(m)
        pop = d.t.number(a.population) if a is not None and a.population else ""
        sh = held.get(m)
        share = f"{d.t.number(sh):>6} {pct(sh, c.share_capital, lang):>7}" if sh else ""
        d.line(f"{name_in(model, m, lang)[:22]:<22} {pop:>8} {share}", 2)
    if len(members) > limit:
        d.line(d.tr("br.more", n=d.t.number(len(members) - limit)), 2)
    return str(d)


def actor_detail(model: Model, aid: str, lang: str) -> str:
    a = model.actors[aid]
    c = model.company
    d = Doc(lang, model)
    d.title(tx(a.name, lang), a.id)
    d.kv(d.tr("br.kind"), d.t.term(a.kind))
    d.kv(d.tr("br.contracting"), yes_no(a.contracting_authority, lang))
    if a.fylke:
        d.kv(d.tr("br.fylke"), fylke_name(model, a.fylke, lang))
    if a.population:
        d.kv(d.tr("br.population"), d.t.number(a.population))
    groups = [g.id for g in model.groups.values() if aid in g.members]
    if groups:
        d.kv(d.tr("br.groups"), ", ".join(name_in(model, g, lang) for g in groups))
    shares = c.shares_of(aid)
    if shares:
        d.kv(
            d.tr("br.holds"),
            f"{d.t.number(shares)} {d.tr('br.shares')} ({pct(shares, c.share_capital, lang)})",
        )
    d.prov(a.provenance, 0)
    seats = [s for o in model.organs.values() for s in o.seats if s.holder == aid]
    if seats:
        d.h(d.tr("br.seats_held"))
        for s in seats:
            votes = d.tr("br.votes_each", v=d.t.number(s.votes))
            d.line(f"{tx(model.organs[s.organ].name, lang)}: {votes}", 2)
    rels = [r for r in model.relations if aid in (r.source, r.target) and r.type != "owns"]
    if rels:
        d.h(d.tr("br.relations_of"))
        for r in rels[:40]:
            d.line(relation_text(d.t, r), 2)
        if len(rels) > 40:
            d.line(d.tr("br.more", n=d.t.number(len(rels) - 40)), 2)
    return str(d)


def fylke_name(model: Model, nr: str, lang: str = "nb") -> str:
    for a in model.actors.values():
        if a.kind == "fylkeskommune" and a.fylke == nr:
            return f"{nr} {tx(a.name, lang)}"
    return nr


def organ_detail(model: Model, oid: str, lang: str) -> str:
    o = model.organs[oid]
    d = Doc(lang, model)
    d.title(tx(o.name, lang), o.id)
    d.prov(o.provenance, 0)
    d.marks(source_marks(model, o.provenance, lang), 0)
    if o.description:
        d.line(tx(o.description, d.lang))
    d.h(d.tr("br.seats"))
    if o.shareholders:
        d.line(d.tr("br.players_sh", n=d.t.number(len(model.company.holders()))), 2)
        absent = model.attendance.get(oid)
        if absent:
            d.line(d.tr("br.absent", n=d.t.number(len(absent))), 2)
    elif not o.seats:
        d.line(d.tr("br.none"), 2)
    for g in Counter(s.group for s in o.seats):
        first = next(s for s in o.seats if s.group == g)
        chair = " ★" if first.chair else ""
        votes = d.tr("br.votes_each", v=d.t.number(first.votes))
        d.line(
            f"[b]{escape(d.t.name(f'{oid}.{g}'))}[/]{chair}: "
            f"{escape(seat_filler(d.t, model, o, g))}; {escape(votes)}",
            2,
            markup=True,
        )
        d.prov(first.provenance, 4)
        d.marks(source_marks(model, first.provenance, lang), 4)
    d.h(d.tr("br.decisions"))
    if not o.decisions:
        d.line(d.tr("br.none"), 2)
    for dec in o.decisions:
        strat = f" [$accent]{escape(d.tr('br.strategic'))}[/]" if dec.strategic else ""
        d.line(
            f"[b]{escape(tx(dec.name, lang))}[/] [dim]({escape(dec.id)})[/]{strat}", 2, markup=True
        )
        d.line(f"{d.tr('br.rule')}: {rule_text(model, dec.rule, lang)}", 4)
        d.prov(dec.provenance, 4)
        d.marks(decision_marks(model, oid, dec.id, lang), 4)
        for cited in dec.cited:
            d.line(
                f"{d.tr('br.cited')}: {cited.source}: {rule_text(model, cited.rule, lang)}"
                + (f" — «{cited.text}»" if cited.text else ""),
                4,
            )
    into = [r for r in model.relations if r.target == oid]
    out = [r for r in model.relations if r.source == oid]
    sections = (
        ("br.elected_by", [r for r in into if r.type in ("elects", "appoints")]),
        ("br.instructed_by", [r for r in into if r.type == "instructs"]),
        ("br.recommended_by", [r for r in into if r.type in ("recommends", "prepares", "advises")]),
        ("br.recommends", [r for r in out if r.type in ("recommends", "prepares", "advises")]),
        ("br.instructs", [r for r in out if r.type in ("instructs", "elects", "appoints")]),
        (
            "br.other_links",
            [
                r
                for r in into + out
                if r.type
                not in ("elects", "appoints", "instructs", "recommends", "prepares", "advises")
            ],
        ),
    )
    for key, rels in sections:
        if not rels:
            continue
        d.h(d.tr(key))
        for r in _collapse(d.t, rels):
            d.line(r, 2)
    carried = organ_assumptions(model, oid)
    d.h(d.tr("br.carries"))
    if not carried:
        d.line(d.tr("br.none"), 2)
    for label, text in carried:
        d.line(
            f"[$warning]•[/] [dim]{escape(d.t.name(label))}:[/] {escape(tx(text, d.lang))}",
            2,
            markup=True,
        )
    return str(d)


def _collapse(t: L10n, rels: list[Relation]) -> list[str]:
    """Relation lines in words (``govmodel show``'s); the per-fylke copies of a relation
    (the same relation but for the fylke) collapse into one line with a count."""
    counts: dict[str, int] = {}
    for r in rels:
        regional = collapse_regional(r.id) != r.id
        line = relation_text(t, r, collapse_regional) if regional else relation_text(t, r)
        counts[line] = counts.get(line, 0) + 1
    return [f"{k} (×{t.number(n)})" if n > 1 else k for k, n in counts.items()]


def organ_assumptions(model: Model, oid: str) -> list[tuple[str, str]]:
    """Assumptions of the organ, its seats and decisions, and relations that touch it."""
    o = model.organs[oid]
    out: list[tuple[str, str]] = []
    if o.provenance.assumption:
        out.append((oid, o.provenance.assumption))
    for g in o.seat_groups():
        s = next(s for s in o.seats if s.group == g)
        if s.provenance.assumption:
            out.append((f"{oid}.{g}", s.provenance.assumption))
    for dec in o.decisions:
        if dec.provenance.assumption:
            out.append((dec.key, dec.provenance.assumption))
    for r in model.relations:
        if oid in (r.source, r.target) and r.provenance.assumption:
            out.append((r.id, r.provenance.assumption))
    return list(dict.fromkeys(out))


def document_detail(model: Model, did: str, lang: str) -> str:
    doc = model.documents[did]
    d = Doc(lang, model)
    d.title(tx(doc.name, lang), doc.id)
    if doc.adopted_by:
        d.kv(d.tr("br.adopted_by"), d.t.name(doc.adopted_by))
    d.prov(doc.provenance, 0)
    d.marks(source_marks(model, doc.provenance, lang), 0)
    if doc.description:
        d.line(tx(doc.description, d.lang))
    if doc.clauses:
        d.h(d.tr("br.clauses"))
        from govmodel.i18n import translate
        from govmodel.report.names import clause_label, clause_value

        _ = translate(d.lang)
        for k, v in doc.clauses.items():
            d.line(f"{clause_label(k, _)}: {clause_value(v, _, d.lang)}", 2)
    refs = [r for r in model.relations if r.provenance.document == did]
    if refs:
        d.h(d.tr("br.relations"))
        for line in _collapse(d.t, refs):
            d.line(line, 2)
    return str(d)


def relation_detail(model: Model, rid: str, lang: str) -> str:
    r = next(x for x in model.relations if x.id == rid)
    d = Doc(lang, model)
    d.title(d.t.name(rid), rid)
    d.kv(d.tr("br.from_to"), f"{d.t.name(r.source)} → {d.t.name(r.target)}")
    if r.decision:
        d.kv(d.tr("br.by_decision"), d.t.name(f"{r.source}.{r.decision}"))
    if r.to_decision:
        d.kv(d.tr("br.for_decision"), d.t.name(f"{r.target}.{r.to_decision}"))
    if r.seats:
        d.kv(d.tr("br.seats"), d.t.names(f"{r.target}.{g}" for g in r.seats))
    if r.strength:
        d.kv(d.tr("br.strength"), strength_text(r.strength, lang))
    d.kv(d.tr("br.link"), level_text(r.link, lang))
    if r.revocable is not None:
        d.kv(d.tr("br.revocable"), yes_no(r.revocable, lang))
    if r.basis:
        d.kv(d.tr("br.basis"), tx(r.basis, d.lang))
    if r.description:
        d.line(tx(r.description, d.lang))
    d.prov(r.provenance, 0)
    d.marks(source_marks(model, r.provenance, lang), 0)
    return str(d)


def relation_name(model: Model, rid: str, lang: str) -> str:
    """A relation by name ("General meeting elects Board"), as ``govmodel show`` names it."""
    return L10n(lang, model).name(rid)


def relation_type_text(rtype: str, lang: str) -> str:
    """A relation type as the verb ``govmodel show`` writes it ("elects", "reports to"),
    in ``lang``; a type it has no verb for as itself."""
    return translate(lang)(VERBS[rtype]) if rtype in VERBS else rtype


def relation_type_detail(model: Model, rtype: str, lang: str) -> str:
    rels = [r for r in model.relations if r.type == rtype]
    d = Doc(lang, model)
    d.title(f"{relation_type_text(rtype, lang)} ({d.t.number(len(rels))})")
    for line in _collapse(d.t, rels):
        d.line(line, 2)
    return str(d)


def assumptions_detail(model: Model, lang: str) -> str:
    from govmodel.report.show import assumptions

    items = assumptions(model)
    d = Doc(lang, model)
    d.title(f"{tr('br.assumptions', lang)} ({d.t.number(len(items))})")
    for label, text in items:
        d.line(
            f"[$warning]•[/] [dim]{escape(assumption_label(d.t, label))}:[/] {escape(tx(text, lang))}",
            0,
            markup=True,
        )
    return str(d)
