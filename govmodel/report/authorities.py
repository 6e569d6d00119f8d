"""Every contracting authority: who it is, what it holds and how it is represented in each
decision-making body — the appendix of the evaluation report and ``govmodel coverage``.

One row per authority (all of them, in the model's order): name, fylke, population, shares and
votes at the general meeting where it holds any, and for each body the strength of its link
(the glossary's coverage kinds) and the route in words ("Utsira is a member of Fylkesmøtet i KS
Rogaland, which elects Landstinget, …").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from govmodel.analysis.criteria import Evaluation
from govmodel.model import Model
from govmodel.population import fylke_names
from govmodel.report.document import Block, Cell, Heading, Para, Table
from govmodel.report.l10n import L10n


@dataclass(frozen=True)
class BodyLink:
    body: str  # organ id
    link: str  # coverage kind id
    route: str  # the route in words


@dataclass(frozen=True)
class AuthorityRow:
    id: str
    name: str
    kind: str
    fylke: str
    population: int | None
    shares: int
    votes: Fraction
    links: tuple[BodyLink, ...]


def _holdings(model: Model) -> tuple[dict[str, int], dict[str, Fraction]]:
    votes_per = {c.id: c.votes_per_share for c in model.company.share_classes}
    shares: dict[str, int] = {}
    votes: dict[str, Fraction] = {}
    for h in model.company.holdings:
        shares[h.holder] = shares.get(h.holder, 0) + h.shares
        votes[h.holder] = votes.get(h.holder, Fraction(0)) + h.shares * votes_per.get(
            h.share_class, Fraction(1)
        )
    return shares, votes


def authority_rows(t: L10n, ev: Evaluation) -> list[AuthorityRow]:
    """One row per contracting authority of the evaluation."""
    model = ev.model
    fylker = fylke_names(model.population_source, Path(model.path).parent if model.path else None)
    shares, votes = _holdings(model)
    cells = {(c.authority, bc.body): c for bc in ev.coverage.bodies for c in bc.cells}
    rows = []
    for aid in ev.authorities:
        a = model.actors[aid]
        links = []
        for bc in ev.coverage.bodies:
            c = cells.get((aid, bc.body))
            if c is None:
                continue
            if c.link == "direct":
                route = t("{who} is itself a shareholder or holds a seat in {body}").format(
                    who=t.name(aid), body=t.name(bc.body)
                )
            elif c.link == "none":
                route = t("no route")
            else:
                route = t.namer.route(c.hops) if t.namer else c.hops
            links.append(BodyLink(bc.body, c.link, route))
        rows.append(
            AuthorityRow(
                id=aid,
                name=t.text(a.name),
                kind=a.kind,
                fylke=fylker.get(a.fylke or "", a.fylke or ""),
                population=a.population,
                shares=shares.get(aid, 0),
                votes=votes.get(aid, Fraction(0)),
                links=tuple(links),
            )
        )
    return rows


def authority_blocks(t: L10n, ev: Evaluation) -> list[Block]:
    """The appendix: a table of every authority."""
    rows = authority_rows(t, ev)
    bodies = [bc.body for bc in ev.coverage.bodies]
    holds = any(r.shares for r in rows)
    headers = [t("authority"), t("fylke"), t("population")]
    if holds:
        headers += [t("shares"), t("votes")]
    for b in bodies:
        headers.append(t("{body}: link and route").format(body=t.name(b)))
    table_rows = []
    for r in rows:
        cells = [
            Cell(r.name + (f" [{r.id}]" if t.ids else "")),
            Cell(r.fylke),
            Cell(t.number(r.population) if r.population is not None else "–"),
        ]
        if holds:
            cells += [
                Cell(t.number(r.shares) if r.shares else "–"),
                Cell(t.number(r.votes) if r.votes else "–"),
            ]
        by_body = {x.body: x for x in r.links}
        for b in bodies:
            x = by_body.get(b)
            cells.append(Cell(f"{t.term(x.link)}: {x.route}" if x else "–"))
        table_rows.append(tuple(cells))
    return [
        Heading(t("Appendix: every contracting authority"), 2),
        Para(
            t(
                "{n} authorities. For each body: the strength of the authority's link (the weakest "
                "link of its best route) and the route in words."
            ).format(n=t.number(len(rows)))
        ),
        *_apportioning(t, ev.model),
        Table(
            tuple(headers),
            tuple(table_rows),
            wide=tuple(range(len(headers) - len(bodies), len(headers))),
        ),
    ]


def _apportioning(t: L10n, model: Model) -> list[Block]:
    """How the group blocks of shares were divided among the members, with the block's source
    and assumption: the shares column rests on it (an equal split where no population is
    known, a per-capita split where the study leaves the division open)."""
    if not model.has_company:
        return []
    out: list[Block] = []
    for b in model.company.blocks:
        if not b.is_group or b.allocate is None:
            continue
        if b.allocate == "equal":
            line = t("{group}: {shares} shares divided equally among the members")
        elif b.allocate == "population":
            line = t("{group}: {shares} shares divided in proportion to population")
        else:
            line = t("{group}: {shares} shares divided in proportion to “{key}”")
        text = line.format(group=t.name(b.holder), shares=t.number(b.shares), key=b.allocate)
        out.append(Para(f"{text} ({t.source(b.provenance)})."))
    return out


__all__ = ["AuthorityRow", "BodyLink", "authority_blocks", "authority_rows"]
