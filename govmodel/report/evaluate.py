"""Reports of the in-house evaluation: text (80 columns, rich), Markdown, HTML and JSON.

A report is first built as a small document (headings, paragraphs, bullet lists and tables) in
the chosen language, then written out in one of the formats, so every format carries the same
content. Nothing in the output depends on the clock or the environment: the same input gives the
same bytes.

Why this module is long (about 930 lines): it holds three things that belong in three modules,
the document model (``Cell`` .. ``Doc``, ``L10n``), its writers (text, Markdown, HTML) and the
evaluation's content (blocks and JSON). The compare and coalition reports import the first two
from here, and the report's owner was reworking this file during the round that split the
other packages, so the split (``report/document.py``, ``report/writers.py``, this file keeping
the evaluation's content) was left for a change of its own rather than made under it.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from govmodel.analysis.coverage import LINK_KINDS
from govmodel.analysis.criteria import (
    GRADES,
    Basis,
    Element,
    Evaluation,
    Msg,
    StatuteCheck,
    Verdict,
)
from govmodel.i18n import N_, translate
from govmodel.regions import collapse_regional

# -- the document -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    grade: str | None = None  # a verdict grade: coloured, and marked in HTML
    strong: bool = False
    indent: int = 0  # levels of indentation (a part of the row above)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    text: str
    grade: str | None = None
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # columns that may be wrapped freely (the others keep their width when possible)
    wide: tuple[int, ...] = ()
    # in the 80-column text, one entry per row ("first cell: header: value; ...")
    text_as_list: bool = False


@dataclass
class Doc:
    title: str
    lang: str
    blocks: list[Any] = field(default_factory=list)

    def add(self, *blocks: Any) -> None:
        self.blocks.extend(b for b in blocks if b is not None)


class L10n:
    """The language of one report: gettext plus the labels of grades, link kinds, bases."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._ = translate(lang)

    def __call__(self, text: str) -> str:
        return self._(text)

    def msg(self, m: Msg) -> str:
        return m.render(self._, self.lang)

    def grade(self, g: str) -> str:
        return self._(g)

    def kind(self, k: str) -> str:
        return self._(k)

    def name(self, v: Verdict) -> str:
        return v.name.get(self.lang) or v.name.get("en") or v.id


# catalogue entries used through variables (grades, kinds, bases)
_TERMS = (
    N_("satisfied"),
    N_("satisfied_indirect"),
    N_("conditional"),
    N_("unknown"),
    N_("not_satisfied"),
    N_("direct"),
    N_("chain"),
    N_("contractual"),
    N_("periodic"),
    N_("revocable"),
    N_("diffuse"),
    N_("none"),
    N_("firm"),
    N_("relation"),
    N_("recommendation"),
    N_("assumption"),
    N_("turnout"),
    N_("interpretation"),
    N_("projection"),
    N_("clause"),
    N_("form"),
    N_("data"),
    N_("private"),
    N_("person"),
    N_("state_body"),
    N_("association"),
    N_("company"),
    N_("role"),
    N_("more than"),
    N_("at least"),
)


def collapse(text: str) -> str:
    return collapse_regional(text)


def bases_lines(t: L10n, bases: Iterable[Basis], only_conditional: bool = False) -> list[str]:
    """What a verdict rests on, one line per kind of basis, per-fylke ids collapsed (×15)."""
    groups: dict[tuple[str, str, str, str], int] = {}
    for b in bases:
        if b.kind == "data":
            continue
        if only_conditional and not b.conditional:
            continue
        if b.kind == "relation" and b.link == "firm" and only_conditional:
            continue
        key = (b.kind, collapse(b.ref), b.link, b.text if b.kind != "relation" else "")
        groups[key] = groups.get(key, 0) + 1
    order = {
        k: i
        for i, k in enumerate(
            (
                "recommendation",
                "relation",
                "turnout",
                "interpretation",
                "projection",
                "assumption",
                "clause",
                "form",
            )
        )
    }
    lines = []
    for (kind, ref, link, text), n in sorted(
        groups.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1])
    ):
        label = t.kind(kind)
        if kind == "relation":
            label = f"{t.kind(link)} {t('link')}"
        count = f" (×{n})" if n > 1 else ""
        line = f"{label}: {ref}{count}"
        if text and kind not in ("relation", "recommendation"):
            # the readings are govmodel's own texts (in the catalogue); assumptions are the model's
            line += f" — {t(text) if kind in ('interpretation', 'projection') else text}"
        lines.append(line)
    return lines


# -- evaluation document ----------------------------------------------------------------------


def _decision_rows(t: L10n, v: Verdict) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for e in v.elements:
        alone = []
        for b in e.rests_on:
            if b.kind == "data" and b.ref.startswith("passes_alone:"):
                alone.append(t("{who} passes alone").format(who=b.ref.split(":", 1)[1]))
            elif b.kind == "data" and b.ref.startswith("blocks_alone:"):
                who = b.ref.split(":", 1)[1]
                if f"passes_alone:{who}" not in {x.ref for x in e.rests_on}:
                    alone.append(t("{who} blocks alone").format(who=who))
        rows.append(
            (
                Cell(e.key.split(".", 1)[-1]),
                Cell(t.grade(e.verdict), e.verdict),
                Cell(_route_label(t, e.route)),
                Cell(_stop_label(t, e)),
                Cell(", ".join(alone) or "–"),
            )
        )
    return rows


def _route_label(t: L10n, route: str | None) -> str:
    return {
        "direct": t("own votes"),
        "chain": t("through links"),
        "none": t("no"),
    }.get(route or "", route or "")


def _stop_label(t: L10n, e: Element) -> str:
    for m in e.reasoning:
        if m.text.startswith("they can stop it with their own votes"):
            return t("own votes")
        if m.text.startswith(("they can stop it through", "{first}; or {others}")):
            return t("through links")
        if m.text.startswith("they can stop it by blocking"):
            return t("through links")
        if m.text.startswith("the authorities cannot stop it"):
            return t("no")
    return "–"


def criterion_blocks(t: L10n, v: Verdict) -> list[Any]:
    out: list[Any] = [
        Heading(f"{t.name(v)} — {t.grade(v.verdict)}", 3),
        Para(f"{v.section}", small=True),
    ]
    out.append(Bullets(tuple(t.msg(m) for m in v.reasoning)))
    if (
        v.id in ("joint_control_influence", "control_single")
        and v.elements
        and "." in (v.elements[0].key)
    ):
        out.append(
            Table(
                (t("decision"), t("verdict"), t("they pass it"), t("they stop it"), t("others")),
                tuple(_decision_rows(t, v)),
                wide=(4,),
            )
        )
        # elements with the same reasoning are listed together
        grouped: dict[str, list[str]] = {}
        for e in v.elements:
            if e.verdict == "satisfied":
                continue
            text = "; ".join(t.msg(m) for m in e.reasoning)
            grouped.setdefault(text, []).append(e.key.split(".", 1)[-1])
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
                        Cell(e.key),
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
    out.append(Para(t("Sources: {sources}").format(sources="; ".join(v.sources)), small=True))
    return out


SHORT_NAMES = {
    "control_single": N_("control (one authority)"),
    "joint_control_representation": N_("representation of every authority"),
    "joint_control_influence": N_("decisive influence"),
    "no_contrary_interests": N_("no contrary interests"),
    "indirect_control": N_("indirect control"),
    "activity": N_("activity"),
    "no_private_capital": N_("no direct private capital"),
    "control": N_("Kontrollkriteriet"),
    "in_house": N_("Utvidet egenregi"),
}


def short_name(t: L10n, cid: str) -> str:
    return t(SHORT_NAMES[cid]) if cid in SHORT_NAMES else cid


def short_section(section: str) -> str:
    """``§ 3-2 (2) a`` from ``anskaffelsesforskriften § 3-2 (2) a``; the first part of a list."""
    text = section.replace("anskaffelsesforskriften ", "").replace(" annet punktum", " 2. pkt.")
    for sep in (",", " og "):
        if sep in text:
            text = text.split(sep)[0] + " …"
    return text


def summary_table(t: L10n, ev: Evaluation) -> Table:
    rows = []
    by_id = {v.id: v for v in ev.criteria + ev.summary}
    control = by_id.get("control")
    if control:
        rows.append(
            (
                Cell(short_name(t, "control"), strong=True),
                Cell(""),
                Cell(t.grade(control.verdict), control.verdict, True),
            )
        )
    parts = (
        "control_single",
        "joint_control_representation",
        "joint_control_influence",
        "no_contrary_interests",
        "indirect_control",
    )
    for cid in parts + ("activity", "no_private_capital"):
        if cid in by_id:
            v = by_id[cid]
            rows.append(
                (
                    Cell(short_name(t, cid), indent=1 if cid in parts else 0),
                    Cell(short_section(v.section)),
                    Cell(t.grade(v.verdict), v.verdict),
                )
            )
    if "in_house" in by_id:
        v = by_id["in_house"]
        rows.append(
            (
                Cell(short_name(t, "in_house"), strong=True),
                Cell(""),
                Cell(t.grade(v.verdict), v.verdict, True),
            )
        )
    return Table((t("criterion"), t("section"), t("verdict")), tuple(rows))


def coverage_blocks(t: L10n, ev: Evaluation) -> list[Any]:
    out: list[Any] = [Heading(t("Representation: every authority in every body"), 2)]
    kinds = [k for k in LINK_KINDS if any(b.counts()[k] for b in ev.coverage.bodies)]
    rows = []
    for bc in ev.coverage.bodies:
        counts = bc.counts()
        rows.append(
            (Cell(ev.model.organs[bc.body].name),)
            + tuple(Cell(str(counts[k]) if counts[k] else "–") for k in kinds)
        )
    out.append(Table((t("body"),) + tuple(t.kind(k) for k in kinds), tuple(rows)))
    examples = []
    for bc in ev.coverage.bodies:
        seen = set()
        for c in bc.cells:
            if c.link in seen or c.link == "none":
                continue
            seen.add(c.link)
            examples.append(f"{t.kind(c.link)}: {c.hops}")
    if examples:
        out.append(Para(t("Paths, one example per body and kind:")))
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


def coalition_text(coalitions: Sequence[Sequence[str]], limit: int = 6) -> str:
    parts = [" + ".join(c) for c in coalitions[:limit]]
    if len(coalitions) > limit:
        parts.append(f"… (+{len(coalitions) - limit})")
    return " | ".join(parts) or "–"


def decisions_blocks(t: L10n, ev: Evaluation) -> list[Any]:
    if not ev.decisions:
        return []
    rows = []
    for ds in ev.decisions:
        rows.append(
            (
                Cell(
                    f"{ds.organ}.{ds.decision}" if ds.organ != "generalforsamling" else ds.decision
                ),
                Cell(ev.model.decision(ds.organ, ds.decision).rule.describe(t.lang)),
                Cell(t.kind(ds.authorities_can_force) if ds.authorities_can_force else t("no")),
                Cell(coalition_text(ds.minimal_blocking)),
                Cell(coalition_text(ds.minimal_blocking_direct)),
            )
        )
    return [
        Heading(t("Who can pass and who can block"), 2),
        Table(
            (
                t("decision"),
                t("rule"),
                t("authorities pass"),
                t("blocking (with links)"),
                t("blocking (own votes)"),
            ),
            tuple(rows),
            text_as_list=True,
        ),
        # with many owners the lists are partial: say exactly what was listed
        *[
            Para(f"{ds.decision}: {ds.summary.describe(t.lang)}", small=True)
            for ds in ev.decisions
            if getattr(ds, "summary", None) is not None
        ],
    ]


def statute_lines(t: L10n, checks: Iterable[StatuteCheck]) -> list[str]:
    out = []
    for c in checks:
        if c.agrees:
            out.append(
                t("{organ}.{decision}: {source} agrees with {section} ({rule})").format(
                    organ=c.organ,
                    decision=c.decision,
                    source=c.source,
                    section=c.section,
                    rule=c.law_rule.describe(t.lang),
                )
            )
        else:
            out.append(
                t(
                    "{organ}.{decision}: {source} says {cited}; {section} says {rule}. The model uses the statute."
                ).format(
                    organ=c.organ,
                    decision=c.decision,
                    source=c.source,
                    cited=c.cited_rule.describe(t.lang),
                    section=c.section,
                    rule=c.law_rule.describe(t.lang),
                )
            )
    return out


def effect_text(t: L10n, e: Any) -> str:
    where = e.criterion if e.element is None else f"{e.criterion} / {e.element}"
    if e.kind == "flip":
        return f"{where}: {t.grade(e.before)} → {t.grade(e.after)}"
    parts = []
    if e.added:
        parts.append(
            t("now also: {items}").format(
                items=", ".join(e.added[:4]) + (" …" if len(e.added) > 4 else "")
            )
        )
    if e.removed:
        parts.append(
            t("no longer: {items}").format(
                items=", ".join(e.removed[:4]) + (" …" if len(e.removed) > 4 else "")
            )
        )
    return f"{where}: {t.grade(e.before)}, {'; '.join(parts)}"


def sensitivity_blocks(t: L10n, findings: Sequence[Any]) -> list[Any]:
    out: list[Any] = [Heading(t("What would change the verdicts"), 2)]
    items = []
    quiet = []
    for f in findings:
        head = t.msg(f.change.label)
        if f.threshold is not None:
            head += f" — {t.msg(f.threshold)}"
        if f.error is not None:
            quiet.append(f"{head}: {t.msg(f.error)}")
            continue
        if not f.effects:
            quiet.append(head)
            continue
        flips = [e for e in f.effects if e.kind == "flip"]
        crit_flips = [e for e in flips if e.element is None]
        lines = (
            [effect_text(t, e) for e in crit_flips]
            + [effect_text(t, e) for e in flips if e.element is not None]
            + [effect_text(t, e) for e in f.effects if e.kind == "shift"]
        )
        items.append(head + ":\n" + "\n".join("  · " + x for x in lines))
    if items:
        out.append(Bullets(tuple(items)))
    if quiet:
        out.append(Para(t("No verdict changes with:")))
        out.append(Bullets(tuple(quiet)))
    return out


def evaluation_doc(ev: Evaluation, lang: str) -> Doc:
    t = L10n(lang)
    m = ev.model
    doc = Doc(t("Utvidet egenregi: {name}").format(name=m.name), lang)
    sub = t("model {id} ({path}); {n} contracting authorities; bodies: {bodies}").format(
        id=m.id, path=m.path, n=len(ev.authorities), bodies=", ".join(ev.bodies)
    )
    if m.scenario:
        sub += "; " + t("scenario: {name}").format(name=m.scenario)
    doc.add(Para(sub, small=True))
    doc.add(Heading(t("Verdicts"), 2), summary_table(t, ev))
    if ev.not_applicable:
        doc.add(
            Para(
                t("Not applicable: {items}").format(
                    items="; ".join(f"{cid} ({t.msg(why)})" for cid, why in ev.not_applicable)
                ),
                small=True,
            )
        )
    doc.add(
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
    checks = [c for c in ev.statute_checks]
    if checks:
        doc.add(Heading(t("Rules cited from the study, checked against the statute"), 2))
        doc.add(Bullets(tuple(statute_lines(t, checks))))
    doc.add(Heading(t("The criteria"), 2))
    for v in ev.criteria:
        doc.add(*criterion_blocks(t, v))
    doc.add(*coverage_blocks(t, ev))
    doc.add(*decisions_blocks(t, ev))
    if ev.sensitivity is not None:
        doc.add(*sensitivity_blocks(t, ev.sensitivity))
    return doc


# -- writers ----------------------------------------------------------------------------------

_STYLE = {
    "satisfied": "bold green",
    "satisfied_indirect": "green",
    "conditional": "yellow",
    "unknown": "magenta",
    "not_satisfied": "bold red",
}


def to_text(doc: Doc, color: bool = False, width: int = 80) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RTable
    from rich.text import Text

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    console.print(Text(doc.title, style="bold"))
    for b in doc.blocks:
        if isinstance(b, Heading):
            console.print()
            style = "bold underline" if b.level <= 2 else "bold"
            console.print(Text(b.text, style=style))
        elif isinstance(b, Para):
            style = "dim" if b.small else (_STYLE.get(b.grade or "", "") or "")
            console.print(Text(b.text, style=style))
        elif isinstance(b, Bullets):
            grid = RTable.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for item in b.items:
                lines = item.split("\n")
                grid.add_row("•", Text(lines[0]))
                for line in lines[1:]:
                    grid.add_row("", Text(line.strip()))
            console.print(grid)
        elif isinstance(b, Table) and b.text_as_list:
            grid = RTable.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for row in b.rows:
                marks = [c.text for h, c in zip(b.headers, row, strict=False) if not h and c.text]
                text = Text(row[0].text, style="bold")
                first = True
                for h, c in zip(b.headers[1:], row[1:], strict=False):
                    if not h:
                        continue
                    text.append(f" — {h}: " if first else f"; {h}: ")
                    first = False
                    text.append(c.text, style=_STYLE.get(c.grade or "", "") if c.grade else "")
                grid.add_row(" ".join(marks) or "•", text)
            console.print(grid)
        elif isinstance(b, Table):
            table = RTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
            for i, h in enumerate(b.headers):
                table.add_column(
                    Text(h, style="bold"),
                    overflow="fold",
                    # the first column names things: keep short names whole
                    no_wrap=i == 0 and bool(b.rows) and max(len(r[0].text) for r in b.rows) <= 24,
                )
            for row in b.rows:
                cells = []
                for c in row:
                    style = _STYLE.get(c.grade or "", "") if c.grade else ""
                    if c.strong:
                        style = (style + " bold").strip()
                    cells.append(Text("  " * c.indent + c.text, style=style))
                table.add_row(*cells)
            console.print(table)
    out = buf.getvalue()
    return "\n".join(line.rstrip() for line in out.splitlines()) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(doc: Doc) -> str:
    out = [f"# {doc.title}", ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + b.text, ""]
        elif isinstance(b, Para):
            text = f"*{b.text}*" if b.small else b.text
            out += [text, ""]
        elif isinstance(b, Bullets):
            for item in b.items:
                lines = item.split("\n")
                out.append(f"- {lines[0]}")
                for line in lines[1:]:
                    out.append(f"  - {line.strip().lstrip('·').strip()}")
            out.append("")
        elif isinstance(b, Table):
            out.append("| " + " | ".join(_md_escape(h) for h in b.headers) + " |")
            out.append("|" + "|".join("---" for _ in b.headers) + "|")
            for row in b.rows:
                cells = []
                for c in row:
                    text = _md_escape(c.text)
                    if c.strong and text.strip():
                        text = f"**{text.strip()}**"
                    cells.append("&emsp;" * c.indent + text)
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


_CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#111;line-height:1.4}
h1{font-size:1.5rem;border-bottom:2px solid #333;padding-bottom:.3rem}
h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #999}
h3{font-size:1.05rem;margin-top:1.4rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.9rem;width:100%}
th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}
p.small{font-size:.85rem;color:#444}
ul{margin:.3rem 0 .8rem 1.2rem;padding:0}
li{margin:.15rem 0}
.g{font-weight:bold;white-space:nowrap}
.g-satisfied{background:#d8f0d8}
.g-satisfied_indirect{background:#e6f4e6}
.g-conditional{background:#fff2c6}
.g-unknown{background:#eee0f4}
.g-not_satisfied{background:#f7d4d4}
.strong{font-weight:bold}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{page-break-after:avoid}
table{page-break-inside:auto}tr{page-break-inside:avoid}
.g-satisfied,.g-satisfied_indirect,.g-conditional,.g-unknown,.g-not_satisfied{
-webkit-print-color-adjust:exact;print-color-adjust:exact}}
""".strip()


def to_html(doc: Doc) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(doc.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(doc.title)}</h1>",
    ]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(f"<h{b.level}>{e(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            cls = ' class="small"' if b.small else ""
            out.append(f"<p{cls}>{e(b.text)}</p>")
        elif isinstance(b, Bullets):
            out.append("<ul>")
            for item in b.items:
                lines = item.split("\n")
                if len(lines) == 1:
                    out.append(f"<li>{e(lines[0])}</li>")
                else:
                    sub = "".join(
                        f"<li>{e(line.strip().lstrip('·').strip())}</li>" for line in lines[1:]
                    )
                    out.append(f"<li>{e(lines[0])}<ul>{sub}</ul></li>")
            out.append("</ul>")
        elif isinstance(b, Table):
            out.append("<table>")
            out.append(
                "<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in b.headers) + "</tr></thead>"
            )
            out.append("<tbody>")
            for row in b.rows:
                cells = []
                for c in row:
                    classes = []
                    if c.grade:
                        classes += ["g", f"g-{c.grade}"]
                    if c.strong:
                        classes.append("strong")
                    cls = f' class="{" ".join(classes)}"' if classes else ""
                    pad = (
                        f' style="padding-left:{0.45 + 1.2 * c.indent:.2f}rem"' if c.indent else ""
                    )
                    cells.append(f"<td{cls}{pad}>{e(c.text)}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</tbody></table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(doc: Doc, fmt: str, color: bool = False) -> str:
    if fmt == "text":
        return to_text(doc, color=color)
    if fmt == "md":
        return to_markdown(doc)
    if fmt == "html":
        return to_html(doc)
    raise ValueError(f"unknown format {fmt!r}")


# -- JSON -------------------------------------------------------------------------------------


def _num(v: Any) -> Any:
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return v


def basis_json(b: Basis) -> dict[str, Any]:
    return {
        "kind": b.kind,
        "ref": b.ref,
        "link": b.link or None,
        "text": b.text or None,
        "source": b.source or None,
        "conditional": b.conditional,
    }


def verdict_json(t: L10n, v: Verdict) -> dict[str, Any]:
    return {
        "id": v.id,
        "name": t.name(v),
        "section": v.section,
        "verdict": v.verdict,
        "reasoning": [t.msg(m) for m in v.reasoning],
        "sources": list(v.sources),
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


def finding_json(t: L10n, f: Any) -> dict[str, Any]:
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


def evaluation_json(ev: Evaluation, lang: str) -> dict[str, Any]:
    t = L10n(lang)
    m = ev.model
    out: dict[str, Any] = {
        "model": {
            "id": m.id,
            "name": m.name,
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
                "name": ds.name,
                "rule": ds.rule,
                "authorities_can_force": ds.authorities_can_force,
                "authorities_can_block": ds.authorities_can_block,
                "minimal_winning": [list(c) for c in ds.minimal_winning],
                "minimal_blocking": [list(c) for c in ds.minimal_blocking],
                "minimal_winning_direct": [list(c) for c in ds.minimal_winning_direct],
                "minimal_blocking_direct": [list(c) for c in ds.minimal_blocking_direct],
                "lists_complete": getattr(ds, "summary", None) is None,
                "summary": None
                if getattr(ds, "summary", None) is None
                else {
                    "units": ds.summary.units,
                    "listed_up_to": ds.summary.listed_up_to,
                    "fewest_to_pass": ds.summary.fewest_to_pass,
                    "fewest_to_block": ds.summary.fewest_to_block,
                    "chains_singletons_only": ds.summary.chains_singletons_only,
                    "text": ds.summary.describe("en"),
                },
            }
            for ds in ev.decisions
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
                "text": statute_lines(t, [c])[0],
            }
            for c in ev.statute_checks
        ],
    }
    if ev.sensitivity is not None:
        out["sensitivity"] = [finding_json(t, f) for f in ev.sensitivity]
    return out


__all__ = [
    "Bullets",
    "Cell",
    "Doc",
    "Heading",
    "L10n",
    "Para",
    "Table",
    "evaluation_doc",
    "evaluation_json",
    "render",
    "to_html",
    "to_markdown",
    "to_text",
]
